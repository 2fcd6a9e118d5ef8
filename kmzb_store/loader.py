"""Bulk loader for demo data: units, districts and (up to millions of) reports with history.

One write transaction; reports and history rows go in chunks through ``executemany``
(SQLite) or ``COPY`` (PostgreSQL); for big loads the secondary indexes are dropped first
and built again at the end, then the planner statistics are refreshed.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import Any

from . import catalogue
from .db import Connection, Database
from .districts import normalise, upsert
from .schema import REPORT_INDEXES, REPORT_RTREE_FILL, REPORT_RTREE_TRIGGERS, UNIT_KINDS

CHUNK = 50_000
BIG_LOAD = 50_000  # from this many reports on, indexes are rebuilt after the load
_ZERO = timedelta(0)

REPORT_COLS = (
    "id",
    "revision",
    "created_revision",
    "category",
    "status",
    "lon",
    "lat",
    "description",
    "submitted_at",
    "event_date",
    "event_time",
    "time_of_day",
    "days_of_week",
    "unit_id",
    "district_id",
    "confirmations",
    "attachments",
    "taken_up_at",
    "verified_at",
    "updated_at",
    "last_note",
    "take_up_due",  # last two: SQLite computes them in the INSERT
    "verify_due",
)
HISTORY_COLS = ("report_id", "revision", "at", "by_user", "from_status", "to_status", "note")


@dataclass
class LoadStats:
    units: int = 0
    districts: int = 0
    reports: int = 0
    history: int = 0
    skipped: int = 0
    seconds: float = 0.0


def _as_is(dt: datetime | None) -> datetime | None:
    """PostgreSQL's COPY takes aware datetimes as they are."""
    return dt


def _ts(dt: datetime | None) -> str | None:
    """Aware datetime → ``YYYY-MM-DDTHH:MM:SSZ`` (fast path for UTC)."""
    if dt is None:
        return None
    if dt.tzinfo is not UTC and dt.utcoffset() != _ZERO:
        dt = dt.astimezone(UTC)
    return dt.isoformat()[:19] + "Z"


def _date(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, date):
        return v.isoformat()
    return str(v)[:10]


def _time(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, dtime):
        return f"{v.hour:02d}:{v.minute:02d}"
    return str(v)[:5]


def _status_path(status: str, taken: bool, verified: bool) -> list[str]:
    """The statuses a report passed through to reach ``status`` (allowed transitions)."""
    path = ["nowe"]
    if status == "nowe":
        return path
    if taken or status == "weryfikacja":
        path.append("weryfikacja")
    if status in ("wyeliminowane", "przekazane"):
        path.append("potwierdzone")
    if path[-1] != status:
        path.append(status)
    return path


def load_units(conn: Connection, units: list[dict]) -> dict[str, int]:
    for u in units:
        if u["kind"] not in UNIT_KINDS:
            raise ValueError(f"unit {u['code']}: unknown kind {u['kind']!r}")
    conn.executemany(
        "INSERT INTO units (code, name, kind) VALUES (?, ?, ?) "
        "ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind",
        [(u["code"], u["name"], u["kind"]) for u in units],
    )
    ids = {code: int(i) for i, code in conn.all("SELECT id, code FROM units")}
    updates = []
    for u in units:
        parent = u.get("parent_code")
        if parent is not None and parent not in ids:
            raise ValueError(f"unit {u['code']}: unknown parent {parent!r}")
        updates.append((ids[parent] if parent else None, ids[u["code"]]))
    conn.executemany("UPDATE units SET parent_id = ? WHERE id = ?", updates)
    conn.bump_setting_version("units_version")
    return ids


def _rows(
    conn: Connection,
    reports: Iterable[dict],
    unit_ids: dict[str, int],
    district_ids: dict[str, int],
    hours: tuple[int, int],
    stats: LoadStats,
) -> Iterator[tuple[list[tuple], list[tuple]]]:
    """Chunks of (report rows, history rows), revisions and ids assigned in order."""
    next_id = int(conn.scalar("SELECT COALESCE(MAX(id), 0) FROM reports")) + 1
    take_up, verify = timedelta(hours=hours[0]), timedelta(hours=hours[1])
    pg = conn.dialect.is_postgresql  # COPY takes datetimes; SQLite's rows take ISO text
    _t = _as_is if pg else _ts
    cats, stats_ok = catalogue.CATEGORY_CODES, catalogue.STATUS_CODES
    rep: list[tuple] = []
    hist: list[tuple] = []
    for r in reports:
        lon, lat = r["lon"], r["lat"]
        status, category = r["status"], r["category"]
        unit = unit_ids.get(r.get("unit_code"))
        dcode = r.get("district_code")
        district = district_ids.get(dcode) if dcode is not None else None
        if (
            not (14.0 <= lon <= 24.2 and 49.0 <= lat <= 54.9)
            or status not in stats_ok
            or category not in cats
            or unit is None
            or (dcode is not None and district is None)
        ):
            stats.skipped += 1
            continue
        sub_dt = r["submitted_at"]
        sub = _t(sub_dt)
        taken, verified = r.get("taken_up_at"), r.get("verified_at")
        taken_s, verified_s = _t(taken), _t(verified)
        note = r.get("last_note")
        desc = r.get("description")
        if desc is not None and len(desc) > 500:
            desc = desc[:500]
        path = _status_path(status, taken is not None, verified is not None)
        rid = next_id
        next_id += 1
        first = conn.reserve_revisions(len(path))
        prev = None
        at = sub
        for k, st in enumerate(path):
            if k == 1:
                at = taken_s or verified_s or sub
            elif k >= 2:
                at = verified_s or taken_s or sub
            last = k == len(path) - 1
            hist.append(
                (rid, first + k, at, None if k == 0 else "demo", prev, st, note if last else None)
            )
            prev = st
        rev = first + len(path) - 1
        row = (
            rid,
            rev,
            first,
            category,
            status,
            round(lon, 7),
            round(lat, 7),
            desc,
            sub,
            _date(r.get("event_date")),
            _time(r.get("event_time")),
            r.get("time_of_day"),
            r.get("days_of_week"),
            unit,
            district,
            int(r.get("confirmations") or 0),
            0,
            taken_s,
            verified_s,
            at,
            note,
        )
        rep.append((*row, sub_dt + take_up, sub_dt + verify) if pg else row)
        if len(rep) >= CHUNK:
            yield rep, hist
            rep, hist = [], []
    if rep:
        yield rep, hist


def _insert(
    conn: Connection,
    table: str,
    cols: tuple[str, ...],
    rows: list[tuple],
    hours: tuple[int, int] | None = None,
) -> None:
    if conn.dialect.is_sqlite:  # executemany; PostgreSQL: COPY
        marks = [f"?{i + 1}" for i in range(len(cols))]
        if hours is not None:  # the two due dates come from submitted_at in SQL
            sub = f"?{cols.index('submitted_at') + 1}"
            marks[-2:] = [
                f"strftime('%Y-%m-%dT%H:%M:%SZ', {sub}, '+{int(h)} hours')" for h in hours
            ]
            marks = marks[: len(cols)]
        conn.raw.executemany(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(marks)})", rows
        )
        return
    with conn.raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
        for row in rows:
            cp.write_row(row)


def load(db: Database, data: Any, log=print) -> LoadStats:
    """Load a ``DemoData``-like object (units, districts, reports) into the database."""
    stats = LoadStats()
    t0 = time.perf_counter()
    big = int(getattr(data, "report_count", 0) or 0) >= BIG_LOAD
    with db.write() as conn:
        unit_ids = load_units(conn, list(data.units))
        stats.units = len(data.units)
        items = [normalise(d, unit_ids, f"district {i}") for i, d in enumerate(data.districts)]
        upsert(conn, items, "demo", reassign_reports=False)
        stats.districts = len(items)
        district_ids = {c: int(i) for i, c in conn.all("SELECT id, code FROM districts")}
        hours = tuple(
            int(conn.scalar("SELECT value FROM settings WHERE key = ?", (k,)))
            for k in ("take_up_hours", "verify_hours")
        )
        log(
            f"units {stats.units}, districts {stats.districts} "
            f"({time.perf_counter() - t0:.1f} s); loading reports…"
        )
        rtree = big and conn.dialect.is_sqlite
        if big:
            for name in REPORT_INDEXES[conn.dialect]:
                conn.execute(f"DROP INDEX IF EXISTS {name}")
        if rtree:  # one fill at the end costs less than a trigger per row
            for name in REPORT_RTREE_TRIGGERS:
                conn.execute(f"DROP TRIGGER IF EXISTS {name}")
            conn.execute("DELETE FROM reports_rtree")
        for rep, hist in _rows(conn, data.reports, unit_ids, district_ids, hours, stats):
            _insert(conn, "reports", REPORT_COLS, rep, hours)
            _insert(conn, "report_history", HISTORY_COLS, hist)
            stats.reports += len(rep)
            stats.history += len(hist)
        if big:
            log(f"{stats.reports} reports in ({time.perf_counter() - t0:.1f} s); building indexes…")
            for sql in REPORT_INDEXES[conn.dialect].values():
                conn.execute(sql)
        if rtree:
            conn.execute(REPORT_RTREE_FILL)
            for sql in REPORT_RTREE_TRIGGERS.values():
                conn.execute(sql)
        if conn.dialect.is_postgresql:  # ids were given, not drawn from the identity
            conn.execute(
                "SELECT setval(pg_get_serial_sequence('reports', 'id'), "
                "(SELECT COALESCE(MAX(id), 1) FROM reports))"
            )
        conn.bump_setting_version("districts_version")
        log(f"committing ({time.perf_counter() - t0:.1f} s)…")
    if db.dialect.is_sqlite:
        with db.write() as conn:
            conn.execute("PRAGMA analysis_limit = 1000")
            conn.execute("ANALYZE")
    else:  # VACUUM sets the visibility map the feed's index-only scans rely on
        conn = db.connect()
        try:
            conn.raw.execute("VACUUM ANALYZE reports")
            conn.raw.execute("ANALYZE")
        finally:
            conn.raw.close()
    stats.seconds = time.perf_counter() - t0
    return stats
