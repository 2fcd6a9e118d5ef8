"""District files an analyst brings: broken geometries (bow-tie), other CRSs (EPSG:2180,
EPSG:3857), Polish field names, empty and non-polygon layers; an admin's upload to the
real store, refused for everyone else."""

from __future__ import annotations

import pytest
from conftest import as_admin
from osgeo import ogr, osr

from kmzb_qgis_plugin.core.api_client import StoreClient
from kmzb_qgis_plugin.core.district_file import (
    DistrictFileError,
    read_district_file,
    upload_body,
)
from kmzb_qgis_plugin.core.errors import Forbidden

BOW_TIE = "POLYGON ((20.3 52.0, 20.4 52.1, 20.4 52.0, 20.3 52.1, 20.3 52.0))"
SQUARE_2180 = (
    "POLYGON ((637000 486000, 638000 486000, 638000 487000, 637000 487000, 637000 486000))"
)
FLAT = "POLYGON ((20.3 52.0, 20.4 52.0, 20.5 52.0, 20.3 52.0))"  # no area, cannot be repaired


def write_file(path, driver: str, epsg: int, rows: list[dict], kind=ogr.wkbPolygon) -> str:
    """A vector file with string fields from the rows' keys and WKT geometry in 'wkt'."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds = ogr.GetDriverByName(driver).CreateDataSource(str(path))
    layer = ds.CreateLayer("rejony", srs, kind)
    names = [k for k in (rows[0] if rows else {"code": "", "name": ""}) if k != "wkt"]
    for name in names:
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for row in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for name in names:
            feature.SetField(name, row[name])
        feature.SetGeometry(ogr.CreateGeometryFromWkt(row["wkt"]))
        layer.CreateFeature(feature)
    ds = None
    return str(path)


def district(code: str, wkt: str, **more) -> dict:
    return {"code": code, "name": f"Rejon {code}", "unit_code": "KMP-A1", **more, "wkt": wkt}


def test_bow_tie_is_repaired_and_reported(tmp_path, qgis_app):
    path = write_file(tmp_path / "r.geojson", "GeoJSON", 4326, [district("N-1", BOW_TIE)])
    loaded = read_district_file(path)
    (feature,) = loaded.layer.getFeatures()
    assert feature.geometry().isGeosValid() and feature.geometry().area() > 0
    (warning,) = loaded.warnings
    assert "Rejon N-1" in warning and "Self-intersection" in warning


def test_pl_1992_geopackage_with_polish_names(tmp_path, qgis_app):
    rows = [
        {
            "Kod": "N-2",
            "Nazwa": "Rejon Śródmieście",
            "Jednostka": "KMP-A1",
            "Dzielnicowy": "Anna Nowak",
            "Stopień": "sierż.",
            "Telefon": "+48 22 000",
            "E-mail": "a.nowak@policja.example",
            "wkt": SQUARE_2180,
        }
    ]
    path = write_file(tmp_path / "r.gpkg", "GPKG", 2180, rows)
    loaded = read_district_file(path)
    assert loaded.layer.crs().authid() == "EPSG:4326" and not loaded.warnings
    (feature,) = loaded.layer.getFeatures()
    centre = feature.geometry().centroid().asPoint()
    assert 20.9 < centre.x() < 21.1 and 52.1 < centre.y() < 52.3
    assert (feature["code"], feature["name"], feature["officer_rank"]) == (
        "N-2",
        "Rejon Śródmieście",
        "sierż.",
    )
    assert feature["email"] == "a.nowak@policja.example"
    (sent,) = upload_body(loaded.layer)["features"]
    assert sent["properties"]["unit_code"] == "KMP-A1" and "unit_name" not in sent["properties"]


def test_shapefile_in_web_mercator(tmp_path, qgis_app):
    square = "POLYGON ((2337000 6830000, 2338000 6830000, 2338000 6831000, 2337000 6830000))"
    path = write_file(tmp_path / "r.shp", "ESRI Shapefile", 3857, [district("N-3", square)])
    (feature,) = read_district_file(path).layer.getFeatures()
    assert 20.9 < feature.geometry().centroid().asPoint().x() < 21.1


@pytest.mark.parametrize(
    ("rows", "kind", "message"),
    [
        ([], ogr.wkbPolygon, "has no districts"),
        ([district("N-4", FLAT)], ogr.wkbPolygon, "Rejon N-4"),
        ([{"code": "P", "name": "P", "wkt": "POINT (20 52)"}], ogr.wkbPoint, "must be polygons"),
        ([{"kod": "X", "wkt": BOW_TIE}], ogr.wkbPolygon, "code and name"),
    ],
)
def test_refused_with_a_clear_message(tmp_path, qgis_app, rows, kind, message):
    path = write_file(tmp_path / "r.gpkg", "GPKG", 4326, rows, kind)
    with pytest.raises(DistrictFileError, match=message):
        read_district_file(path)


def test_unreadable_file(tmp_path, qgis_app):
    path = tmp_path / "r.geojson"
    path.write_text("not json")
    with pytest.raises(DistrictFileError, match="cannot read"):
        read_district_file(path)


@pytest.fixture
def admin_plugin(pulled_plugin):
    return pulled_plugin("admin", "Admin")


def bar_texts(iface) -> list[str]:
    """What the message bar shows, as the user reads it."""
    from qgis.PyQt.QtWidgets import QTextBrowser

    return [b.toPlainText() for b in iface.messageBar().findChildren(QTextBrowser)]


def test_admin_uploads_a_loaded_file(store, admin_plugin, tmp_path, qtbot):
    panel = admin_plugin.dock.districts
    hostile = district("N-9", BOW_TIE, phone="+48 1")
    hostile["name"] = "<b>Rejon</b> & <i>N-9</i>"
    path = write_file(tmp_path / "new.geojson", "GeoJSON", 4326, [hostile])
    assert panel.load(path) is not None
    # names from files are shown as plain text, never as HTML
    assert any("<b>Rejon</b> & <i>N-9</i>" in text for text in bar_texts(admin_plugin.iface))
    assert panel.upload_button.isEnabled()
    job = panel.upload()
    assert job is not None
    qtbot.waitUntil(lambda: panel.actions.upload_job is None, timeout=30000)
    collection = as_admin(store, "/districts")
    (sent,) = [f for f in collection["features"] if f["properties"]["code"] == "N-9"]
    assert sent["properties"]["phone"] == "+48 1" and sent["properties"]["unit_name"] == "KMP A1"


def test_only_an_admin_may_upload(store, tmp_path, qgis_app):
    path = write_file(tmp_path / "r.geojson", "GeoJSON", 4326, [district("N-8", BOW_TIE)])
    body = upload_body(read_district_file(path).layer)
    client = StoreClient(store.url, store.tokens["analityk"])
    try:
        with pytest.raises(Forbidden):
            client.upload_districts(body)
    finally:
        client.close()
