"""The reports overview (report counts per grid cell) follows every write of the cache:
a bulk first pull, later pages that move and delete reports, and caches made before it."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from osgeo import ogr

from kmzb_qgis_plugin.core.cache import Cache
from kmzb_qgis_plugin.core.cache.overview import CELL_LAT, CELL_LON, OVERVIEW

COLUMNS = ["id", "lon", "lat", "revision", "status", "category"]


def row(fid: int, revision: int, x: float, y: float) -> list:
    return [fid, x, y, revision, "nowe", "parkowanie"]


def cell(x: float, y: float) -> tuple[int, int]:
    return int((x + 180) / CELL_LON), int((y + 90) / CELL_LAT)


def truth(cache: Cache) -> Counter:
    """Reports per cell counted here: a report's cell is that of its R-tree box (the point
    in float32, as GDAL's R-tree keeps it), for every report and nothing else."""
    boxes = dict(
        (i, (x, y)) for i, x, y in cache.db.execute("SELECT id, minx, miny FROM rtree_reports_geom")
    )
    points = dict(
        (i, (x, y))
        for i, x, y in cache.db.execute("SELECT fid, ST_MinX(geom), ST_MinY(geom) FROM reports")
    )
    assert boxes.keys() == points.keys()
    assert all(
        abs(boxes[i][0] - x) < 1e-5 and abs(boxes[i][1] - y) < 1e-5 for i, (x, y) in points.items()
    )
    return Counter(cell(x, y) for x, y in boxes.values())


def overview(cache: Cache) -> Counter:
    """The overview as GDAL (and so QGIS) reads it: cell of each point -> its count."""
    ds = ogr.Open(str(cache.path))
    layer = ds.GetLayerByName(OVERVIEW)
    got = Counter()
    for f in layer:
        point = f.GetGeometryRef()
        got[cell(point.GetX(), point.GetY())] += f.GetField("reports")
    return got


@pytest.fixture
def cache(tmp_path):
    c = Cache(tmp_path / "c.gpkg")
    yield c
    c.close()


def clustered(rnd: random.Random, n: int, first_id: int = 1) -> list[tuple[int, float, float]]:
    """Points around a few towns (several to a cell) and scattered ones."""
    towns = [(21.01, 52.23), (19.94, 50.06), (18.64, 54.35)]
    points = []
    for i in range(first_id, first_id + n):
        if i % 3:
            tx, ty = towns[i % len(towns)]
            points.append((i, tx + rnd.gauss(0, 0.05), ty + rnd.gauss(0, 0.03)))
        else:
            points.append((i, rnd.uniform(14.2, 24.1), rnd.uniform(49.1, 54.8)))
    return points


def test_a_bulk_pull_counts_every_report_in_its_cell(cache):
    rnd = random.Random(3)
    points = clustered(rnd, 4000)
    cache.begin_bulk()
    for start in range(0, len(points), 1000):
        chunk = points[start : start + 1000]
        cache.apply_rows(COLUMNS, [row(i, i, x, y) for i, x, y in chunk], [], chunk[-1][0])
    cache.end_bulk()
    expected = truth(cache)
    assert sum(expected.values()) == 4000 and max(expected.values()) > 10
    assert overview(cache) == expected


def test_later_pages_move_the_counts_with_the_reports(cache):
    rnd = random.Random(4)
    points = clustered(rnd, 600)
    cache.apply_rows(COLUMNS, [row(i, i, x, y) for i, x, y in points], [], 600)
    assert overview(cache) == truth(cache)
    # moved reports, deleted ones (rows format and GeoJSON pages) and new ones
    moved = [row(i, 700 + i, 23.5 + i / 1000, 50.5) for i in range(1, 60)]
    cache.apply_rows(COLUMNS, moved, list(range(100, 160)), 800)
    cache.apply_page(
        [
            {
                "type": "Feature",
                "id": 1000 + k,
                "geometry": {"type": "Point", "coordinates": [15.0 + k / 100, 53.0]},
                "properties": {"revision": 900 + k, "status": "nowe"},
            }
            for k in range(20)
        ]
        + [{"type": "Feature", "id": 200, "geometry": None, "properties": {"deleted": True}}],
        920,
    )
    assert cache.report_count() == 600 - 60 - 1 + 20
    assert overview(cache) == truth(cache)
    # a cell whose every report left is gone, not kept with zero
    assert cache.db.execute(f"SELECT count(*) FROM {OVERVIEW} WHERE reports <= 0").fetchone() == (
        0,
    )


def test_a_cache_made_before_the_overview_gets_it_on_open(tmp_path):
    path = tmp_path / "old.gpkg"
    old = Cache(path)
    points = clustered(random.Random(5), 300)
    old.apply_rows(COLUMNS, [row(i, i, x, y) for i, x, y in points], [], 300)
    with old.transaction() as db:
        db.execute(f"DROP TABLE {OVERVIEW}")
        db.execute("DELETE FROM gpkg_geometry_columns WHERE table_name=?", (OVERVIEW,))
        db.execute("DELETE FROM gpkg_contents WHERE table_name=?", (OVERVIEW,))
    old.close()
    again = Cache(path)
    try:
        assert sum(truth(again).values()) == 300
        assert overview(again) == truth(again)
    finally:
        again.close()
