"""The local GeoPackage cache of one connection: reports, districts, outbox, sync state.

QGIS shows the GeoPackage's own layers, so reports render fast, work offline and survive a
restart. We write through plain sqlite3 for speed; GDAL's R-tree triggers call ``ST_*``
functions that only GDAL defines, so we register equivalents for point blobs (gpkg.py).

``Cache`` is the one entry object; its parts, one module each: schema (tables, GeoPackage
creation), gpkg (point blobs, R-tree), rows (feed pages as table rows), reports (report
writes), outbox (queued changes and their state machine), seen (notifications), queries
(reads of reports), districts (reads of districts, the district of each report). No
module outside this package runs SQL on the cache's tables (tests/core/test_layering.py).
"""

from __future__ import annotations

from .districts import Districts, unit_filter
from .gpkg import build_rtree, point_blob
from .outbox import NewThreat, Outbox, OutboxChange
from .queries import Queries
from .reports import Written
from .rows import UPSERT_PREPARED, feature_row, prepared_rows, rows_one_by_one, rows_upsert
from .schema import (
    DISTRICT_FIELDS,
    DISTRICTS,
    DISTRICTS_RTREE,
    NEW_ID_BASE,
    OUTSIDE,
    REPORT_COLUMNS,
    REPORT_FIELDS,
    REPORTS,
    RTREE,
    SCHEMA_VERSION,
    create_geopackage,
    write_districts,
)


class Cache(Outbox, Queries, Districts):
    """One connection's GeoPackage. Open one Cache per thread (sqlite3 connections are not
    shared across threads)."""


__all__ = [
    "DISTRICTS",
    "DISTRICTS_RTREE",
    "DISTRICT_FIELDS",
    "NEW_ID_BASE",
    "OUTSIDE",
    "REPORTS",
    "REPORT_COLUMNS",
    "REPORT_FIELDS",
    "RTREE",
    "SCHEMA_VERSION",
    "UPSERT_PREPARED",
    "Cache",
    "NewThreat",
    "OutboxChange",
    "Written",
    "build_rtree",
    "create_geopackage",
    "feature_row",
    "point_blob",
    "prepared_rows",
    "rows_one_by_one",
    "rows_upsert",
    "unit_filter",
    "write_districts",
]
