"""The outbox: an officer's changes and new threats, queued with the edit shown on the
cached report, sent, settled by the store's answers (applied, conflict, refused) or
dismissed. push.py talks to the store; every state change of the outbox is here."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from ...i18n import tr
from ..errors import CacheError
from ..session import session
from .reports import ReportWrites
from .rows import feature_row
from .schema import NEW_ID_BASE, REPORTS
from .seen import Seen

_OUTBOX_COLUMNS = (
    "op_id, report_id, base_revision, status, note, created_at, state, reason, server_state"
)


@dataclass
class NewThreat:
    """A police-sourced threat waiting in the outbox: its POST /reports item, and its id in
    the cache until the store gives it one."""

    op_id: str
    local_id: int
    item: dict
    state: str  # pending | rejected
    reason: str | None


@dataclass
class OutboxChange:
    op_id: str
    report_id: int
    base_revision: int
    status: str | None
    note: str | None
    created_at: str
    state: str  # pending | rejected | conflict
    reason: str | None
    server_state: str | None = None  # the store's Feature (JSON) after a conflict

    def as_request(self) -> dict:
        change = {
            "op_id": self.op_id,
            "report_id": self.report_id,
            "base_revision": self.base_revision,
        }
        if self.status:
            change["status"] = self.status
        if self.note:
            change["note"] = self.note
        return change


# an officer's change shown on the cached report until the store confirms it
SHOW_CHANGE = (
    f"UPDATE {REPORTS} SET status=coalesce(?, status), last_note=coalesce(?, last_note), "
    "pending=1 WHERE fid=?"
)


class Outbox(ReportWrites, Seen):
    """The outbox tables (kmzb_outbox, kmzb_new_reports) and the edits they show."""

    def record_changes(
        self, report_ids: list[int], status: str | None, note: str | None
    ) -> list[str]:
        """Save an officer's change in the cached reports and the outbox, atomically."""
        with self.transaction():
            return [self.queue_change(report_id, status, note) for report_id in report_ids]

    def queue_change(self, report_id: int, status: str | None, note: str | None) -> str:
        """One outbox row based on the cached revision, and the edit shown on the cached
        report; call inside a transaction."""
        row = self.db.execute(f"SELECT revision FROM {REPORTS} WHERE fid=?", (report_id,))
        row = row.fetchone()
        if row is None:
            raise CacheError(tr("Report {} is not in the local cache.").format(report_id))
        op_id = str(uuid.uuid4())
        self.db.execute(
            "INSERT INTO kmzb_outbox(op_id, report_id, base_revision, status, "
            "note, created_at, state) VALUES (?,?,?,?,?,?, 'pending')",
            (
                op_id,
                report_id,
                row[0],
                status,
                note,
                datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            ),
        )
        self.db.execute(
            SHOW_CHANGE,
            (status, note, report_id),
        )
        return op_id

    def show_waiting_changes(self, report_ids: list[int]) -> None:
        """After the store's version of these reports was written: put the officer's changes
        still in the outbox back on top, in order, and mark exactly those reports pending
        (call inside a transaction)."""
        ids = [(i,) for i in report_ids]
        self.db.executemany(f"UPDATE {REPORTS} SET pending=0 WHERE fid=?", ids)
        marks = ",".join("?" * len(report_ids))
        waiting = self.db.execute(
            f"SELECT report_id, status, note FROM kmzb_outbox WHERE report_id IN ({marks}) "
            "ORDER BY seq",
            report_ids,
        ).fetchall()
        self.db.executemany(
            SHOW_CHANGE,
            [(status, note, report_id) for report_id, status, note in waiting],
        )

    def count_attempts(self, changes: list[OutboxChange]) -> None:
        """These changes are about to be sent (once more)."""
        with self.transaction() as db:
            db.executemany(
                "UPDATE kmzb_outbox SET attempts = attempts + 1 WHERE op_id=?",
                [(c.op_id,) for c in changes],
            )

    def settle_changes(self, answers: list[tuple[OutboxChange, dict]]) -> list[str | None]:
        """The store's answers to sent changes, in one transaction: an applied one leaves the
        outbox (later changes of its report rebase on its revision, the store's version is
        cached), a conflict keeps the store's state to resolve, a refused one its reason.
        Each answer's "result" is applied, conflict, rejected or forbidden (push checks it).
        Returns the store's reason of each refused change (None for the others)."""
        applied: dict[int, dict | None] = {}
        reasons: list[str | None] = []
        with self.transaction() as db:
            for change, answer in answers:
                kind, reason = answer.get("result"), None
                if kind == "applied":
                    db.execute("DELETE FROM kmzb_outbox WHERE op_id=?", (change.op_id,))
                    revision = int(answer["revision"])
                    db.execute(
                        "UPDATE kmzb_outbox SET base_revision=? WHERE report_id=? "
                        "AND state='pending'",
                        (revision, change.report_id),
                    )
                    applied[change.report_id] = answer.get("report")
                elif kind == "conflict":
                    db.execute(
                        "UPDATE kmzb_outbox SET state='conflict', reason=?, server_state=? "
                        "WHERE op_id=?",
                        (
                            tr("Someone else changed this report meanwhile."),
                            json.dumps(answer.get("current")),
                            change.op_id,
                        ),
                    )
                else:
                    reason = (
                        answer.get("reason")
                        if kind == "rejected"
                        else tr("You are not allowed to change this report.")
                    )
                    db.execute(
                        "UPDATE kmzb_outbox SET state='rejected', reason=? WHERE op_id=?",
                        (str(reason or tr("no reason given"))[:1000], change.op_id),
                    )
                reasons.append(reason)
            self._store_features(applied)
        return reasons

    def _store_features(self, features: dict[int, dict | None]) -> None:
        """Write the store's versions of reports (inside the caller's transaction) in one go,
        with the officer's changes that still wait in the outbox shown on top."""
        rows = []
        for feature in features.values():
            try:
                row = feature_row(feature) if feature else None
            except (KeyError, TypeError, ValueError, IndexError):
                row = None
            if row is not None:
                rows.append(row)
        self.write_rows(rows, keep_pending=False)
        self.show_waiting_changes(list(features))

    def resolve_conflict(self, op_id: str, reapply: bool) -> str | None:
        """After a conflict: re-apply the officer's change on top of the store's current state
        (a new op_id, based on the current revision) or drop it and take the store's version.
        Returns the new op_id when re-applied."""
        change = self.outbox_change(op_id)
        if change is None or change.state != "conflict":
            return None
        current = json.loads(change.server_state) if change.server_state else None
        with self.transaction() as db:
            db.execute("DELETE FROM kmzb_outbox WHERE op_id=?", (op_id,))
            self._store_features({change.report_id: current})  # cached revision = current
            if reapply and current:
                return self.queue_change(change.report_id, change.status, change.note)
        return None

    def outbox(self, states: tuple[str, ...] = ("pending",)) -> list[OutboxChange]:
        marks = ",".join("?" * len(states))
        cur = self.db.execute(
            f"SELECT {_OUTBOX_COLUMNS} FROM kmzb_outbox WHERE state IN ({marks}) ORDER BY seq",
            states,
        )
        return [OutboxChange(*row) for row in cur]

    def outbox_change(self, op_id: str) -> OutboxChange | None:
        row = self.db.execute(
            f"SELECT {_OUTBOX_COLUMNS} FROM kmzb_outbox WHERE op_id=?", (op_id,)
        ).fetchone()
        return OutboxChange(*row) if row else None

    def pending_count(self) -> int:
        return self.db.execute(
            "SELECT (SELECT count(*) FROM kmzb_outbox WHERE state='pending') + "
            "(SELECT count(*) FROM kmzb_new_reports WHERE state='pending')"
        ).fetchone()[0]

    # --- police-sourced threats added in QGIS ------------------------------------------
    def record_new_threat(self, item: dict) -> int:
        """A threat an officer adds (``item`` as POST /reports takes it, with its op_id):
        shown among the cached reports and queued in the outbox, atomically. Returns its
        local id."""
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        meta = session(self).meta
        assert meta is not None, "threats are added only after a pull"
        with self.transaction() as db:
            seq = db.execute(
                "INSERT INTO kmzb_new_reports(op_id, item, created_at, state) "
                "VALUES (?, ?, ?, 'pending')",
                (item["op_id"], json.dumps(item), now),
            ).lastrowid
            assert seq is not None
            local_id = NEW_ID_BASE + seq
            db.execute("UPDATE kmzb_new_reports SET local_id=? WHERE seq=?", (local_id, seq))
            props = {
                **item,
                "revision": 0,
                "status": meta.new_code,
                "submitted_at": now,
                "updated_at": now,
            }
            feature = {"id": local_id, "geometry": {"coordinates": [item["lon"], item["lat"]]}}
            row = feature_row({**feature, "properties": props})
            assert row is not None  # not a tombstone
            self.write_rows([row], keep_pending=False)
            db.execute(f"UPDATE {REPORTS} SET pending=1 WHERE fid=?", (local_id,))
        return local_id

    def new_threats(self, states: tuple[str, ...] = ("pending",)) -> list[NewThreat]:
        marks = ",".join("?" * len(states))
        cur = self.db.execute(
            f"SELECT op_id, local_id, item, state, reason FROM kmzb_new_reports "
            f"WHERE state IN ({marks}) ORDER BY seq",
            states,
        )
        return [NewThreat(op, local, json.loads(item), st, why) for op, local, item, st, why in cur]

    def settle_new_threats(self, answers: list[tuple[NewThreat, dict]]) -> None:
        """The store's answers to new threats, in one transaction: an applied one takes its
        store id and version (changes queued on it follow), a refused one leaves the map
        and stays in the outbox with the reason."""
        with self.transaction() as db:
            for threat, answer in answers:
                self.delete_rows([threat.local_id])
                if answer.get("result") == "applied":
                    row = feature_row(answer.get("report") or {})
                    self.write_rows([row] if row else [], keep_pending=False)
                    db.execute("DELETE FROM kmzb_new_reports WHERE op_id=?", (threat.op_id,))
                    self.mark_seen("new", [int(answer["id"])])  # one's own: no news
                    db.execute(
                        "UPDATE kmzb_outbox SET report_id=?, base_revision=? WHERE report_id=?",
                        (int(answer["id"]), int(answer["revision"]), threat.local_id),
                    )
                else:
                    reason = answer.get("reason") or tr("You may not add a threat there.")
                    db.execute(
                        "UPDATE kmzb_new_reports SET state='rejected', reason=? WHERE op_id=?",
                        (str(reason)[:1000], threat.op_id),
                    )

    def dismiss_new_threat(self, op_id: str) -> bool:
        """The officer read a refused threat's reason and lets it go: it leaves the outbox
        with the changes queued on it (they can never be sent). False when not refused."""
        with self.transaction() as db:
            row = db.execute(
                "SELECT local_id FROM kmzb_new_reports WHERE op_id=? AND state='rejected'",
                (op_id,),
            ).fetchone()
            if row is None:
                return False
            db.execute("DELETE FROM kmzb_outbox WHERE report_id=?", (row[0],))
            db.execute("DELETE FROM kmzb_new_reports WHERE op_id=?", (op_id,))
        return True
