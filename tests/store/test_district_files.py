"""Reading district files: GeoJSON, GeoPackage and Shapefile in any CRS, and their failures."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely

from kmzb_store.district_files import DistrictFileError, read_districts

ogr = pytest.importorskip("osgeo.ogr")
osr = pytest.importorskip("osgeo.osr")

SQUARE = "POLYGON ((19.0 52.0, 19.01 52.0, 19.01 52.01, 19.0 52.01, 19.0 52.0))"
FIELDS_PL = [
    ("KOD", ogr.OFTString),
    ("Nazwa", ogr.OFTString),
    ("jednostka", ogr.OFTString),
    ("Dzielnicowy", ogr.OFTString),
    ("stopień", ogr.OFTString),
    ("telefon", ogr.OFTString),
    ("E-mail", ogr.OFTString),
]


def _srs(epsg: int):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _write(path, driver, epsg, features, fields=FIELDS_PL, geom_type=ogr.wkbUnknown, name="x"):
    """Write features [(values, wkt)] with ogr; epsg None writes no CRS."""
    ds = ogr.GetDriverByName(driver).CreateDataSource(str(path))
    options = ["ENCODING=UTF-8"] if driver == "ESRI Shapefile" else []
    lyr = ds.CreateLayer(name, _srs(epsg) if epsg else None, geom_type, options=options)
    for fname, ftype in fields:
        lyr.CreateField(ogr.FieldDefn(fname, ftype))
    defn = lyr.GetLayerDefn()
    for values, wkt in features:
        f = ogr.Feature(defn)
        for i, v in enumerate(values):
            if v is not None:
                f.SetField(i, v)
        if wkt is not None:
            f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        lyr.CreateFeature(f)
    ds = None  # closes and flushes the file
    return path


def _to_2180(points):
    ct = osr.CoordinateTransformation(_srs(4326), _srs(2180))
    return [ct.TransformPoint(lon, lat)[:2] for lon, lat in points]


def _meridian_northing_2180(lat_deg: float) -> float:
    """EPSG:2180 northing on its central meridian (19°E), from the GRS80 meridian arc."""
    a, f = 6378137.0, 1 / 298.257222101
    e2 = f * (2 - f)
    phi = np.linspace(0.0, np.radians(lat_deg), 20001)
    integrand = a * (1 - e2) / (1 - e2 * np.sin(phi) ** 2) ** 1.5
    h = phi[1] - phi[0]
    arc = (
        h
        / 3
        * (integrand[0] + integrand[-1] + 4 * integrand[1:-1:2].sum() + 2 * integrand[2:-1:2].sum())
    )
    return 0.9993 * arc - 5300000.0


def test_geojson_in_wgs84_with_polish_field_names(tmp_path):
    path = _write(
        tmp_path / "rejony.geojson",
        "GeoJSON",
        4326,
        [
            (
                ("KPP-X-R001", "Rejon 1", "KPP-X", "Jan Kowalski", "asp.", "+48 47 1", "j@x.pl"),
                SQUARE,
            ),
            (
                ("KPP-X-R002", " Rejon 2 ", "KPP-X", None, None, "", None),
                "MULTIPOLYGON (((20 50, 20.1 50, 20.1 50.1, 20 50))))",
            ),
        ],
    )
    warnings: list[str] = []
    got = read_districts(path, warnings)
    assert warnings == []
    assert [set(d) for d in got] == [
        {"code", "name", "unit_code", "officer_name", "officer_rank", "phone", "email", "geometry"}
    ] * 2
    first, second = got
    assert {k: v for k, v in first.items() if k != "geometry"} == {
        "code": "KPP-X-R001",
        "name": "Rejon 1",
        "unit_code": "KPP-X",
        "officer_name": "Jan Kowalski",
        "officer_rank": "asp.",
        "phone": "+48 47 1",
        "email": "j@x.pl",
    }
    assert first["geometry"].equals(shapely.from_wkt(SQUARE))
    assert second["name"] == "Rejon 2"
    assert second["officer_name"] is None and second["phone"] is None
    assert second["geometry"].geom_type == "MultiPolygon"


def test_geopackage_in_puwg1992_is_reprojected_to_lon_lat(tmp_path):
    ring_ll = [(19.0, 52.0), (19.2, 52.0), (19.2, 52.1), (19.0, 52.1)]
    ring_xy = [(500000.0, _meridian_northing_2180(52.0)), *_to_2180(ring_ll[1:])]
    ring_xy.append(ring_xy[0])
    wkt = "POLYGON ((" + ", ".join(f"{x!r} {y!r}" for x, y in ring_xy) + "))"
    fields = [("code", ogr.OFTString), ("name", ogr.OFTString), ("unit_code", ogr.OFTString)]
    path = _write(
        tmp_path / "rejony.gpkg",
        "GPKG",
        2180,
        [(("R1", "Rejon 1", "KMP-Y"), wkt)],
        fields,
        ogr.wkbPolygon,
        "rejony",
    )
    (d,) = read_districts(path)
    assert d["code"] == "R1" and d["unit_code"] == "KMP-Y" and d["officer_rank"] is None
    coords = np.array(d["geometry"].exterior.coords)[:-1]
    # x is longitude, y latitude; the first vertex was built without GDAL, from the meridian arc
    assert np.abs(coords - np.array(ring_ll)).max() < 1e-6
    assert abs(coords[0][0] - 19.0) < 1e-9


def test_shapefile_with_truncated_field_names(tmp_path):
    fields = [
        ("district_c", ogr.OFTString),  # district_code, truncated to 10 characters
        ("nazwa", ogr.OFTString),
        ("unit_code", ogr.OFTString),
        ("officer_na", ogr.OFTString),
        ("officer_ra", ogr.OFTString),
        ("TEL", ogr.OFTString),
    ]
    ring = [(16.9, 52.4), (17.0, 52.4), (17.0, 52.45), (16.9, 52.4)]
    xy = _to_2180(ring)
    wkt = "POLYGON ((" + ", ".join(f"{x!r} {y!r}" for x, y in xy) + "))"
    path = _write(
        tmp_path / "rejony.shp",
        "ESRI Shapefile",
        2180,
        [(("KMP-P-R007", "Rejon 7", "KMP-P", "Anna Nowak", "st. sierż.", "+48 47 7"), wkt)],
        fields,
        ogr.wkbPolygon,
        "rejony",
    )
    (d,) = read_districts(path)
    assert d["code"] == "KMP-P-R007"
    assert d["officer_name"] == "Anna Nowak" and d["officer_rank"] == "st. sierż."
    assert d["phone"] == "+48 47 7" and d["email"] is None
    # a Shapefile stores outer rings clockwise: compare the normalised shapes vertex by vertex
    expected = shapely.normalize(shapely.Polygon(ring))
    assert shapely.equals_exact(shapely.normalize(d["geometry"]), expected, tolerance=1e-6)


def test_numeric_codes_become_text(tmp_path):
    fields = [("kod", ogr.OFTInteger), ("nr", ogr.OFTReal)]
    path = _write(tmp_path / "n.geojson", "GeoJSON", 4326, [((42, 1.0), SQUARE)], fields)
    (d,) = read_districts(path)
    assert d["code"] == "42" and d["name"] is None


def test_bow_tie_is_repaired_with_a_warning(tmp_path):
    bow_tie = "POLYGON ((19 52, 19.1 52.1, 19.1 52, 19 52.1, 19 52))"
    path = _write(
        tmp_path / "bow.geojson",
        "GeoJSON",
        4326,
        [(("OK-1", "a", "U"), SQUARE), (("BOW-1", "b", "U"), bow_tie)],
    )
    warnings: list[str] = []
    ok, bow = read_districts(path, warnings)
    assert ok["geometry"].is_valid
    assert len(warnings) == 1
    assert "'BOW-1'" in warnings[0] and "FID 1" in warnings[0]
    assert "Self-intersection" in warnings[0]
    g = bow["geometry"]
    assert g.is_valid and g.geom_type == "MultiPolygon" and len(g.geoms) == 2
    assert abs(g.area - 2 * 0.5 * 0.1 * 0.05) < 1e-12


def test_polygon_without_area_is_refused(tmp_path):
    flat = "POLYGON ((19 52, 20 53, 21 54, 19 52))"
    path = _write(tmp_path / "flat.geojson", "GeoJSON", 4326, [(("FLAT-9", "f", "U"), flat)])
    with pytest.raises(DistrictFileError, match=r"'FLAT-9' \(FID 0\).*invalid polygon"):
        read_districts(path)


def test_point_layer_is_refused(tmp_path):
    path = _write(
        tmp_path / "pts.gpkg",
        "GPKG",
        4326,
        [(("P-1", "p", "U"), "POINT (19 52)")],
        geom_type=ogr.wkbPoint,
    )
    with pytest.raises(DistrictFileError, match=r"'P-1' \(FID 1\) is a Point.*polygons"):
        read_districts(path)


def test_empty_layer_is_refused(tmp_path):
    path = _write(tmp_path / "empty.gpkg", "GPKG", 2180, [], geom_type=ogr.wkbPolygon)
    with pytest.raises(DistrictFileError, match="no features"):
        read_districts(path)


def test_missing_code_is_refused_naming_the_fid(tmp_path):
    path = _write(
        tmp_path / "nocode.geojson",
        "GeoJSON",
        4326,
        [(("A", "a", "U"), SQUARE), ((None, "b", "U"), SQUARE)],
    )
    with pytest.raises(DistrictFileError, match="FID 1 has no district code"):
        read_districts(path)


def test_no_code_field_is_refused(tmp_path):
    fields = [("nazwa", ogr.OFTString)]
    path = _write(tmp_path / "nofield.geojson", "GeoJSON", 4326, [(("a",), SQUARE)], fields)
    with pytest.raises(DistrictFileError, match=r"no district code field.*found nazwa"):
        read_districts(path)


def test_duplicate_codes_are_refused(tmp_path):
    path = _write(
        tmp_path / "dup.geojson",
        "GeoJSON",
        4326,
        [(("A", "a", "U"), SQUARE), (("A", "b", "U"), SQUARE)],
    )
    with pytest.raises(DistrictFileError, match=r"'A' \(FID 1\) repeats the code of FID 0"):
        read_districts(path)


def test_missing_geometry_is_refused(tmp_path):
    path = _write(tmp_path / "nogeom.gpkg", "GPKG", 4326, [(("G", "g", "U"), None)])
    with pytest.raises(DistrictFileError, match=r"'G' \(FID 1\) has no geometry"):
        read_districts(path)


def test_file_not_found(tmp_path):
    with pytest.raises(DistrictFileError, match=r"nope.gpkg: file not found"):
        read_districts(tmp_path / "nope.gpkg")


def test_unreadable_file(tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_bytes(b"\x00\x01 this is not json {")
    with pytest.raises(DistrictFileError, match=r"bad.geojson: cannot read the file"):
        read_districts(bad)


def test_shapefile_without_prj_has_no_crs(tmp_path):
    fields = [("code", ogr.OFTString)]
    path = _write(
        tmp_path / "noprj.shp",
        "ESRI Shapefile",
        None,
        [(("A",), SQUARE)],
        fields,
        ogr.wkbPolygon,
    )
    assert not (tmp_path / "noprj.prj").exists()
    with pytest.raises(DistrictFileError, match="no coordinate reference system"):
        read_districts(path)


def test_projected_coordinates_in_a_geojson_without_crs_are_refused(tmp_path):
    # RFC 7946 GeoJSON is lon/lat; metres saved without a crs member are a mistake
    feature = {
        "type": "Feature",
        "properties": {"code": "M-1"},
        "geometry": {
            "type": "Polygon",
            "coordinates": [
                [[500000, 500000], [501000, 500000], [501000, 501000], [500000, 500000]]
            ],
        },
    }
    path = tmp_path / "metres.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    with pytest.raises(DistrictFileError, match=r"'M-1'.*outside longitude/latitude"):
        read_districts(path)


def test_layer_choice_in_a_multi_layer_geopackage(tmp_path):
    path = tmp_path / "multi.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    pts = ds.CreateLayer("punkty", _srs(4326), ogr.wkbPoint)
    pts.CreateField(ogr.FieldDefn("code", ogr.OFTString))
    polys = ds.CreateLayer("rejony", _srs(4326), ogr.wkbPolygon)
    polys.CreateField(ogr.FieldDefn("kod", ogr.OFTString))
    f = ogr.Feature(polys.GetLayerDefn())
    f.SetField(0, "R-1")
    f.SetGeometry(ogr.CreateGeometryFromWkt(SQUARE))
    polys.CreateFeature(f)
    ds = None
    warnings: list[str] = []
    (d,) = read_districts(path, warnings)
    assert d["code"] == "R-1"
    assert warnings == [f"{path}: 2 layers; read layer 'rejony'"]
    with pytest.raises(DistrictFileError, match="no layer 'inne'"):
        read_districts(path, layer="inne")


def test_geopackage_without_crs_is_refused(tmp_path):
    path = _write(
        tmp_path / "nocrs.gpkg",
        "GPKG",
        None,
        [(("A", "a", "U"), SQUARE)],
        geom_type=ogr.wkbPolygon,
    )
    with pytest.raises(DistrictFileError, match=r"nocrs.gpkg.*no coordinate reference system"):
        read_districts(path)


def test_demo_districts_round_trip_through_a_geopackage(tmp_path):
    demo = pytest.importorskip("kmzb_store.demo")
    try:
        data = demo.generate(reports=0, seed=5)
    except demo.DemoDataError as exc:
        pytest.skip(str(exc))
    originals = data.districts[:50]
    ct = osr.CoordinateTransformation(_srs(4326), _srs(2180))
    fields = [
        ("code", ogr.OFTString), ("name", ogr.OFTString), ("unit_code", ogr.OFTString),
        ("officer_name", ogr.OFTString), ("officer_rank", ogr.OFTString),
        ("phone", ogr.OFTString), ("email", ogr.OFTString),
    ]  # fmt: skip
    features = []
    for d in originals:
        g = ogr.CreateGeometryFromWkb(d["geometry"].wkb)
        g.Transform(ct)
        features.append((tuple(d[f] for f, _ in fields), g.ExportToWkt()))
    path = _write(tmp_path / "demo.gpkg", "GPKG", 2180, features, fields, ogr.wkbPolygon)
    warnings: list[str] = []
    got = read_districts(path, warnings)
    assert warnings == []
    assert [d["code"] for d in got] == [d["code"] for d in originals]
    for a, b in zip(got, originals, strict=True):
        assert {k: v for k, v in a.items() if k != "geometry"} == {
            k: v for k, v in b.items() if k != "geometry"
        }
        assert a["geometry"].hausdorff_distance(b["geometry"]) < 1e-6
