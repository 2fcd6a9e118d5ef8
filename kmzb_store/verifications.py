"""Status and note changes: each checked (scope, base revision, transition, note rule) and
applied in the current write transaction, from a ``/verifications`` batch (once per op_id)
or a single ``PATCH`` with If-Match."""

from __future__ import annotations

from collections.abc import Iterable

import orjson

from . import catalogue
from .auth import Principal
from .common import REPORT_ROW, clean_text, write_history
from .db import Connection
from .errors import Forbidden, Invalid, RevisionRequired, StaleRevision
from .operations import once_per_op
from .report_sql import build_feature_sql, feature_json
from .reports import readable_report
from .util import iso, sha256_hex, utcnow

MAX_NOTE = 2000
MAX_CHANGES = 1000


def change_hash(change: dict) -> str:
    body = {k: change.get(k) for k in ("report_id", "base_revision", "status", "note")}
    return sha256_hex(orjson.dumps(body, option=orjson.OPT_SORT_KEYS))


def _fragment(text: str) -> orjson.Fragment:
    return orjson.Fragment(text.encode() if isinstance(text, str) else text)


class _Reports:
    """The rows a batch touches, loaded once and kept current as changes apply."""

    def __init__(self, conn: Connection, ids: Iterable[int]):
        ids = sorted(set(ids))
        self.rows: dict[int, list] = {}
        self.history: list[tuple] = []  # rows for report_history, written in one go
        if ids:
            sql, params = conn.dialect.in_list("id", ids)
            for row in conn.all(
                f"SELECT {REPORT_ROW} FROM reports WHERE {sql} AND deleted = {conn.dialect.false}",
                params,
            ):
                self.rows[int(row[0])] = list(row)


def apply_change(
    conn: Connection,
    who: Principal,
    change: dict,
    reports: _Reports,
    now_s: str,
    op_id: str | None,
) -> dict:
    """Evaluate and (when allowed) apply one change; returns the result object."""
    base = {"op_id": op_id}
    status = change.get("status")
    note = change.get("note")
    if status is not None and status not in catalogue.STATUS_CODES:
        return {**base, "result": "rejected", "reason": f"unknown status {status!r}"}
    try:
        note = clean_text(note, "note", MAX_NOTE)
    except Invalid as e:
        return {**base, "result": "rejected", "reason": e.message}
    row = reports.rows.get(change["report_id"])
    if row is None or not who.can_read(row[3]):
        return {**base, "result": "rejected", "reason": "report not found"}
    report_id, revision, cur_status, unit_id, district_id, taken_up_at, verified_at = row
    if not who.can_write(unit_id, district_id):
        return {**base, "result": "forbidden"}
    if change["base_revision"] != revision:
        current = feature_json(conn, report_id)
        return {**base, "result": "conflict", "current": _fragment(current)}
    target = cur_status if status is None or status == cur_status else status
    note_text = note.strip() if note else None
    if target == cur_status:
        if not note_text:
            return {**base, "result": "rejected", "reason": "nothing to change: give a status"}
    else:
        if not catalogue.transition_allowed(cur_status, target):
            return {
                **base,
                "result": "rejected",
                "reason": f"transition {cur_status} → {target} is not allowed",
            }
        if catalogue.STATUS_BY_CODE[target].note_required and not note_text:
            return {**base, "result": "rejected", "reason": f"status {target} requires a note"}
    new_rev = conn.next_revision()
    if target != cur_status:
        if taken_up_at is None:
            taken_up_at = now_s
        if target in catalogue.VERIFIED_STATUSES and verified_at is None:
            verified_at = now_s
    sets = "revision = ?, status = ?, taken_up_at = ?, verified_at = ?, updated_at = ?"
    params: list = [new_rev, target, taken_up_at, verified_at, now_s]
    if note_text:
        sets += ", last_note = ?"
        params.append(note_text)
    # SQLite's RETURNING cannot use a table alias: qualify by the table's name there
    returning = build_feature_sql("sqlite", "reports") if conn.dialect.is_sqlite else "feature"
    feature = conn.scalar(
        f"UPDATE reports SET {sets} WHERE id = ? RETURNING {returning}", (*params, report_id)
    )
    reports.history.append((report_id, new_rev, now_s, who.name, cur_status, target, note_text))
    row[1], row[2], row[5], row[6] = new_rev, target, taken_up_at, verified_at
    return {**base, "result": "applied", "revision": new_rev, "report": _fragment(feature)}


def verify_batch(conn: Connection, who: Principal, changes: list[dict]) -> bytes:
    """Apply a batch of changes in the current write transaction; returns the response."""
    if len(changes) > MAX_CHANGES:
        raise Invalid(f"At most {MAX_CHANGES} changes per request.", "too_many_changes")
    reports = _Reports(conn, (c["report_id"] for c in changes))
    answer = once_per_op(
        conn,
        who,
        changes,
        change_hash,
        lambda c, now_s: apply_change(conn, who, c, reports, now_s, c["op_id"]),
    )
    write_history(conn, reports.history)
    return answer


def _revision_of(if_match: str) -> int:
    """The revision an If-Match names (``"12"``, ``W/"12"``, ``12``); -1 when none."""
    tag = if_match.strip()
    if tag.startswith("W/"):
        tag = tag[2:]
    tag = tag.strip('"')
    return int(tag) if tag.isdigit() else -1


def patch_report(
    conn: Connection, who: Principal, report_id: int, if_match: str | None, body: dict
) -> tuple[bytes, int]:
    """One change to one report based on the revision in ``if_match``; the changed Feature
    and its revision, or the domain error saying why not."""
    row = readable_report(conn, who, report_id)
    if not who.can_write(row[3], row[4]):
        raise Forbidden("You may not change this report.")
    if if_match is None:
        raise RevisionRequired()
    change = {"report_id": report_id, "base_revision": _revision_of(if_match), **body}
    reports = _Reports(conn, [report_id])
    result = apply_change(conn, who, change, reports, iso(utcnow()), None)
    write_history(conn, reports.history)
    kind = result["result"]
    if kind == "applied":
        return feature_json(conn, report_id).encode(), int(result["revision"])
    if kind == "conflict":
        raise StaleRevision(result["current"])
    if kind == "forbidden":
        raise Forbidden("You may not change this report.")
    raise Invalid(result.get("reason", "rejected"), "rejected")
