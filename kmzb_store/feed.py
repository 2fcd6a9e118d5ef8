"""The changes feed: which reports a page holds (the filter, the caller's scope,
tombstones) and the paging, streamed.

The feed never materialises a Python object per feature: the database builds each Feature
or row (``report_sql``), the page's items come as UTF-8 bytes, a thousand at a time, joined
into the pieces of a body the endpoint sends on while the database still reads the rest.
A bbox is read by SQLite's R-tree when it holds few reports, by PostgreSQL's grid (``pg_grid``)
when the grid pays, else in revision order.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from . import pg_grid
from .auth import Principal
from .db import Connection
from .dialect import Dialect
from .report_sql import (
    PUBLIC_KEYS,
    ROW_COLUMNS,
    build_feature_sql,
    feature_sql,
    row_sql,
    tombstone_sql,
)
from .util import day_after, day_start

MAX_LIMIT = 50_000
DEFAULT_LIMIT = 10_000
PUBLIC_MAX_LIMIT = 5_000
# SQLite: a bbox holding at most this many reports is read through reports_rtree; a bigger
# one by the revision index (10,000 of Warsaw's 100,000 come sooner in revision order).
# PostgreSQL plans small bboxes by its grid instead (pg_grid.py).
RTREE_MAX_HITS = 20_000
EXACT_BOX = "r.lon BETWEEN ? AND ? AND r.lat BETWEEN ? AND ?"  # params minx, maxx, miny, maxy


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
        if d.is_sqlite:  # the exact box, and the R-tree first when the box holds few
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
        sql, p = d.in_list("r.category", f.categories)
        where.append(sql)
        params += p
    if f.sources:
        sql, p = d.in_list("r.source", f.sources)
        where.append(sql)
        params += p
    if f.submitted_from is not None:
        where.append("r.submitted_at >= ?")
        params.append(day_start(f.submitted_from))
    if f.submitted_to is not None:
        where.append("r.submitted_at < ?")
        params.append(day_after(f.submitted_to))
    # mutable conditions: scope, unit, district, status, deletion
    match: list[str] = [f"r.deleted = {d.false}"]
    mparams: list = []
    any_of: list[tuple[str, list]] = []
    scope = None if who.read_units is None else sorted(who.read_units)
    for units in (scope, f.units):  # the caller's scope, then the filter's units
        if units is not None:
            cur, p = d.in_list("r.unit_id", units)
            match.append(cur)
            mparams += p
            prev, pp = d.in_list("r.prev_unit_id", units)
            any_of.append((f"({cur} OR {prev})", p + pp))
    if f.district is not None:
        match.append("r.district_id = ?")
        mparams.append(f.district)
        any_of.append(("(r.district_id = ? OR r.prev_district_id = ?)", [f.district, f.district]))
    if f.statuses:
        sql, p = d.in_list("r.status", f.statuses)
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


def _page_sql(d: Dialect, where: str, item: str, gone: str) -> str:
    """The page's rows in revision order: (revision, item or NULL, tombstone or NULL)."""
    if d.is_sqlite:
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
    # PostgreSQL plans a bbox by its grid when the grid pays (SQLite: the R-tree in _where)
    grid = pg_grid.grid_cells(f.bbox) if d.is_postgresql and f.bbox is not None else None
    if not grid:
        return _page_sql(d, where, live, gone), [*eparams, *gparams, *params]
    inner, inner_params = _where(conn, who, f, since, box=False, changes=changes)[:2]
    minx, miny, maxx, maxy = f.bbox
    # the edge cells test the exact bbox (as SQLite does; the GiST's && rounds boxes to
    # float4) on columns without an index, so the planner keeps each cell's scan
    edge = (f"{inner} AND {EXACT_BOX}", [*inner_params, minx, maxx, miny, maxy])
    return pg_grid.grid_page_sql(
        grid, edge, (inner, inner_params), live, gone, [*eparams, *gparams]
    )


def _joined(head: bytes, items: list[bytes]) -> bytes:
    """``head + b",".join(items)`` with one copy of the megabytes, not two."""
    items[0] = head + items[0]
    return b",".join(items)
