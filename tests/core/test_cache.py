"""The GeoPackage cache: valid for GDAL, atomic pages, tombstones, local edits kept."""

from __future__ import annotations

import math

import pytest
from osgeo import ogr

from kmzb_qgis_plugin.core.cache import Cache, point_blob


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
    upserted, _ = cache.apply_page([*bad, feature(8, 23)], 23)
    assert upserted == 1
    assert cache.bad_features == 5
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
