"""Which cached district covers a point: the GeoPackage's own R-tree picks candidates, a
prepared GEOS geometry (QgsGeometry) decides. Also assigns a district to cached reports
that came without one, and flags those outside every district instead of dropping them.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable

from qgis.core import QgsGeometry, QgsPoint

from .cache import Cache

_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def gpkg_geometry(blob: bytes | None) -> QgsGeometry:
    """A QgsGeometry from a GeoPackage geometry blob (header and envelope skipped)."""
    if not blob or blob[:2] != b"GP":
        return QgsGeometry()
    flags = blob[3]
    start = 8 + _ENVELOPE_BYTES.get((flags >> 1) & 0x07, 0)
    geometry = QgsGeometry()
    geometry.fromWkb(bytes(blob[start:]))
    return geometry


def point_xy(blob: bytes) -> tuple[float, float] | None:
    """x, y of a GeoPackage point blob (any envelope)."""
    if not blob or blob[:2] != b"GP":
        return None
    start = 8 + _ENVELOPE_BYTES.get((blob[3] >> 1) & 0x07, 0)
    order = "<" if blob[start] == 1 else ">"
    return struct.unpack_from(f"{order}dd", blob, start + 5)


class DistrictIndex:
    """Point-in-polygon over the districts of one cache (EPSG:4326, lon/lat)."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache
        self._engines: dict[int, object] = {}

    def _engine(self, fid: int):
        engine = self._engines.get(fid)
        if engine is None:
            blob = self.cache.district_geometry(fid)
            geometry = gpkg_geometry(blob)
            prepared = QgsGeometry.createGeometryEngine(geometry.constGet()) if blob else None
            if prepared is not None:
                prepared.prepareGeometry()
            engine = self._engines[fid] = prepared or False
        return engine

    def locate(self, x: float, y: float) -> int | None:
        """The id of the district containing (x, y), the lowest id on a shared border."""
        point = QgsPoint(x, y)
        for fid in self.cache.districts_near(x, y):
            engine = self._engine(fid)
            if engine and engine.intersects(point):
                return int(fid)
        return None

    def locate_blobs(self, rows: Iterable[tuple[int, bytes]]) -> dict[int, int | None]:
        """report id -> district id (None outside every district) for (id, point blob)."""
        out: dict[int, int | None] = {}
        for report_id, blob in rows:
            xy = point_xy(blob)
            out[int(report_id)] = None if xy is None else self.locate(*xy)
        return out


def unassigned_reports(
    cache: Cache, since: str | None = None, until: str | None = None
) -> dict[int, int | None]:
    """Reports without a district and not yet flagged outside (submitted in [since, until),
    ISO UTC, when given), located by point-in-polygon."""
    return DistrictIndex(cache).locate_blobs(cache.unassigned_points(since, until))


def assign_districts(cache: Cache, recheck: bool = False) -> tuple[int, int]:
    """Give every cached report without a district the one its point lies in, and flag the
    rest as outside every district (``recheck``: look again at those flagged before, e.g.
    after the districts changed). Returns (assigned, outside)."""
    if recheck:
        cache.unflag_outside()
    found = unassigned_reports(cache)
    inside = [(d, r) for r, d in found.items() if d is not None]
    outside = [r for r, d in found.items() if d is None]
    cache.set_districts(inside, outside)
    return len(inside), len(outside)
