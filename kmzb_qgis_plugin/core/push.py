"""Push: the outbox -> POST /reports (new police-sourced threats, first) and
POST /verifications, exactly once.

A change leaves the outbox only after the store confirmed it. Every change keeps its op_id
across retries, so a change whose answer was lost is re-sent and the store returns the
first result without applying it again. At most one change per report is in flight: a later
change of the same report waits, and is rebased on the revision the earlier one produced.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from ..i18n import tr
from .api_client import StoreClient
from .cache import NEW_ID_BASE, Cache, OutboxChange, feature_row
from .errors import BadResponse, Cancelled

BATCH_SIZE = 500


@dataclass
class PushResult:
    applied: int = 0
    conflicts: int = 0
    rejected: int = 0
    batches: int = 0
    messages: list[str] = field(default_factory=list)


def sendable(cache: Cache, limit: int) -> list[OutboxChange]:
    """The first unresolved change of each report, if it is pending (not blocked) and the
    report is in the store (a new threat's changes wait for its store id)."""
    firsts: dict[int, OutboxChange] = {}
    for change in cache.outbox(("pending", "rejected", "conflict")):
        firsts.setdefault(change.report_id, change)
    return [c for c in firsts.values() if c.state == "pending" and c.report_id < NEW_ID_BASE][
        :limit
    ]


def push(
    client: StoreClient,
    cache: Cache,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[float], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> PushResult:
    """Send every sendable outbox change; network failures leave them queued for later."""
    result = PushResult()
    total = max(cache.pending_count(), 1)
    while threats := cache.new_threats()[:batch_size]:
        if is_cancelled and is_cancelled():
            raise Cancelled(tr("Push cancelled; unsent changes stay queued."))
        answers = client.add_reports([t.item for t in threats])
        by_op = {a.get("op_id"): a for a in answers if isinstance(a, dict)}
        if set(by_op) != {t.op_id for t in threats}:
            raise BadResponse(tr("The store's answer misses a change."), repr(answers)[:500])
        cache.settle_new_threats([(t, by_op[t.op_id]) for t in threats])
        for t in threats:
            if by_op[t.op_id].get("result") == "applied":
                result.applied += 1
            else:
                result.rejected += 1
                result.messages.append(str(by_op[t.op_id].get("reason") or ""))
        result.batches += 1
    while batch := sendable(cache, batch_size):
        if is_cancelled and is_cancelled():
            raise Cancelled(tr("Push cancelled; unsent changes stay queued."))
        with cache.transaction() as db:
            db.executemany(
                "UPDATE kmzb_outbox SET attempts = attempts + 1 WHERE op_id=?",
                [(c.op_id,) for c in batch],
            )
        answers = client.verifications([c.as_request() for c in batch])
        apply_results(cache, batch, answers, result)
        result.batches += 1
        if progress:
            progress(
                min(100.0, 100.0 * (result.applied + result.conflicts + result.rejected) / total)
            )
    return result


def apply_results(
    cache: Cache, batch: list[OutboxChange], answers: list[dict], result: PushResult
) -> None:
    """Record the store's answers in one transaction."""
    by_op = {a.get("op_id"): a for a in answers if isinstance(a, dict)}
    applied: dict[int, dict | None] = {}
    with cache.transaction() as db:
        for change in batch:
            answer = by_op.get(change.op_id)
            if answer is None:
                raise BadResponse(tr("The store's answer misses a change."), change.op_id)
            kind = answer.get("result")
            if kind == "applied":
                db.execute("DELETE FROM kmzb_outbox WHERE op_id=?", (change.op_id,))
                revision = int(answer["revision"])
                db.execute(
                    "UPDATE kmzb_outbox SET base_revision=? WHERE report_id=? AND state='pending'",
                    (revision, change.report_id),
                )
                applied[change.report_id] = answer.get("report")
                result.applied += 1
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
                result.conflicts += 1
            elif kind in ("rejected", "forbidden"):
                reason = (
                    answer.get("reason")
                    if kind == "rejected"
                    else tr("You are not allowed to change this report.")
                )
                db.execute(
                    "UPDATE kmzb_outbox SET state='rejected', reason=? WHERE op_id=?",
                    (str(reason or tr("no reason given"))[:1000], change.op_id),
                )
                result.rejected += 1
                result.messages.append(f"{change.report_id}: {reason}")
            else:
                raise BadResponse(
                    tr("The store's answer to a change is malformed."), repr(answer)[:500]
                )
        _store_features(cache, applied)


def _store_features(cache: Cache, features: dict[int, dict | None]) -> None:
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
    cache.write_rows(rows, keep_pending=False)
    cache.show_waiting_changes(list(features))


def resolve_conflict(cache: Cache, op_id: str, reapply: bool) -> str | None:
    """After a conflict: re-apply the officer's change on top of the store's current state
    (a new op_id, based on the current revision) or drop it and take the store's version.
    Returns the new op_id when re-applied."""
    change = cache.outbox_change(op_id)
    if change is None or change.state != "conflict":
        return None
    current = json.loads(change.server_state) if change.server_state else None
    with cache.transaction() as db:
        db.execute("DELETE FROM kmzb_outbox WHERE op_id=?", (op_id,))
        _store_features(cache, {change.report_id: current})  # cached revision = current
        if reapply and current:
            return cache.queue_change(change.report_id, change.status, change.note)
    return None
