"""The store's operations, independent of HTTP: reports, verifications, districts, meta.

Every write runs in one serialised transaction (``Database.write``), takes revisions from
the global sequence and appends a history row per change.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import orjson

from . import __version__, catalogue, geo
from .attachments import Upload
from .attachments import check as check_attachments
from .auth import Principal
from .db import Connection
from .feed import build_feature_sql, feature_json, in_list
from .util import (
    IPV6_PREFIX,
    ApiError,
    add_hours,
    address_block,
    ip_hmac,
    iso,
    parse_iso,
    sha256_hex,
    utcnow,
)

MAX_DESCRIPTION = 500
MAX_NOTE = 2000
MAX_CHANGES = 1000
DAYS_OF_WEEK = ("pn", "wt", "sr", "cz", "pt", "sb", "nd")
_DAY_ALIASES = {"so": "sb", "śr": "sr"}
TIME_OF_DAY = re.compile(r"^[a-z_]{1,20}$")
EVENT_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
PUBLIC_FIELDS = {
    "category",
    "lon",
    "lat",
    "description",
    "event_date",
    "event_time",
    "time_of_day",
    "days_of_week",
}


def _false(conn: Connection) -> str:
    return conn.dialect.false


def _true(conn: Connection) -> str:
    return conn.dialect.true


# --- settings & meta ----------------------------------------------------------------
def settings(conn: Connection) -> dict[str, str]:
    return {k: v for k, v in conn.all("SELECT key, value FROM settings")}


def address_key(s: dict[str, str], client_ip: str) -> str:
    """The salted HMAC under which the per-address limits count a resident: IPv4 by
    address, IPv6 by its /``ipv6_prefix`` network (util.address_block)."""
    prefix = int(s.get("ipv6_prefix", IPV6_PREFIX))
    return ip_hmac(s["ip_salt"], address_block(client_ip, prefix))


def _daily_limit(s: dict[str, str], now: datetime, what: str, times: list[Any]) -> None:
    """429 with Retry-After when an address already made ``public_reports_per_ip_per_day``
    of ``what`` in the last 24 h (``times``: theirs, oldest first; 0 means no limit)."""
    per_day = int(s.get("public_reports_per_ip_per_day", "1"))
    if per_day <= 0 or len(times) < per_day:
        return
    first = times[0][0]
    first_dt = parse_iso(first) if isinstance(first, str) else first
    retry = max(1, math.ceil((first_dt + timedelta(hours=24) - now).total_seconds()))
    raise ApiError(
        429,
        "rate_limited",
        f"Only one {what} per day is accepted from one connection.",
        headers={"Retry-After": str(retry)},
    )


def meta(conn: Connection) -> dict[str, Any]:
    s = settings(conn)
    return {
        "api_version": "1",
        "server_version": __version__,
        "server_time": iso(utcnow()),
        "categories": [
            {"code": c.code, "name_pl": c.name_pl, "name_en": c.name_en, "active": c.active}
            for c in catalogue.CATEGORIES
        ],
        "statuses": [
            {
                "code": st.code,
                "name_pl": st.name_pl,
                "name_en": st.name_en,
                "color": st.color,
                "final": st.final,
                "note_required": st.note_required,
            }
            for st in catalogue.STATUSES
        ],
        "transitions": [{"from": a, "to": b} for a, b in catalogue.TRANSITIONS],
        "sources": [
            {"code": src.code, "name_pl": src.name_pl, "name_en": src.name_en, "police": src.police}
            for src in catalogue.SOURCES
        ],
        "deadlines": {
            "take_up_hours": int(s.get("take_up_hours", catalogue.TAKE_UP_HOURS)),
            "verify_hours": int(s.get("verify_hours", catalogue.VERIFY_HOURS)),
        },
    }


# --- text checks --------------------------------------------------------------------
def clean_text(value: Any, what: str, max_len: int, *, allow_empty: bool = True) -> str | None:
    """A user-supplied string that every database can store, or ApiError 422."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ApiError(422, "invalid_field", f"{what} must be a string.")
    if "\x00" in value:
        raise ApiError(422, "invalid_field", f"{what} must not contain NUL characters.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(422, "invalid_field", f"{what} is not valid Unicode text.") from None
    if len(value) > max_len:
        raise ApiError(422, "too_long", f"{what} may have at most {max_len} characters.")
    if not allow_empty and not value.strip():
        raise ApiError(422, "invalid_field", f"{what} must not be empty.")
    return value


# --- public reports -----------------------------------------------------------------
@dataclass
class NewReport:
    category: str
    lon: float
    lat: float
    description: str | None
    event_date: str | None
    event_time: str | None
    time_of_day: str | None
    days_of_week: str | None


def parse_public_report(data: Any, today: date) -> NewReport:
    if not isinstance(data, dict):
        raise ApiError(422, "invalid_body", "The report must be a JSON object.")
    unknown = set(data) - PUBLIC_FIELDS
    if unknown:
        raise ApiError(422, "unknown_field", f"Unknown field(s): {', '.join(sorted(unknown))}.")
    cat = data.get("category")
    if not isinstance(cat, str) or cat not in catalogue.CATEGORY_CODES:
        raise ApiError(422, "unknown_category", "Unknown category code (see /api/v1/meta).")
    if not next(c for c in catalogue.CATEGORIES if c.code == cat).active:
        raise ApiError(422, "inactive_category", "This category is no longer accepted.")
    lon, lat = data.get("lon"), data.get("lat")
    if not geo.valid_point(lon, lat):
        raise ApiError(
            422,
            "invalid_location",
            "lon and lat must be numbers inside Poland (lon 14.0–24.2, lat 49.0–54.9).",
        )
    desc = clean_text(data.get("description"), "description", MAX_DESCRIPTION)
    ev_date = data.get("event_date")
    if ev_date is not None:
        try:
            if not isinstance(ev_date, str) or len(ev_date) != 10:
                raise ValueError
            d = date.fromisoformat(ev_date)
        except ValueError:
            raise ApiError(422, "invalid_field", "event_date must be YYYY-MM-DD.") from None
        if d > today + timedelta(days=1) or d.year < 2000:
            raise ApiError(422, "invalid_field", "event_date must not be in the future.")
    ev_time = data.get("event_time")
    if ev_time is not None and not (isinstance(ev_time, str) and EVENT_TIME.match(ev_time)):
        raise ApiError(422, "invalid_field", "event_time must be HH:MM.")
    tod = data.get("time_of_day")
    if tod is not None and not (isinstance(tod, str) and TIME_OF_DAY.match(tod)):
        raise ApiError(422, "invalid_field", "time_of_day must be a short lowercase code.")
    dow = data.get("days_of_week")
    if dow is not None:
        parts = (
            [_DAY_ALIASES.get(p.strip(), p.strip()) for p in dow.split(",")]
            if isinstance(dow, str)
            else None
        )
        if not parts or any(p not in DAYS_OF_WEEK for p in parts) or len(set(parts)) != len(parts):
            raise ApiError(
                422, "invalid_field", "days_of_week must be a comma list of pn,wt,sr,cz,pt,sb,nd."
            )
        dow = ",".join(p for p in DAYS_OF_WEEK if p in parts)
    return NewReport(
        category=cat,
        lon=round(float(lon), 7),
        lat=round(float(lat), 7),
        description=desc or None,
        event_date=ev_date,
        event_time=ev_time,
        time_of_day=tod,
        days_of_week=dow,
    )


def submit_report(
    conn: Connection, report: NewReport, files: Sequence[Upload], client_ip: str
) -> int:
    """Store a resident's report (inside a write transaction). Raises 429 on the IP rule."""
    checked = check_attachments(list(files))
    s = settings(conn)
    now = utcnow()
    now_s = iso(now)
    ip_key = address_key(s, client_ip)
    window_start = iso(now - timedelta(hours=24))
    _daily_limit(
        s,
        now,
        "report",
        conn.all(
            "SELECT submitted_at FROM ip_submissions WHERE ip_hmac = ? AND submitted_at > ? "
            "ORDER BY submitted_at",
            (ip_key, window_start),
        ),
    )
    conn.execute("DELETE FROM ip_submissions WHERE submitted_at <= ?", (window_start,))
    conn.execute(
        "INSERT INTO ip_submissions (ip_hmac, submitted_at) VALUES (?, ?)", (ip_key, now_s)
    )
    district_id, unit_id = geo.locate(conn, report.lon, report.lat)
    report_id, _ = insert_report(conn, report, (unit_id, district_id), s, now_s, len(checked))
    conn.executemany(
        "INSERT INTO attachments (report_id, n, name, content_type, size, content) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(report_id, n, name, ct, len(data), data) for n, (name, ct, data) in enumerate(checked)],
    )
    return report_id


def insert_report(
    conn: Connection,
    report: NewReport,
    place: tuple[int | None, int | None],
    s: dict[str, str],
    now_s: str,
    attachments: int = 0,
    source: str = catalogue.CITIZEN_SOURCE,
    by_user: str | None = None,
) -> tuple[int, int]:
    """A new report in catalogue.NEW_STATUS at ``place`` (unit, district), its deadlines
    counted from now, and its first history row; returns (id, revision)."""
    unit_id, district_id = place
    rev = conn.next_revision()
    report_id = conn.insert_id(
        "INSERT INTO reports (revision, created_revision, category, status, lon, lat, "
        "description, submitted_at, event_date, event_time, time_of_day, days_of_week, "
        "unit_id, district_id, confirmations, attachments, take_up_due, verify_due, "
        "updated_at, source) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)",
        (
            rev,
            rev,
            report.category,
            catalogue.NEW_STATUS,
            report.lon,
            report.lat,
            report.description,
            now_s,
            report.event_date,
            report.event_time,
            report.time_of_day,
            report.days_of_week,
            unit_id,
            district_id,
            attachments,
            add_hours(now_s, int(s["take_up_hours"])),
            add_hours(now_s, int(s["verify_hours"])),
            now_s,
            source,
        ),
    )
    conn.execute(
        "INSERT INTO report_history (report_id, revision, at, by_user, from_status, to_status, "
        "note) VALUES (?, ?, ?, ?, NULL, ?, NULL)",
        (report_id, rev, now_s, by_user, catalogue.NEW_STATUS),
    )
    return report_id, rev


# --- reading one report -------------------------------------------------------------
def _report_row(conn: Connection, report_id: int) -> tuple | None:
    return conn.one(
        "SELECT id, revision, status, unit_id, district_id, taken_up_at, verified_at "
        f"FROM reports WHERE id = ? AND deleted = {_false(conn)}",
        (report_id,),
    )


def readable_report(conn: Connection, who: Principal, report_id: int) -> tuple:
    row = _report_row(conn, report_id)
    if row is None or not who.can_read(row[3]):
        raise ApiError(404, "not_found", "No such report.")
    return row


def report_detail(conn: Connection, who: Principal, report_id: int) -> tuple[bytes, int]:
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
    readable_report(conn, who, report_id)
    row = conn.one(
        "SELECT name, content_type, content FROM attachments WHERE report_id = ? AND n = ?",
        (report_id, n),
    )
    if row is None:
        raise ApiError(404, "not_found", "No such attachment.")
    return row[0], row[1], bytes(row[2])


# --- verifications ------------------------------------------------------------------
def change_hash(change: dict) -> str:
    body = {k: change.get(k) for k in ("report_id", "base_revision", "status", "note")}
    return sha256_hex(orjson.dumps(body, option=orjson.OPT_SORT_KEYS))


def _fragment(text: str) -> orjson.Fragment:
    return orjson.Fragment(text.encode() if isinstance(text, str) else text)


def _write_history(conn: Connection, rows: list[tuple]) -> None:
    conn.executemany(
        "INSERT INTO report_history (report_id, revision, at, by_user, from_status, to_status, "
        "note) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


class _Reports:
    """The rows a batch touches, loaded once and kept current as changes apply."""

    def __init__(self, conn: Connection, ids: Iterable[int]):
        ids = sorted(set(ids))
        self.rows: dict[int, list] = {}
        self.history: list[tuple] = []  # rows for report_history, written in one go
        if ids:
            sql, params = in_list(conn.dialect, "id", ids)
            for row in conn.all(
                "SELECT id, revision, status, unit_id, district_id, taken_up_at, verified_at "
                f"FROM reports WHERE {sql} AND deleted = {_false(conn)}",
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
    except ApiError as e:
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
    returning = build_feature_sql("sqlite", "reports") if conn.dialect == "sqlite" else "feature"
    feature = conn.scalar(
        f"UPDATE reports SET {sets} WHERE id = ? RETURNING {returning}", (*params, report_id)
    )
    reports.history.append((report_id, new_rev, now_s, who.name, cur_status, target, note_text))
    row[1], row[2], row[5], row[6] = new_rev, target, taken_up_at, verified_at
    return {**base, "result": "applied", "revision": new_rev, "report": _fragment(feature)}


def purge_operations(conn: Connection) -> int:
    """Forget the stored results of changes older than ``op_retention_days`` (a resent op_id
    older than that is treated as new); returns how many were dropped."""
    days = int(settings(conn).get("op_retention_days", "30"))
    cutoff = iso(utcnow() - timedelta(days=days))
    return conn.execute("DELETE FROM operations WHERE at < ?", (cutoff,)).rowcount


def stored_operations(
    conn: Connection, who: Principal, hashes: dict[str, str]
) -> dict[str, tuple[str, str]]:
    """op_id -> (body hash, first result) of the op_ids (with their bodies' ``hashes``) this
    user sent before; a 422 when one of them came with a different body."""
    stored: dict[str, tuple[str, str]] = {}
    if not hashes:
        return stored
    sql, params = in_list(conn.dialect, "op_id", list(hashes))
    for op_id, body_hash, result in conn.all(
        f"SELECT op_id, body_hash, result FROM operations WHERE user_id = ? AND {sql}",
        [who.user_id, *params],
    ):
        if body_hash != hashes[op_id]:
            raise ApiError(
                422, "op_id_reused", f"op_id {op_id} was already used for a different change."
            )
        stored[op_id] = (body_hash, result)
    return stored


def once_per_op(
    conn: Connection,
    who: Principal,
    items: list[dict],
    hash_of: Callable[[dict], str],
    apply_one: Callable[[dict, str], dict],
) -> bytes:
    """A batch of ``op_id`` items in the current write transaction, each applied at most
    once: an ``op_id`` already stored answers its first result and changes nothing; the
    same ``op_id`` with another body is 422. Returns ``{"results": [...]}``, in order."""
    purge_operations(conn)  # an index range on operations(at): next to nothing per batch
    hashes = [hash_of(item) for item in items]
    seen: dict[str, str] = {}
    for item, h in zip(items, hashes, strict=True):
        if seen.setdefault(item["op_id"], h) != h:
            raise ApiError(
                422, "op_id_reused", f"op_id {item['op_id']} appears with different bodies."
            )
    stored = stored_operations(conn, who, seen)
    now_s = iso(utcnow())
    out: list[bytes] = []
    new_ops: list[tuple] = []
    for item, h in zip(items, hashes, strict=True):
        op_id = item["op_id"]
        if op_id not in stored:
            text = orjson.dumps(apply_one(item, now_s)).decode()
            stored[op_id] = (h, text)
            new_ops.append((who.user_id, op_id, h, text, now_s))
        out.append(stored[op_id][1].encode())
    conn.executemany(
        "INSERT INTO operations (user_id, op_id, body_hash, result, at) VALUES (?, ?, ?, ?, ?)",
        new_ops,
    )
    return b'{"results":[' + b",".join(out) + b"]}"


def verify_batch(conn: Connection, who: Principal, changes: list[dict]) -> bytes:
    """Apply a batch of changes in the current write transaction; returns the response."""
    if len(changes) > MAX_CHANGES:
        raise ApiError(422, "too_many_changes", f"At most {MAX_CHANGES} changes per request.")
    reports = _Reports(conn, (c["report_id"] for c in changes))
    answer = once_per_op(
        conn,
        who,
        changes,
        change_hash,
        lambda c, now_s: apply_change(conn, who, c, reports, now_s, c["op_id"]),
    )
    _write_history(conn, reports.history)
    return answer


def patch_report(
    conn: Connection, who: Principal, report_id: int, if_match: str | None, body: dict
) -> tuple[bytes, int]:
    row = readable_report(conn, who, report_id)
    if not who.can_write(row[3], row[4]):
        raise ApiError(403, "forbidden", "You may not change this report.")
    if if_match is None:
        raise ApiError(428, "precondition_required", 'Send If-Match: "<revision>".')
    tag = if_match.strip()
    if tag.startswith("W/"):
        tag = tag[2:]
    tag = tag.strip('"')
    base = int(tag) if tag.isdigit() else -1
    change = {"report_id": report_id, "base_revision": base, **body}
    reports = _Reports(conn, [report_id])
    result = apply_change(conn, who, change, reports, iso(utcnow()), None)
    _write_history(conn, reports.history)
    kind = result["result"]
    if kind == "applied":
        return feature_json(conn, report_id).encode(), int(result["revision"])
    if kind == "conflict":
        raise ApiError(
            412,
            "stale_revision",
            "The report changed since that revision.",
            extra={"current": result["current"]},
        )
    if kind == "forbidden":
        raise ApiError(403, "forbidden", "You may not change this report.")
    raise ApiError(422, "rejected", result.get("reason", "rejected"))


def confirm_report(conn: Connection, report_id: int, client_ip: str) -> int:
    """A resident's "+1" on a report already on the map: once per address and report, and
    within the daily limit per address (as reports, counted apart from them)."""
    row = _report_row(conn, report_id)
    if row is None:
        raise ApiError(404, "not_found", "No such report.")
    s = settings(conn)
    key = address_key(s, client_ip)
    if conn.one(
        "SELECT 1 FROM ip_confirmations WHERE ip_hmac = ? AND report_id = ?", (key, report_id)
    ):
        raise ApiError(409, "already_confirmed", "This report was already confirmed from here.")
    now = utcnow()
    _daily_limit(
        s,
        now,
        "confirmation",
        conn.all(
            "SELECT at FROM ip_confirmations WHERE ip_hmac = ? AND at > ? ORDER BY at",
            (key, iso(now - timedelta(hours=24))),
        ),
    )
    now_s = iso(now)
    rev = conn.next_revision()
    conn.execute(
        "INSERT INTO ip_confirmations (ip_hmac, report_id, at) VALUES (?, ?, ?)",
        (key, report_id, now_s),
    )
    count = conn.scalar(
        "UPDATE reports SET confirmations = confirmations + 1, revision = ?, updated_at = ? "
        "WHERE id = ? RETURNING confirmations",
        (rev, now_s, report_id),
    )
    conn.execute(
        "INSERT INTO report_history (report_id, revision, at, by_user, from_status, to_status, "
        "note) VALUES (?, ?, ?, NULL, ?, ?, 'potwierdzenie mieszkańca (+1)')",
        (report_id, rev, now_s, row[2], row[2]),
    )
    return int(count)


def delete_report(conn: Connection, who: Principal, report_id: int) -> int:
    if not who.is_admin:
        raise ApiError(403, "forbidden", "Only an admin may delete reports.")
    row = _report_row(conn, report_id)
    if row is None:
        raise ApiError(404, "not_found", "No such report.")
    rev = conn.next_revision()
    now_s = iso(utcnow())
    conn.execute("DELETE FROM attachments WHERE report_id = ?", (report_id,))
    conn.execute(
        f"UPDATE reports SET deleted = {_true(conn)}, revision = ?, description = NULL, "
        "last_note = NULL, attachments = 0, updated_at = ? WHERE id = ?",
        (rev, now_s, report_id),
    )
    conn.execute(
        "INSERT INTO report_history (report_id, revision, at, by_user, from_status, to_status, "
        "note) "
        "VALUES (?, ?, ?, ?, ?, NULL, 'usunięte')",
        (report_id, rev, now_s, who.name, row[2]),
    )
    return rev
