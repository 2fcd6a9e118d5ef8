"""GeoJSON built inside the database: the changes feed and single features.

The feed never materialises a Python object per feature: SQLite's ``json_object`` or
PostgreSQL's ``json_build_object`` build each Feature, the database concatenates a page into
one string, and the endpoint sends it as bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from .auth import Principal
from .db import Connection
from .util import day_after, day_start

# timestamptz → "YYYY-MM-DDTHH:MM:SSZ", written out so the planner need not call a function
PG_ISO = "to_char(r.{} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

MAX_LIMIT = 50_000
DEFAULT_LIMIT = 10_000
# SQLite: a bbox holding at most this many reports is read through reports_rtree; a bigger
# one by the revision index (10,000 of Warsaw's 100,000 come sooner in revision order)
RTREE_MAX_HITS = 20_000


def _props(d: str, a: str = "r") -> list[tuple[str, str]]:
    """(key, SQL expression over table alias ``a``) of a report's properties, in order."""
    if d == "sqlite":
        ts = (a + ".{}").format
        dt = f"{a}.event_date"
    else:
        ts = PG_ISO.replace("r.{}", a + ".{}").format
        dt = f"to_char({a}.event_date, 'YYYY-MM-DD')"
    return [
        ("revision", f"{a}.revision"),
        ("category", f"{a}.category"),
        ("status", f"{a}.status"),
        ("description", f"{a}.description"),
        ("submitted_at", ts("submitted_at")),
        ("event_date", dt),
        ("event_time", f"{a}.event_time"),
        ("time_of_day", f"{a}.time_of_day"),
        ("days_of_week", f"{a}.days_of_week"),
        ("unit_id", f"{a}.unit_id"),
        ("district_id", f"{a}.district_id"),
        ("confirmations", f"{a}.confirmations"),
        ("attachments", f"{a}.attachments"),
        ("take_up_due", ts("take_up_due")),
        ("verify_due", ts("verify_due")),
        ("taken_up_at", ts("taken_up_at")),
        ("verified_at", ts("verified_at")),
        ("updated_at", ts("updated_at")),
        ("last_note", f"{a}.last_note"),
    ]


def build_feature_sql(dialect: str, a: str = "r") -> str:
    """SQL expression building one report (table alias ``a``) as a GeoJSON Feature (text)."""
    props = ", ".join(f"'{k}', {v}" for k, v in _props(dialect, a))
    if dialect == "sqlite":
        return (
            f"json_object('type', 'Feature', 'id', {a}.id, 'geometry', json_object('type', "
            f"'Point', 'coordinates', json_array({a}.lon, {a}.lat)), 'properties', "
            f"json_object({props}))"
        )
    return (
        f"json_build_object('type', 'Feature', 'id', {a}.id, 'geometry', json_build_object("
        f"'type', 'Point', 'coordinates', json_build_array({a}.lon, {a}.lat)), 'properties', "
        f"json_build_object({props}))::text"
    )


def feature_sql(dialect: str) -> str:
    """The Feature text of report ``r``: built by SQLite's JSON functions on the fly; on
    PostgreSQL (whose json_build_object is slow) kept in ``reports.feature`` by a trigger."""
    if dialect == "sqlite":
        return build_feature_sql(dialect)
    return "r.feature"


def tombstone_sql(dialect: str) -> str:
    if dialect == "sqlite":
        return (
            "json_object('type', 'Feature', 'id', r.id, 'geometry', NULL, 'properties', "
            "json_object('revision', r.revision, 'deleted', json('true')))"
        )
    return (
        "json_build_object('type', 'Feature', 'id', r.id, 'geometry', NULL, 'properties', "
        "json_build_object('revision', r.revision, 'deleted', true))::text"
    )


def in_list(dialect: str, column: str, values: list) -> tuple[str, list]:
    """``column IN values`` as SQL with a single parameter."""
    if dialect == "sqlite":
        return f"{column} IN (SELECT value FROM json_each(?))", [json.dumps(list(values))]
    return f"{column} = ANY(?)", [list(values)]


@dataclass
class FeedFilter:
    bbox: tuple[float, float, float, float] | None = None
    units: list[int] | None = None  # a unit with its sub-units, already expanded
    district: int | None = None
    statuses: list[str] | None = None
    categories: list[str] | None = None
    submitted_from: date | None = None
    submitted_to: date | None = None
    extra: dict = field(default_factory=dict)


def _few_in_box(conn: Connection, bbox: tuple[float, float, float, float]) -> bool:
    """Whether the R-tree holds at most RTREE_MAX_HITS reports in ``bbox`` (a bounded probe:
    under 2 ms)."""
    minx, miny, maxx, maxy = bbox
    hits = conn.scalar(
        "SELECT count(*) FROM (SELECT 1 FROM reports_rtree WHERE minx <= ? AND maxx >= ? "
        "AND miny <= ? AND maxy >= ? LIMIT ?)",
        (maxx, minx, maxy, miny, RTREE_MAX_HITS + 1),
    )
    return hits <= RTREE_MAX_HITS


def _where(
    conn: Connection, who: Principal, f: FeedFilter, since: int
) -> tuple[str, list, str, list]:
    """(WHERE clause, params, visible-and-matching expression, its params)."""
    d = conn.dialect
    where: list[str] = ["r.revision > ?"]
    params: list = [since]
    # immutable filters: a report that never matched them needs no tombstone either
    if f.bbox is not None:
        minx, miny, maxx, maxy = f.bbox
        if d == "sqlite":
            where.append("r.lon BETWEEN ? AND ? AND r.lat BETWEEN ? AND ?")
            params += [minx, maxx, miny, maxy]
            if since == 0 and _few_in_box(conn, f.bbox):
                where[0] = "+r.revision > ?"  # the R-tree drives, not the revision index
                where.append(
                    "r.id IN (SELECT id FROM reports_rtree WHERE minx <= ? AND maxx >= ? "
                    "AND miny <= ? AND maxy >= ?)"
                )
                params += [maxx, minx, maxy, miny]
        else:
            where.append("r.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)")
            params += [minx, miny, maxx, maxy]
    if f.categories:
        sql, p = in_list(d, "r.category", f.categories)
        where.append(sql)
        params += p
    if f.submitted_from is not None:
        where.append("r.submitted_at >= ?")
        params.append(day_start(f.submitted_from))
    if f.submitted_to is not None:
        where.append("r.submitted_at < ?")
        params.append(day_after(f.submitted_to))
    # mutable conditions: scope, unit, district, status, deletion
    match: list[str] = ["r.deleted = " + ("0" if d == "sqlite" else "false")]
    mparams: list = []
    any_of: list[tuple[str, list]] = []
    if who.read_units is not None:
        units = sorted(who.read_units)
        cur, p = in_list(d, "r.unit_id", units)
        match.append(cur)
        mparams += p
        prev, pp = in_list(d, "r.prev_unit_id", units)
        any_of.append((f"({cur} OR {prev})", p + pp))
    if f.units is not None:
        cur, p = in_list(d, "r.unit_id", f.units)
        match.append(cur)
        mparams += p
        prev, pp = in_list(d, "r.prev_unit_id", f.units)
        any_of.append((f"({cur} OR {prev})", p + pp))
    if f.district is not None:
        match.append("r.district_id = ?")
        mparams.append(f.district)
        any_of.append(("(r.district_id = ? OR r.prev_district_id = ?)", [f.district, f.district]))
    if f.statuses:
        sql, p = in_list(d, "r.status", f.statuses)
        match.append(sql)
        mparams += p
    match_sql = " AND ".join(match)
    if since == 0:
        where.append(match_sql)
        params += mparams
    else:
        for sql, p in any_of:
            where.append(sql)
            params += p
        # a tombstone only for reports the caller may have pulled before (created ≤ since)
        where.append(f"(({match_sql}) OR r.created_revision <= ?)")
        params += [*mparams, since]
    return " AND ".join(where), params, match_sql, mparams


def _page_sql(d: str, where: str, item: str, gone: str) -> str:
    """One aggregate over the page's rows in revision order: (items, tombstones, last, n)."""
    if d == "sqlite":
        # the revision index gives the order; group_concat keeps it
        return (
            f"SELECT group_concat(f, ','), group_concat(g, ','), max(rev), count(*) FROM "
            f"(SELECT {item} AS f, {gone} AS g, r.revision AS rev FROM reports r "
            f"WHERE {where} ORDER BY r.revision LIMIT ?)"
        )
    # pick the page's ids first, then build the items of those rows only
    return (
        f"SELECT string_agg({item}, ',' ORDER BY r.revision), "
        f"string_agg(({gone})::text, ',' ORDER BY r.revision), max(r.revision), count(*) "
        f"FROM (SELECT r.id FROM reports r WHERE {where} ORDER BY r.revision LIMIT ?) page "
        "JOIN reports r ON r.id = page.id"
    )


ROW_COLUMNS = ("id", "lon", "lat", *(k for k, _ in _props("sqlite")))


def _row_sql(d: str) -> str:
    """SQL expression: report ``r`` as a JSON array in ROW_COLUMNS order (text)."""
    values = ", ".join(["r.id", "r.lon", "r.lat", *(v for _, v in _props(d))])
    return f"json_array({values})" if d == "sqlite" else f"json_build_array({values})::text"


def feed_page(
    conn: Connection, who: Principal, f: FeedFilter, since: int, limit: int, rows: bool = False
) -> bytes:
    """One page of the changes feed as a complete FeatureCollection (bytes), or with
    ``rows`` in the compact rows format (docs/api.md): one JSON array per report, in
    ROW_COLUMNS order, and the ids of the tombstones."""
    d = conn.dialect
    where, params, match_sql, mparams = _where(conn, who, f, since)
    live = row = _row_sql(d) if rows else feature_sql(d)
    gone, gparams, eparams = "NULL", [], []
    if since > 0:
        if rows:
            live = f"CASE WHEN {match_sql} THEN {row} END"
            gone, gparams = f"CASE WHEN {match_sql} THEN NULL ELSE r.id END", mparams
        else:
            live = f"CASE WHEN {match_sql} THEN {row} ELSE {tombstone_sql(d)} END"
        eparams = mparams
    sql = _page_sql(d, where, live, gone)
    body, deleted, last, count = conn.one_bytes(sql, [*eparams, *gparams, *params, limit])
    server_revision = conn.current_revision()
    next_since = str(int(last)) if count and count >= limit else "null"
    kind = "ReportRows" if rows else "FeatureCollection"
    head = f'{{"type":"{kind}","next_since":{next_since},"server_revision":{server_revision}'
    head = head.encode()
    if not rows:
        return b"".join((head, b',"features":[', body or b"", b"]}"))
    return b"".join(
        (
            head,
            b',"last_revision":',
            str(int(last) if count else since).encode(),
            b',"columns":',
            json.dumps(ROW_COLUMNS).encode(),
            b',"rows":[',
            body or b"",
            b'],"deleted":[',
            deleted or b"",
            b"]}",
        )
    )


def feature_json(conn: Connection, report_id: int) -> str | None:
    """One (non-deleted) report as a Feature (text), or None."""
    row = conn.one(
        f"SELECT {feature_sql(conn.dialect)} FROM reports r WHERE r.id = ? AND "
        + ("r.deleted = 0" if conn.dialect == "sqlite" else "NOT r.deleted"),
        (report_id,),
    )
    return None if row is None else row[0]
