"""GeoJSON built inside the database: the changes feed and single features.

The feed never materialises a Python object per feature: SQLite's ``json_object`` builds
each Feature (PostgreSQL keeps it built in ``reports.feature``), the page's Features come as
UTF-8 bytes, a thousand at a time, joined into the pieces of a body the endpoint sends on
while the database still reads the rest.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from .auth import Principal
from .db import Connection
from .dialect import Dialect
from .util import day_after, day_start

# timestamptz → "YYYY-MM-DDTHH:MM:SSZ", written out so the planner need not call a function
PG_ISO = "to_char(r.{} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

MAX_LIMIT = 50_000
DEFAULT_LIMIT = 10_000
# SQLite: a bbox holding at most this many reports is read through reports_rtree; a bigger
# one by the revision index (10,000 of Warsaw's 100,000 come sooner in revision order)
RTREE_MAX_HITS = 20_000
EXACT_BOX = "r.lon BETWEEN ? AND ? AND r.lat BETWEEN ? AND ?"  # params minx, maxx, miny, maxy

# PostgreSQL: every report is in a cell of a 0.05° grid over Poland (migration 0005), indexed
# by (cell, revision), and in a coarse cell of 4 x 4 of them (0.2°, migration 0006). A bbox
# page that covers at most GRID_MAX_CELLS cells of one of the two, mostly whole, merges the
# cells' revision-ordered index scans: a 10,000-report page of a city reads about 10,000
# rows, where the revision order would filter ~120,000 and the GiST index would sort every
# report of the city. Bigger or thinner bboxes keep the plain plans.
GRID_PER_DEGREE = 20
GRID_LON0, GRID_LAT0 = 14.0, 49.0  # the schema's lower bounds of lon and lat
GRID_COLUMNS, GRID_ROWS = 205, 119  # up to lon 24.2, lat 54.9
GRID_COARSE = 2  # a coarse cell spans 2**2 cells each way
GRID_MAX_CELLS = 150
GRID_MIN_COVER = 0.25  # the bbox's share of its cells' area
GRID_SLIVER = 0.2  # an edge column or row the bbox enters by less than this much of a cell
PG_CELL = (
    f"((floor((lat - {GRID_LAT0:g}) * {GRID_PER_DEGREE})::int << 8) "
    f"| floor((lon - {GRID_LON0:g}) * {GRID_PER_DEGREE})::int)"
)


def pg_coarse_cell(cell: str) -> str:
    """SQL of the coarse cell of ``cell``, numbered alike (row << 8 | column)."""
    return f"((({cell} >> {8 + GRID_COARSE}) << 8) | (({cell} & 255) >> {GRID_COARSE}))"


# (shift of the row and column numbers, SQL of a report's cell) of the fine and coarse grid
GRID_LEVELS = ((0, "r.cell"), (GRID_COARSE, pg_coarse_cell("r.cell")))


def _props(d: str, a: str = "r", source: bool = True) -> list[tuple[str, str]]:
    """(key, SQL expression over table alias ``a``) of a report's properties, in order
    (without ``source`` for the migrations older than the column, 0007)."""
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
        *([("source", f"{a}.source")] if source else []),
    ]


def _pg_value(expr: str) -> str:
    """PostgreSQL: ``expr`` as JSON text (null when NULL), for JSON written by concatenation
    (json_build_object writes ``"key" : value, ``; its blanks are a tenth of a page)."""
    return f"coalesce(to_json({expr})::text, 'null')"


# what anyone may see of a report on the public map: no notes (the store has no flag that
# makes a police note public), no unit, district or attachments, never the reporter's IP
PUBLIC_KEYS = frozenset(
    (
        "category",
        "status",
        "description",
        "submitted_at",
        "event_date",
        "updated_at",
        "confirmations",
    )
)
PUBLIC_MAX_LIMIT = 5_000


def build_feature_sql(
    dialect: str, a: str = "r", keys: frozenset[str] | None = None, source: bool = True
) -> str:
    """SQL expression building one report (table alias ``a``) as a GeoJSON Feature (text),
    with only the properties in ``keys`` when given."""
    fields = [(k, v) for k, v in _props(dialect, a, source) if keys is None or k in keys]
    if dialect == "sqlite":
        props = ", ".join(f"'{k}', {v}" for k, v in fields)
        return (
            f"json_object('type', 'Feature', 'id', {a}.id, 'geometry', json_object('type', "
            f"'Point', 'coordinates', json_array({a}.lon, {a}.lat)), 'properties', "
            f"json_object({props}))"
        )
    props = " || ',' || ".join(f"'\"{k}\":' || {_pg_value(v)}" for k, v in fields)
    return (
        f'\'{{"type":"Feature","id":\' || {a}.id || \',"geometry":{{"type":'
        f'"Point","coordinates":[\' || {_pg_value(a + ".lon")} || \',\' || '
        f"{_pg_value(a + '.lat')} || ']}},\"properties\":{{' || {props} || '}}}}'"
    )


def build_row_sql(dialect: str, a: str = "r", source: bool = True) -> str:
    """SQL expression: one report (alias ``a``) as a JSON array in ROW_COLUMNS order (text)."""
    values = [f"{a}.id", f"{a}.lon", f"{a}.lat", *(v for _, v in _props(dialect, a, source))]
    if dialect == "sqlite":
        return f"json_array({', '.join(values)})"
    return "'[' || " + " || ',' || ".join(_pg_value(v) for v in values) + " || ']'"


def feature_sql(dialect: str) -> str:
    """The Feature text of report ``r``: built by SQLite's JSON functions on the fly; on
    PostgreSQL (where building it costs 5 µs a report) kept in ``reports.feature``."""
    return build_feature_sql(dialect) if dialect == "sqlite" else "r.feature"


def row_sql(dialect: str) -> str:
    """The rows-format array of report ``r``; on PostgreSQL kept in ``reports.row_json``."""
    return build_row_sql(dialect) if dialect == "sqlite" else "r.row_json"


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
    return Dialect(dialect).in_list(column, values)


@dataclass
class FeedFilter:
    bbox: tuple[float, float, float, float] | None = None
    units: list[int] | None = None  # a unit with its sub-units, already expanded
    district: int | None = None
    statuses: list[str] | None = None
    categories: list[str] | None = None
    sources: list[str] | None = None
    submitted_from: date | None = None
    submitted_to: date | None = None


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


def _grid_index(v: float, v0: float) -> int:
    """A column (of lon) or row (of lat) of the grid: the float arithmetic of PG_CELL."""
    return math.floor((v - v0) * GRID_PER_DEGREE)


def cell_of(lon: float, lat: float, shift: int = 0) -> int:
    """The grid cell of a point: what PostgreSQL stores in ``reports.cell`` (shift 0), or
    its coarse cell (shift GRID_COARSE, ``pg_coarse_cell``)."""
    return _grid_index(lat, GRID_LAT0) >> shift << 8 | _grid_index(lon, GRID_LON0) >> shift


class Grid(NamedTuple):
    """How a bbox page reads the grid: ``cells`` (cell, whether wholly inside the bbox) by
    their revision index; ``slivers``, edge cells the bbox barely enters (a whole scan of
    one at the merge's start would find nothing), by the GiST over ``strips``, the thin
    boxes where those cells and the bbox meet; ``column``, the SQL of a report's cell at
    the grid's level (``shift`` as in GRID_LEVELS)."""

    cells: list[tuple[int, bool]]
    slivers: list[int]
    strips: list[tuple[float, float, float, float]]
    shift: int
    column: str


def grid_cells(bbox: tuple[float, float, float, float]) -> Grid | None:
    """The cells of the finest grid at which a bbox touches at most GRID_MAX_CELLS, or None
    when it is too big for both or covers too little of its cells for the grid to pay."""
    minx, miny, maxx, maxy = bbox
    for level in GRID_LEVELS:
        shift = level[0]
        lo_c, hi_c = _grid_index(minx, GRID_LON0) >> shift, _grid_index(maxx, GRID_LON0) >> shift
        lo_r, hi_r = _grid_index(miny, GRID_LAT0) >> shift, _grid_index(maxy, GRID_LAT0) >> shift
        cols = range(max(lo_c, 0), min(hi_c, (GRID_COLUMNS - 1) >> shift) + 1)
        rows = range(max(lo_r, 0), min(hi_r, (GRID_ROWS - 1) >> shift) + 1)
        n = len(cols) * len(rows)
        if n == 0:
            return None
        if n <= GRID_MAX_CELLS:
            break
    else:
        return None
    step = (1 << shift) / GRID_PER_DEGREE
    width = min(maxx, GRID_LON0 + GRID_COLUMNS / GRID_PER_DEGREE) - max(minx, GRID_LON0)
    height = min(maxy, GRID_LAT0 + GRID_ROWS / GRID_PER_DEGREE) - max(miny, GRID_LAT0)
    if width * height < GRID_MIN_COVER * n * step * step:
        return None

    def thin(i: int, v0: float, lo: float, hi: float) -> tuple[float, float] | None:
        """The span of column/row ``i`` in [lo, hi] when under GRID_SLIVER of a cell."""
        start = v0 + i * step
        a, b = max(lo, start - 1e-9), min(hi, start + step + 1e-9)
        return (a, b) if b - a < GRID_SLIVER * step else None

    thin_cols = {c: span for c in (cols[0], cols[-1]) if (span := thin(c, GRID_LON0, minx, maxx))}
    thin_rows = {r: span for r in (rows[0], rows[-1]) if (span := thin(r, GRID_LAT0, miny, maxy))}
    strips = [(a, miny, b, maxy) for a, b in thin_cols.values()]
    strips += [(minx, a, maxx, b) for a, b in thin_rows.values()]
    cells, slivers = [], []
    for r in rows:
        for c in cols:
            if c in thin_cols or r in thin_rows:
                slivers.append(r << 8 | c)
            else:  # strictly between the bbox's edge columns and rows: strictly inside it
                cells.append((r << 8 | c, lo_c < c < hi_c and lo_r < r < hi_r))
    return Grid(cells, slivers, strips, *level)


def _where(
    conn: Connection,
    who: Principal,
    f: FeedFilter,
    since: int,
    box: bool = True,
    changes: bool = True,
) -> tuple[str, list, str, list]:
    """(WHERE clause, params, visible-and-matching expression, its params); without the
    bbox condition when not ``box`` (for grid cells wholly inside the bbox). Without
    ``changes``, ``since`` is a plain cursor: the matching reports after it, no tombstones."""
    d = conn.dialect
    live = since == 0 or not changes
    where: list[str] = ["r.revision > ?"]
    params: list = [since]
    # immutable filters: a report that never matched them needs no tombstone either
    if f.bbox is not None and box:
        minx, miny, maxx, maxy = f.bbox
        if d == "sqlite":
            where.append(EXACT_BOX)
            params += [minx, maxx, miny, maxy]
            if live and _few_in_box(conn, f.bbox):
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
    if f.sources:
        sql, p = in_list(d, "r.source", f.sources)
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
    if live:
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
    """The page's rows in revision order: (revision, item or NULL, tombstone or NULL)."""
    if d == "sqlite":
        return (
            f"SELECT r.revision, {item}, CAST({gone} AS TEXT) FROM reports r "
            f"WHERE {where} ORDER BY r.revision LIMIT ?"
        )
    # pick the page's ids first (an index-only scan), then build the items of those rows
    # only; ordered by the picked revisions, the join keeps their order (no second sort)
    return (
        f"SELECT page.revision, {item}, ({gone})::text FROM (SELECT r.id, r.revision "
        f"FROM reports r WHERE {where} ORDER BY r.revision LIMIT ?) page "
        "JOIN reports r ON r.id = page.id ORDER BY page.revision"
    )


def _grid_page_sql(
    grid: Grid,
    edge: tuple[str, list],
    inner: tuple[str, list],
    item: str,
    gone: str,
    item_params: list,
) -> tuple[str, list]:
    """``_page_sql`` over grid cells (PostgreSQL): each cell's rows in revision order by
    reports_cell_rev, merged (a Merge Append) up to the page's limit; only the cells on the
    bbox's edge test the bbox; the slivers' few rows come from the GiST, sorted. Returns
    (SQL, params without the limit)."""
    select = f"SELECT r.revision, {item}, ({gone})::text FROM reports r WHERE"
    parts, params = [], []
    for cell, inside in grid.cells:
        where, where_params = inner if inside else edge
        parts.append(f"({select} {grid.column} = ? AND {where} ORDER BY r.revision)")
        params += [*item_params, cell, *where_params]
    if grid.slivers:
        near = " OR ".join(["r.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)"] * len(grid.strips))
        parts.append(
            f"({select} {grid.column} = ANY(?) AND ({near}) AND {edge[0]} ORDER BY r.revision)"
        )
        params += [*item_params, grid.slivers, *(v for s in grid.strips for v in s), *edge[1]]
    return f"SELECT * FROM ({' UNION ALL '.join(parts)}) page ORDER BY 1 LIMIT ?", params


ROW_COLUMNS = ("id", "lon", "lat", *(k for k, _ in _props("sqlite")))
ROW_COLUMNS_JSON = json.dumps(ROW_COLUMNS)


STREAM_ROWS = 1000  # rows a streamed page takes from the database at a time


def feed_page(
    conn: Connection, who: Principal, f: FeedFilter, since: int, limit: int, rows: bool = False
) -> bytes:
    """One page of the changes feed as a complete FeatureCollection (bytes), or with
    ``rows`` in the compact rows format (docs/api.md): one JSON array per report, in
    ROW_COLUMNS order, and the ids of the tombstones."""
    return b"".join(feed_stream(conn, who, f, since, limit, rows))


def feed_stream(
    conn: Connection,
    who: Principal,
    f: FeedFilter,
    since: int,
    limit: int,
    rows: bool = False,
    public: bool = False,
) -> Iterator[bytes]:
    """``feed_page`` in pieces, as the rows come from the database: the page goes out while
    the database still reads it (a 10,000-feature page is ~7 MB). The first piece comes
    after the query's first rows, so a failing query fails before anything is sent;
    ``next_since`` is known only at the end, so it is the last key. ``public``: the public
    map's page, the PUBLIC_KEYS of the live reports after revision ``since``."""
    sql, params = _page_query(conn, who, f, since, rows, public)
    server_revision = conn.current_revision()  # same snapshot; asked first, while cheap
    kind = "ReportRows" if rows else "FeatureCollection"
    head = f'{{"type":"{kind}","server_revision":{server_revision},'
    head += f'"columns":{ROW_COLUMNS_JSON},"rows":[' if rows else '"features":['
    opening = head.encode()
    sent, count, last, deleted = False, 0, since, []  # sent: the head, with the first item
    for chunk in conn.stream_bytes(sql, [*params, limit], STREAM_ROWS):
        count += len(chunk)
        last = int(chunk[-1][0])
        items = [item for _, item, _ in chunk if item is not None]
        if rows:
            deleted += [gone for _, _, gone in chunk if gone is not None]
        if items:
            yield _joined(b"," if sent else opening, items)
            sent = True
    next_since = str(last) if count and count >= limit else "null"
    end = f'"next_since":{next_since}}}'
    if rows:
        tail = b'],"deleted":[' + b",".join(deleted) + f'],"last_revision":{last},{end}'.encode()
    else:
        tail = f"],{end}".encode()
    yield (b"" if sent else opening) + tail


def _page_query(
    conn: Connection, who: Principal, f: FeedFilter, since: int, rows: bool, public: bool = False
) -> tuple[str, list]:
    """The page's SQL (rows of revision, item or NULL, tombstone id or NULL, in revision
    order) and its parameters, all but the limit."""
    d = conn.dialect
    changes = not public
    where, params, match_sql, mparams = _where(conn, who, f, since, changes=changes)
    live = row = row_sql(d) if rows else feature_sql(d)
    if public:
        live = build_feature_sql(d, keys=PUBLIC_KEYS)
    gone, gparams, eparams = "NULL", [], []
    if since > 0 and changes:
        if rows:
            live = f"CASE WHEN {match_sql} THEN {row} END"
            gone, gparams = f"CASE WHEN {match_sql} THEN NULL ELSE r.id END", mparams
        else:
            live = f"CASE WHEN {match_sql} THEN {row} ELSE {tombstone_sql(d)} END"
        eparams = mparams
    grid = grid_cells(f.bbox) if d == "postgresql" and f.bbox is not None else None
    if not grid:
        return _page_sql(d, where, live, gone), [*eparams, *gparams, *params]
    inner, inner_params = _where(conn, who, f, since, box=False, changes=changes)[:2]
    minx, miny, maxx, maxy = f.bbox
    # the edge cells test the exact bbox (as SQLite does; the GiST's && rounds boxes to
    # float4) on columns without an index, so the planner keeps each cell's scan
    edge = (f"{inner} AND {EXACT_BOX}", [*inner_params, minx, maxx, miny, maxy])
    return _grid_page_sql(grid, edge, (inner, inner_params), live, gone, [*eparams, *gparams])


def _joined(head: bytes, items: list[bytes]) -> bytes:
    """``head + b",".join(items)`` with one copy of the megabytes, not two."""
    items[0] = head + items[0]
    return b",".join(items)


def feature_json(conn: Connection, report_id: int) -> str | None:
    """One (non-deleted) report as a Feature (text), or None."""
    row = conn.one(
        f"SELECT {feature_sql(conn.dialect)} FROM reports r WHERE r.id = ? AND "
        + ("r.deleted = 0" if conn.dialect == "sqlite" else "NOT r.deleted"),
        (report_id,),
    )
    return None if row is None else row[0]
