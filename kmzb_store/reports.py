"""Reading one report (scope-checked), its history and attachments; the admin's delete."""

from __future__ import annotations

import orjson

from .auth import Principal
from .common import report_row, write_history
from .db import Connection
from .errors import Forbidden, NotFound
from .report_sql import feature_json
from .util import iso, utcnow


def readable_report(conn: Connection, who: Principal, report_id: int) -> tuple:
    """The report's ``common.REPORT_ROW``, or ``NotFound`` when it is gone or outside the
    caller's read scope (the two are not told apart)."""
    row = report_row(conn, report_id)
    if row is None or not who.can_read(row[3]):
        raise NotFound("report")
    return row


def report_detail(conn: Connection, who: Principal, report_id: int) -> tuple[bytes, int]:
    """The report as a GeoJSON Feature with its attachments listed, and its revision."""
    row = readable_report(conn, who, report_id)
    feature = orjson.loads(feature_json(conn, report_id))
    feature["properties"]["attachment_files"] = [
        {"n": int(n), "name": name, "content_type": ct, "size": int(size)}
        for n, name, ct, size in conn.all(
            "SELECT n, name, content_type, size FROM attachments WHERE report_id = ? ORDER BY n",
            (report_id,),
        )
    ]
    return orjson.dumps(feature), int(row[1])


def report_history(conn: Connection, who: Principal, report_id: int) -> list[dict]:
    readable_report(conn, who, report_id)
    at = conn.dialect.iso_time("at")
    return [
        {
            "revision": int(rev),
            "at": at_s,
            "by": by,
            "from_status": fs,
            "to_status": ts,
            "note": note,
        }
        for rev, at_s, by, fs, ts, note in conn.all(
            f"SELECT revision, {at}, by_user, from_status, to_status, note FROM report_history "
            "WHERE report_id = ? ORDER BY revision, id",
            (report_id,),
        )
    ]


def attachment(conn: Connection, who: Principal, report_id: int, n: int) -> tuple[str, str, bytes]:
    """(file name, content type, content) of attachment ``n``, or ``NotFound``."""
    readable_report(conn, who, report_id)
    row = conn.one(
        "SELECT name, content_type, content FROM attachments WHERE report_id = ? AND n = ?",
        (report_id, n),
    )
    if row is None:
        raise NotFound("attachment")
    return row[0], row[1], bytes(row[2])


def delete_report(conn: Connection, who: Principal, report_id: int) -> int:
    """Delete a report (admin only): its text and files go, a tombstone revision stays for
    the feed; returns that revision."""
    if not who.is_admin:
        raise Forbidden("Only an admin may delete reports.")
    row = report_row(conn, report_id)
    if row is None:
        raise NotFound("report")
    rev = conn.next_revision()
    now_s = iso(utcnow())
    conn.execute("DELETE FROM attachments WHERE report_id = ?", (report_id,))
    conn.execute(
        f"UPDATE reports SET deleted = {conn.dialect.true}, revision = ?, description = NULL, "
        "last_note = NULL, attachments = 0, updated_at = ? WHERE id = ?",
        (rev, now_s, report_id),
    )
    write_history(conn, [(report_id, rev, now_s, who.name, row[2], None, "usunięte")])
    return rev
