"""Geometry: validating district polygons and finding the district/unit of a point.

PostgreSQL answers single look-ups with PostGIS (``ST_Covers`` on a GiST index). SQLite uses
a shapely STRtree kept in the process and rebuilt when ``settings.districts_version``
changes (every write to districts bumps it, so other worker processes notice too). Bulk
re-assignment after a district change uses the STRtree on both databases.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, shape

from .db import Connection
from .util import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN


class GeometryError(ValueError):
    pass


def to_multipolygon(geom: Any) -> MultiPolygon:
    """Validate a shapely geometry or a GeoJSON mapping as a district area."""
    if isinstance(geom, dict):
        if geom.get("type") not in ("Polygon", "MultiPolygon"):
            raise GeometryError("geometry must be a Polygon or MultiPolygon")
        try:
            geom = shape(geom)
        except Exception as e:
            raise GeometryError(f"malformed geometry: {e}") from None
    if isinstance(geom, Polygon):
        geom = MultiPolygon([geom])
    if not isinstance(geom, MultiPolygon):
        raise GeometryError("geometry must be a Polygon or MultiPolygon")
    if geom.is_empty:
        raise GeometryError("empty geometry")
    if shapely.has_z(geom):
        geom = shapely.force_2d(geom)
    coords = shapely.get_coordinates(geom)
    if not np.isfinite(coords).all():
        raise GeometryError("coordinates must be finite numbers")
    minx, miny, maxx, maxy = geom.bounds
    if minx < LON_MIN or maxx > LON_MAX or miny < LAT_MIN or maxy > LAT_MAX:
        raise GeometryError(
            f"geometry outside Poland (lon {LON_MIN}–{LON_MAX}, lat {LAT_MIN}–{LAT_MAX}, EPSG:4326)"
        )
    if not geom.is_valid:
        raise GeometryError(f"invalid polygon: {shapely.is_valid_reason(geom)}")
    return geom


def valid_point(lon: Any, lat: Any) -> bool:
    return (
        isinstance(lon, int | float)
        and isinstance(lat, int | float)
        and not isinstance(lon, bool)
        and not isinstance(lat, bool)
        and math.isfinite(lon)
        and math.isfinite(lat)
        and LON_MIN <= lon <= LON_MAX
        and LAT_MIN <= lat <= LAT_MAX
    )


class DistrictLocator:
    """Point → (district id, unit id) over a fixed set of districts."""

    def __init__(self, rows: Sequence[tuple[int, int, bytes]], root_unit: int | None):
        self.ids = np.array([int(r[0]) for r in rows], dtype=np.int64)
        self.units = np.array([int(r[1]) for r in rows], dtype=np.int64)
        self.geoms = shapely.from_wkb([bytes(r[2]) for r in rows]) if rows else np.array([])
        # order by id so the lowest id wins on shared borders (same as the SQL look-up)
        order = np.argsort(self.ids)
        self.ids, self.units = self.ids[order], self.units[order]
        if rows:
            self.geoms = self.geoms[order]
            shapely.prepare(self.geoms)
        self.tree = shapely.STRtree(self.geoms) if rows else None
        self.root_unit = root_unit

    def locate(self, lon: float, lat: float) -> tuple[int | None, int | None]:
        if self.tree is None:
            return None, self.root_unit
        pt = Point(lon, lat)
        hits = self.tree.query(pt, predicate="covered_by")
        if len(hits):
            i = int(hits.min())
            return int(self.ids[i]), int(self.units[i])
        near = self.tree.nearest(pt)
        return None, int(self.units[int(near)])

    def locate_many(
        self, lons: Sequence[float], lats: Sequence[float]
    ) -> tuple[list[int | None], list[int | None]]:
        n = len(lons)
        if self.tree is None or n == 0:
            return [None] * n, [self.root_unit] * n
        pts = shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
        inp, tree_idx = self.tree.query(pts, predicate="covered_by")
        best = np.full(n, -1, dtype=np.int64)
        # lowest tree index per input point (tree index order == id order)
        order = np.lexsort((tree_idx, inp))
        inp, tree_idx = inp[order], tree_idx[order]
        first = np.ones(len(inp), dtype=bool)
        first[1:] = inp[1:] != inp[:-1]
        best[inp[first]] = tree_idx[first]
        districts: list[int | None] = [None] * n
        units: list[int | None] = [None] * n
        missing = np.nonzero(best < 0)[0]
        for i in np.nonzero(best >= 0)[0]:
            districts[int(i)] = int(self.ids[best[i]])
            units[int(i)] = int(self.units[best[i]])
        if len(missing):
            near = self.tree.nearest(pts[missing])
            for i, j in zip(missing, near, strict=True):
                units[int(i)] = int(self.units[int(j)])
        return districts, units


def root_unit(conn: Connection) -> int | None:
    row = conn.one("SELECT id FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1")
    return None if row is None else int(row[0])


def load_locator(conn: Connection) -> DistrictLocator:
    rows = conn.all(f"SELECT id, unit_id, {conn.dialect.wkb('geom')} FROM districts")
    return DistrictLocator(rows, root_unit(conn))


_cache_lock = threading.Lock()
_cache: dict[str, tuple[str, DistrictLocator]] = {}


def districts_version(conn: Connection) -> str:
    return str(conn.scalar("SELECT value FROM settings WHERE key = 'districts_version'"))


def locate(conn: Connection, lon: float, lat: float) -> tuple[int | None, int | None]:
    """District and unit for a newly submitted report."""
    if conn.dialect.is_postgresql:  # PostGIS finds it; SQLite: a locator kept in memory
        row = conn.one(
            "SELECT id, unit_id FROM districts "
            "WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)) ORDER BY id LIMIT 1",
            (lon, lat),
        )
        if row is not None:
            return int(row[0]), int(row[1])
        row = conn.one(
            "SELECT unit_id FROM districts "
            "ORDER BY geom <-> ST_SetSRID(ST_MakePoint(?, ?), 4326) LIMIT 1",
            (lon, lat),
        )
        if row is not None:
            return None, int(row[0])
        return None, root_unit(conn)
    version = districts_version(conn)
    key = conn.db.url
    with _cache_lock:
        cached = _cache.get(key)
    if cached is None or cached[0] != version:
        locator = load_locator(conn)
        with _cache_lock:
            _cache[key] = (version, locator)
    else:
        locator = cached[1]
    return locator.locate(lon, lat)
