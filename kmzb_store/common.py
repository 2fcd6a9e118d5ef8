"""What the store's operations share (intake, reports, verifications, police reports):
settings, the bodies of ``/meta``, ``/me`` and ``/units``, text checks, the live row of one
report, history rows.

None of these modules knows HTTP: they raise the domain errors of ``errors.py``.
"""

from __future__ import annotations

from typing import Any

from . import __version__, catalogue
from .auth import Principal
from .db import Connection
from .errors import Invalid
from .util import iso, utcnow

# id, revision, status, unit_id, district_id, taken_up_at, verified_at
REPORT_ROW = "id, revision, status, unit_id, district_id, taken_up_at, verified_at"


def settings(conn: Connection) -> dict[str, str]:
    return {k: v for k, v in conn.all("SELECT key, value FROM settings")}


def meta(conn: Connection) -> dict[str, Any]:
    """The body of ``GET /meta``: the catalogue and the deadlines in force."""
    s = settings(conn)
    return {
        "api_version": "1",
        "server_version": __version__,
        "server_time": iso(utcnow()),
        "categories": [catalogue.served(c) for c in catalogue.CATEGORIES],
        "statuses": [catalogue.served(st) for st in catalogue.STATUSES],
        "transitions": [{"from": a, "to": b} for a, b in catalogue.TRANSITIONS],
        "sources": [catalogue.served(src) for src in catalogue.SOURCES],
        "deadlines": {
            "take_up_hours": int(s.get("take_up_hours", catalogue.TAKE_UP_HOURS)),
            "verify_hours": int(s.get("verify_hours", catalogue.VERIFY_HOURS)),
        },
    }


def clean_text(value: Any, what: str, max_len: int, *, allow_empty: bool = True) -> str | None:
    """A user-supplied string that every database can store, or ``Invalid``."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise Invalid(f"{what} must be a string.", "invalid_field")
    if "\x00" in value:
        raise Invalid(f"{what} must not contain NUL characters.", "invalid_field")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise Invalid(f"{what} is not valid Unicode text.", "invalid_field") from None
    if len(value) > max_len:
        raise Invalid(f"{what} may have at most {max_len} characters.", "too_long")
    if not allow_empty and not value.strip():
        raise Invalid(f"{what} must not be empty.", "invalid_field")
    return value


def report_row(conn: Connection, report_id: int) -> tuple | None:
    """The ``REPORT_ROW`` columns of a report that is not deleted, or None."""
    return conn.one(
        f"SELECT {REPORT_ROW} FROM reports WHERE id = ? AND deleted = {conn.dialect.false}",
        (report_id,),
    )


def write_history(conn: Connection, rows: list[tuple]) -> None:
    """History rows (report_id, revision, at, by_user, from_status, to_status, note)."""
    conn.executemany(
        "INSERT INTO report_history (report_id, revision, at, by_user, from_status, to_status, "
        "note) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def me(conn: Connection, who: Principal) -> dict[str, Any]:
    """The body of ``GET /me``: who the token is, their role, unit and districts."""
    unit = None
    if who.unit_id is not None:
        row = conn.one("SELECT id, code, name FROM units WHERE id = ?", (who.unit_id,))
        unit = {"id": int(row[0]), "code": row[1], "name": row[2]}
    return {"name": who.name, "role": who.role, "unit": unit, "districts": sorted(who.districts)}


def units(conn: Connection) -> list[dict[str, Any]]:
    """The body of ``GET /units``: every police unit with its parent."""
    rows = conn.all("SELECT id, code, name, kind, parent_id FROM units ORDER BY id")
    return [
        {"id": int(i), "code": c, "name": n, "kind": k, "parent_id": None if p is None else int(p)}
        for i, c, n, k, p in rows
    ]
