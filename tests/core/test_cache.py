"""The GeoPackage cache: valid for GDAL, atomic pages, tombstones, local edits kept."""

from __future__ import annotations

import math

import pytest
from osgeo import ogr

from kmzb_qgis_plugin.core.cache import REPORT_COLUMNS, Cache, point_blob, prepared_rows


def feature(
    fid: int, revision: int, status: str = "nowe", x: float = 21.0, y: float = 52.2, **props
) -> dict:
    return {
        "type": "Feature",
        "id": fid,
        "geometry": {"type": "Point", "coordinates": [x, y]},
        "properties": {
            "revision": revision,
            "status": status,
            "category": "parkowanie",
            "description": "opis",
            "submitted_at": "2026-11-20T10:00:00Z",
            **props,
        },
    }


def tombstone(fid: int, revision: int) -> dict:
    return {
        "type": "Feature",
        "id": fid,
        "geometry": None,
        "properties": {"revision": revision, "deleted": True},
    }


@pytest.fixture
def cache(tmp_path):
    c = Cache(tmp_path / "c.gpkg")
    yield c
    c.close()


def test_pages_land_with_cursor_and_gdal_reads_them(cache):
    cache.apply_page([feature(1, 10), feature(2, 11, x=19.94, y=50.06)], 11)
    cache.finish_pull()
    assert cache.cursor == 11
    ds = ogr.Open(str(cache.path))
    layer = ds.GetLayerByName("reports")
    assert layer.GetFeatureCount() == 2
    layer.SetSpatialFilterRect(19.9, 50.0, 20.0, 50.1)  # served by the R-tree
    assert [f.GetFID() for f in layer] == [2]
    got = layer.GetFeature(1)
    assert got.GetGeometryRef().GetX() == pytest.approx(21.0)
    assert got.GetField("status") == "nowe"


def test_tombstones_remove_and_updates_replace(cache):
    cache.apply_page([feature(1, 10), feature(2, 11)], 11)
    cache.apply_page([feature(1, 12, status="weryfikacja"), tombstone(2, 13)], 13)
    assert cache.report_count() == 1
    assert cache.report(1)["status"] == "weryfikacja"
    assert cache.report(2) is None
    rtree = cache.db.execute("SELECT count(*) FROM rtree_reports_geom").fetchone()[0]
    assert rtree == 1


def test_broken_features_are_skipped_not_stored(cache):
    bad = [
        feature(5, 20, x=math.nan),
        feature(6, 21, x=500.0),
        {"id": "x", "geometry": None, "properties": {}},
        {"foo": 1},
        {
            "type": "Feature",
            "id": 7,
            "geometry": {"type": "Point", "coordinates": "a"},
            "properties": {"revision": 22},
        },
    ]
    upserted, _, skipped = cache.apply_page([*bad, feature(8, 23)], 23)
    assert upserted == 1
    assert skipped == 5
    assert cache.report_count() == 1
    assert cache.get_state("skipped_features") == "5"


def test_a_failing_page_changes_nothing(cache, monkeypatch):
    cache.apply_page([feature(1, 10)], 10)

    class Boom(Exception):
        pass

    def explode(*args):
        raise Boom

    original = cache.set_state
    monkeypatch.setattr(cache, "set_state", explode)
    with pytest.raises(Boom):
        cache.apply_page([feature(2, 11), feature(1, 12, status="weryfikacja")], 12)
    monkeypatch.setattr(cache, "set_state", original)
    assert cache.cursor == 10
    assert cache.report_count() == 1 and cache.report(1)["status"] == "nowe"
    triggers = cache.db.execute(
        "SELECT count(*) FROM sqlite_master WHERE type='trigger' AND tbl_name='reports'"
    ).fetchone()[0]
    assert triggers >= 6  # GDAL's R-tree and count triggers are back


def test_local_edit_survives_a_pull_until_pushed(cache):
    cache.apply_page([feature(1, 10)], 10)
    (op,) = cache.record_changes([1], "weryfikacja", None)
    assert cache.report(1)["status"] == "weryfikacja" and cache.report(1)["pending"] == 1
    cache.apply_page([feature(1, 15, status="potwierdzone")], 15)
    assert cache.report(1)["status"] == "weryfikacja"
    (change,) = cache.outbox()
    assert change.op_id == op and change.base_revision == 10
    assert change.as_request() == {
        "op_id": op,
        "report_id": 1,
        "base_revision": 10,
        "status": "weryfikacja",
    }
    assert cache.pending_count() == 1


def test_small_writes_go_through_gdal_triggers(cache):
    """Outside bulk pages the R-tree is kept by GDAL's own triggers using our ST_ functions."""
    cache.db.execute(
        "INSERT INTO reports(fid, geom, status, pending) VALUES (9, ?, 'nowe', 0)",
        (point_blob(18.0, 54.0),),
    )
    assert cache.db.execute(
        "SELECT minx, maxy FROM rtree_reports_geom WHERE id=9"
    ).fetchone() == pytest.approx((18.0, 54.0))


def test_not_a_geopackage_is_a_clear_error(tmp_path):
    from kmzb_qgis_plugin.core.errors import CacheError

    path = tmp_path / "broken.gpkg"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(CacheError, match="damaged"):
        Cache(path)


COLUMNS = ["id", "lon", "lat", "revision", "status", "category", "future_column"]


def row(fid: int, revision: int, x=21.0, y=52.2, status="nowe") -> list:
    return [fid, x, y, revision, status, "parkowanie", "ignored"]


# a page with every column of the store's feed (and one we do not keep) takes the prepared
# path (prepared_rows); COLUMNS above, without most of ours, the SQL one (rows_upsert)
FULL = ["id", "lon", "lat", *REPORT_COLUMNS, "future_column"]


def full_row(fid: int, revision: int, x=21.0, y=52.2, status="nowe") -> list:
    values = {c: f"{c}-{fid}" for c in REPORT_COLUMNS}
    values.update(revision=revision, status=status, unit_id=7, district_id=None)
    values.update(confirmations=fid % 3, event_date="2026-11-19", description="opis ąę")
    return [fid, x, y, *(values[c] for c in REPORT_COLUMNS), "ignored"]


def as_feature(values: list) -> dict:
    named = dict(zip(FULL, values, strict=True))
    props = {c: named[c] for c in REPORT_COLUMNS}
    return {
        "type": "Feature",
        "id": named["id"],
        "geometry": {"type": "Point", "coordinates": [named["lon"], named["lat"]]},
        "properties": props,
    }


def test_full_rows_pages_store_what_geojson_pages_store(cache, tmp_path):
    page = [full_row(i, 10 + i, x=14.5 + i / 10, y=49.5 + i / 20) for i in range(1, 30)]
    assert prepared_rows(FULL, page) is not None  # the prepared path is the one tested
    assert cache.apply_rows(FULL, page, [], 40) == (29, 0, 0)
    other = Cache(tmp_path / "geojson.gpkg")
    other.apply_page([as_feature(r) for r in page], 40)
    dump = "SELECT * FROM reports ORDER BY fid"
    assert cache.db.execute(dump).fetchall() == other.db.execute(dump).fetchall()
    rtree = "SELECT * FROM rtree_reports_geom ORDER BY id"
    assert cache.db.execute(rtree).fetchall() == other.db.execute(rtree).fetchall()
    other.close()


@pytest.mark.parametrize(
    "broken",
    [
        lambda r: r.__setitem__(1, float("nan")),
        lambda r: r.__setitem__(2, None),
        lambda r: r.__setitem__(2, 95.0),
        lambda r: r.__setitem__(0, 3.0),  # a float id
        lambda r: r.__setitem__(5, {"a": 1}),  # not bindable: the page goes row by row
        lambda r: r.__setitem__(0, 2**70),
        lambda r: r.pop(),  # too short
    ],
)
def test_broken_full_rows_are_skipped_and_counted(cache, broken):
    bad = full_row(3, 5)
    broken(bad)
    upserted, _, skipped = cache.apply_rows(FULL, [full_row(1, 4), bad, full_row(2, 6)], [], 6)
    assert (upserted, skipped) == (2, 1)
    assert sorted(r[0] for r in cache.db.execute("SELECT fid FROM reports")) == [1, 2]
    assert cache.db.execute("SELECT count(*) FROM rtree_reports_geom").fetchone()[0] == 2


def test_full_rows_keep_a_pending_local_edit(cache):
    cache.apply_rows(FULL, [full_row(1, 4), full_row(2, 5)], [], 5)
    cache.record_changes([1], "weryfikacja", "sprawdzone")
    page = [full_row(1, 7, status="potwierdzone"), full_row(2, 8, status="potwierdzone")]
    assert cache.apply_rows(FULL, page, [], 8) == (2, 0, 0)
    assert cache.report(1)["status"] == "weryfikacja" and cache.report(1)["pending"] == 1
    assert cache.report(2)["status"] == "potwierdzone" and cache.report(2)["revision"] == 8


def test_rows_format_pages_match_geojson_pages(cache, tmp_path):
    cache.apply_rows(COLUMNS, [row(1, 10), row(2, 11, x=19.94, y=50.06)], [], 11)
    cache.apply_rows(COLUMNS, [row(1, 12, status="weryfikacja")], [2], 13)
    assert cache.cursor == 13 and cache.report_count() == 1
    assert cache.report(1)["status"] == "weryfikacja" and cache.report(1)["revision"] == 12
    ds = ogr.Open(str(cache.path))
    layer = ds.GetLayerByName("reports")
    layer.SetSpatialFilterRect(20.9, 52.1, 21.1, 52.3)
    assert [f.GetFID() for f in layer] == [1]
    rtree = cache.db.execute("SELECT id FROM rtree_reports_geom").fetchall()
    assert rtree == [(1,)]


@pytest.mark.parametrize(
    "broken",
    [
        [3, "NaN", 52.0, 5, "nowe", "parkowanie", None],
        [3, 21.0, None, 5, "nowe", "parkowanie", None],
        [3, 21.0, 95.0, 5, "nowe", "parkowanie", None],
        [3, 21.0],  # too short: the page goes row by row
        [3, 21.0, 52.0, {"a": 1}, "nowe", "parkowanie", None],  # not bindable
        ["x", 21.0, 52.0, 5, "nowe", "parkowanie", None],
        [2**70, 21.0, 52.0, 5, "nowe", "parkowanie", None],
    ],
)
def test_broken_rows_are_skipped_and_counted(cache, broken):
    upserted, _, skipped = cache.apply_rows(COLUMNS, [row(1, 4), broken, row(2, 6)], [], 6)
    assert (upserted, skipped) == (2, 1)
    assert cache.report_count() == 2 and cache.cursor == 6
    assert cache.get_state("skipped_features") == "1"
    assert cache.db.execute("SELECT count(*) FROM rtree_reports_geom").fetchone()[0] == 2


def test_rows_keep_a_pending_local_edit(cache):
    cache.apply_rows(COLUMNS, [row(1, 4), row(2, 5)], [], 5)
    cache.record_changes([1], "weryfikacja", "sprawdzone")
    upserted, _, skipped = cache.apply_rows(
        COLUMNS, [row(1, 7, status="potwierdzone"), row(2, 8)], [], 8
    )
    assert upserted == 2 and skipped == 0
    assert cache.report(1)["status"] == "weryfikacja" and cache.report(1)["pending"] == 1


def test_bulk_pull_builds_a_valid_rtree_at_the_end(cache):
    import random

    rnd = random.Random(5)
    points = [(i * 7 + 1, rnd.uniform(14.1, 24.1), rnd.uniform(49.1, 54.8)) for i in range(5000)]
    cache.apply_rows(COLUMNS, [row(99_999, 1)], [], 1)
    cache.record_changes([99_999], "weryfikacja", "x")  # a pending row survives the reset
    cache.reset_reports()
    cache.begin_bulk()
    for start in range(0, len(points), 1000):
        chunk = points[start : start + 1000]
        cache.apply_rows(COLUMNS, [row(i, i, x, y) for i, x, y in chunk], [], chunk[-1][0])
    assert cache.db.execute("SELECT count(*) FROM rtree_reports_geom").fetchone()[0] == 1
    cache.end_bulk()
    assert cache.get_state("bulk") is None
    db = cache.db
    assert db.execute("SELECT rtreecheck('rtree_reports_geom')").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM rtree_reports_geom").fetchone()[0] == 5001
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"reports_status", "reports_district"} <= indexes
    for _ in range(20):
        x0, y0 = rnd.uniform(14, 24), rnd.uniform(49, 54.5)
        x1, y1 = x0 + rnd.uniform(0, 2), y0 + rnd.uniform(0, 1)
        got = {
            r[0]
            for r in db.execute(
                "SELECT id FROM rtree_reports_geom WHERE maxx >= ? AND minx <= ? "
                "AND maxy >= ? AND miny <= ?",
                (x0, x1, y0, y1),
            )
        }
        assert got >= {i for i, x, y in points if x0 <= x <= x1 and y0 <= y <= y1}
    # the R-tree keeps working for later pages and GDAL reads it
    cache.apply_rows(COLUMNS, [row(1, 9_000, 23.9, 54.7)], [8], 9_001)
    assert db.execute("SELECT rtreecheck('rtree_reports_geom')").fetchone()[0] == "ok"
    ds = ogr.Open(str(cache.path))
    layer = ds.GetLayerByName("reports")
    layer.SetSpatialFilterRect(23.89, 54.69, 23.91, 54.71)
    assert 1 in [f.GetFID() for f in layer]


@pytest.mark.parametrize(
    ("index", "query"),
    [
        (
            "reports_outside",
            "UPDATE reports SET outside_districts = 0 "
            "WHERE district_id IS NOT NULL AND outside_districts = 1",
        ),
        (  # reports_district would walk every report flagged outside: 0.4 s in a million
            "reports_unlocated",
            "SELECT fid, geom FROM reports WHERE district_id IS NULL AND outside_districts = 0",
        ),
    ],
)
def test_reports_flagged_or_not_yet_located_are_found_without_a_scan(tmp_path, index, query):
    """assign_districts looks for both after every pull: an index each, also in older caches."""
    path = tmp_path / "old.gpkg"
    Cache(path).db.execute(f"DROP INDEX {index}")
    cache = Cache(path)
    plan = cache.db.execute(f"EXPLAIN QUERY PLAN {query}").fetchall()
    assert f"USING INDEX {index}" in plan[0][-1]
    cache.close()


def test_fast_writes_are_put_back_also_after_a_failure(cache):
    assert cache.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL: the outbox
    with pytest.raises(RuntimeError), cache.fast_writes():
        assert cache.db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        raise RuntimeError
    assert cache.db.execute("PRAGMA synchronous").fetchone()[0] == 2
