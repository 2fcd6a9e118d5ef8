"""The Analysis algorithms run through processing.run on small layers whose answers can be
worked out by hand: counts, kernel peaks, clusters, weekly counts, and clear refusals."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDateTime, Qt

from kmzb_qgis_plugin.core.analysis_styles import style_clusters, style_hot_spots

X0, Y0 = 500_000.0, 400_000.0  # central Poland in EPSG:2180


def reports_layer(
    rows: list[tuple], crs: str = "EPSG:2180", sources: list | None = None
) -> QgsVectorLayer:
    """rows: (x, y, category, status, submitted ISO UTC, district_id); with ``sources``, a
    source field (a false value: obywatel)."""
    layer = QgsVectorLayer(
        f"Point?crs={crs}&field=category:string&field=status:string"
        "&field=submitted_at:datetime&field=district_id:integer"
        + ("&field=source:string" if sources is not None else ""),
        "reports",
        "memory",
    )
    features = []
    for i, (x, y, category, status, submitted, district) in enumerate(rows):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        moment = datetime.fromisoformat(submitted).replace(tzinfo=UTC)
        stamp = QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000), Qt.TimeSpec.UTC)
        extra = [sources[i] or "obywatel"] if sources is not None else []
        feature.setAttributes([category, status, stamp, district, *extra])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


class CancelAtFirstStep(QgsProcessingFeedback):
    def setProgress(self, progress):
        super().setProgress(progress)
        self.cancel()


def run(algorithm: str, parameters: dict, feedback=None):
    import processing

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    result = processing.run(
        f"kmzb:{algorithm}",
        parameters,
        context=context,
        feedback=feedback or QgsProcessingFeedback(),
    )
    return result, context


def output_layer(result, key: str, context) -> QgsVectorLayer:
    value = result[key]
    return value if isinstance(value, QgsVectorLayer) else context.getMapLayer(value)


def grid_rows() -> list[tuple]:
    """A hot cluster of 30 reports at (X0, Y0) and 1 report in each of 40 spread places."""
    rows = [
        (X0 + i % 5, Y0 + i // 5, "parking", "nowe", "2026-03-02T10:00:00", 1) for i in range(30)
    ]
    for k in range(40):
        angle = 2 * math.pi * k / 40
        x = X0 + 8000 * math.cos(angle)
        y = Y0 + 8000 * math.sin(angle)
        rows.append((x, y, "speeding", "weryfikacja", "2026-03-10T18:30:00", 2))
    return rows


def test_hot_spots_counts_every_report_and_marks_the_cluster_hot(provider):
    layer = reports_layer(grid_rows())
    result, context = run("hotspots_gi", {"INPUT": layer, "CELL_SIZE": 500, "OUTPUT": "memory:"})
    hexes = output_layer(result, "OUTPUT", context)
    cells = {f["cell_id"]: f for f in hexes.getFeatures()}
    assert sum(f["reports"] for f in cells.values()) == 70
    hot = max(cells.values(), key=lambda f: f["reports"])
    assert hot["reports"] == 30
    assert hot.geometry().contains(QgsGeometry.fromPointXY(QgsPointXY(X0 + 2, Y0 + 2)))
    assert result["CELL_SIZE_USED"] == 500
    assert hexes.crs().authid() == "EPSG:2180"
    assert abs(hot.geometry().area() - 500**2 * math.sqrt(3) / 2) < 1e-3
    style_hot_spots(hexes)
    assert [c.value() for c in hexes.renderer().categories()] == [3, 2, 1, 0, -1, -2, -3]


def test_hot_spots_filters_by_category_and_transforms_wgs84(provider):
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform

    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:2180"),
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsProject.instance(),
    )
    rows = []
    for x, y, *rest in grid_rows():
        point = transform.transform(QgsPointXY(x, y))
        rows.append((point.x(), point.y(), *rest))
    layer = reports_layer(rows, "EPSG:4326")
    result, context = run(
        "hotspots_gi",
        {"INPUT": layer, "CELL_SIZE": 5000, "CATEGORY": "speeding", "OUTPUT": "memory:"},
    )
    hexes = output_layer(result, "OUTPUT", context)
    assert sum(f["reports"] for f in hexes.getFeatures()) == 40


def test_hot_spots_filter_by_source(provider):
    """Police-sourced threats alone: the 30 of the cluster came from a public debate."""
    rows = grid_rows()
    layer = reports_layer(rows, sources=[r[2] == "parking" and "debata_spoleczna" for r in rows])
    parameters = {"INPUT": layer, "CELL_SIZE": 5000, "OUTPUT": "memory:"}
    result, context = run("hotspots_gi", {**parameters, "SOURCE": "obywatel"})
    assert sum(f["reports"] for f in output_layer(result, "OUTPUT", context).getFeatures()) == 40
    with pytest.raises(QgsProcessingException, match="sources: spotkanie"):
        run("hotspots_gi", {**parameters, "SOURCE": "spotkanie"})
    with pytest.raises(QgsProcessingException, match="no field source"):
        run("hotspots_gi", {**parameters, "INPUT": reports_layer(grid_rows()), "SOURCE": "x"})


def test_kernel_density_peak_of_one_report_is_the_quartic_kernel(provider, tmp_path):
    from osgeo import gdal

    layer = reports_layer([(X0 + 5, Y0 + 5, "parking", "nowe", "2026-03-02T10:00:00", 1)])
    out = str(tmp_path / "kde.tif")
    result, _ = run(
        "kernel_density", {"INPUT": layer, "RADIUS": 100, "PIXEL_SIZE": 10, "OUTPUT": out}
    )
    values = gdal.Open(result["OUTPUT"]).ReadAsArray()
    assert values.max() == pytest.approx(3 / (math.pi * 100**2) * 1e6, rel=1e-5)
    assert values.sum() * 10 * 10 / 1e6 == pytest.approx(1.0, rel=0.02)


def test_near_repeats_chain_same_category_reports(provider):
    rows = [
        (X0, Y0, "parking", "nowe", "2026-03-01T08:00:00", 1),  # originator
        (X0 + 600, Y0, "parking", "nowe", "2026-03-04T08:00:00", 1),  # 600 m, 3 days
        (X0 + 1200, Y0, "parking", "nowe", "2026-03-10T08:00:00", 1),  # chained: 600 m, 6 d
        (X0 + 20, Y0, "speeding", "nowe", "2026-03-01T09:00:00", 1),  # other category
        (X0 + 5000, Y0, "parking", "nowe", "2026-03-02T08:00:00", 1),  # too far
        (X0 + 10, Y0, "parking", "nowe", "2026-03-20T08:00:00", 1),  # too late
    ]
    layer = reports_layer(rows)
    ids = [f.id() for f in layer.getFeatures()]
    result, context = run("near_repeats", {"INPUT": layer, "OUTPUT": "memory:"})
    clusters = output_layer(result, "OUTPUT", context)
    members = {f["report_id"]: f for f in clusters.getFeatures()}
    assert result["CLUSTERS"] == 1
    assert sorted(members) == ids[:3]
    assert {f["cluster_size"] for f in members.values()} == {3}
    assert {f["originator"] for f in members.values()} == {ids[0]}
    assert [members[i]["is_originator"] for i in ids[:3]] == [1, 0, 0]
    style_clusters(clusters)
    assert clusters.renderer().classAttribute() == "is_originator"

    dup, context = run("near_repeats", {"INPUT": layer, "MODE": 1, "OUTPUT": "memory:"})
    assert dup["CLUSTERS"] == 0  # 50 m and 2 days: nothing is a duplicate here


def test_trends_weekly_counts_and_change(provider, tmp_path):
    rows = [
        (X0, Y0, "parking", "nowe", "2026-03-02T10:00:00", 1),  # Mon, week of 2 March
        (X0, Y0, "parking", "nowe", "2026-03-08T21:00:00", 1),  # Sun 22:00 local: same week
        (X0, Y0, "parking", "nowe", "2026-03-08T23:30:00", 2),  # Mon 00:30 local: next week
        (X0, Y0, "speeding", "nowe", "2026-03-23T12:00:00", 2),  # two weeks later
        (X0, Y0, "speeding", "nowe", "2026-03-24T12:00:00", 2),
    ]
    layer = reports_layer(rows)
    result, context = run(
        "trends",
        {
            "INPUT": layer,
            "FIRST_FROM": "2026-03-01",
            "FIRST_TO": "2026-03-08",
            "SECOND_FROM": "2026-03-09",
            "SECOND_TO": "2026-03-31",
            "WEEKLY": "memory:",
            "DAY_HOUR": "memory:",
            "CHANGE": "memory:",
            "CHARTS": str(tmp_path / "charts"),
        },
    )
    weekly = output_layer(result, "WEEKLY", context)
    assert [
        (f["week_start"].toString("yyyy-MM-dd"), f["reports"]) for f in weekly.getFeatures()
    ] == [
        ("2026-03-02", 2),
        ("2026-03-09", 1),
        ("2026-03-16", 0),
        ("2026-03-23", 2),
    ]
    day_hour = output_layer(result, "DAY_HOUR", context)
    cells = {(f["weekday"], f["hour"]): f["reports"] for f in day_hour.getFeatures()}
    assert cells[(1, 11)] == 1 and cells[(7, 22)] == 1 and cells[(1, 0)] == 1
    assert sum(cells.values()) == 5
    change = output_layer(result, "CHANGE", context)
    table = {
        (f["dimension"], f["key"]): (f["first"], f["second"], f["change_pct"])
        for f in change.getFeatures()
    }
    assert table[("category", "parking")] == (2, 1, -50.0)
    assert table[("category", "speeding")][:2] == (0, 2)
    assert table[("district_id", "2")] == (0, 3, None) or table[("district_id", "2")][:2] == (0, 3)
    assert table[("district_id", "1")] == (2, 0, -100.0)
    for name in ("weekly", "day_hour", "change_category", "change_district"):
        png = tmp_path / "charts" / f"{name}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("algorithm", "parameters", "message"),
    [
        ("hotspots_gi", {"CELL_SIZE": 0.005}, "must be in metres"),
        ("hotspots_gi", {"CELL_SIZE": 11}, "too small for an area"),
        ("hotspots_gi", {"CATEGORY": "speeding", "CELL_SIZE": 500}, "no differences"),
        ("hotspots_gi", {"CATEGORY": "parking"}, "at least 3 cells"),
        ("hotspots_gi", {"FROM": "2026-03-10", "TO": "2026-03-01"}, "The period is empty"),
        ("hotspots_gi", {"FROM": "2027-01-01"}, "No reports match the filters"),
        ("hotspots_gi", {"FROM": "1 March"}, "is not a date"),
        ("near_repeats", {"CATEGORY": "graffiti"}, "No reports match the filters"),
        ("kernel_density", {"RADIUS": 100, "PIXEL_SIZE": 500}, "must not exceed the radius"),
    ],
)
def test_inputs_are_checked_with_a_clear_message(provider, algorithm, parameters, message):
    rows = grid_rows()
    rows += [(X0 + 300_000, Y0 + 200_000, "parking", "nowe", "2026-03-02T10:00:00", 3)]
    layer = reports_layer(rows)
    with pytest.raises(QgsProcessingException, match=message):
        run(algorithm, {"INPUT": layer, "OUTPUT": "memory:", **parameters})


def test_empty_layer_and_wrong_crs_are_refused(provider):
    with pytest.raises(QgsProcessingException, match="The reports layer is empty"):
        run("hotspots_gi", {"INPUT": reports_layer([]), "OUTPUT": "memory:"})
    # PL-1992 metres in a layer that claims to be in degrees (WGS 84)
    wrong = reports_layer([(X0, Y0, "parking", "nowe", "2026-03-02T10:00:00", 1)], "EPSG:4326")
    with pytest.raises(QgsProcessingException, match="outside Poland"):
        run("near_repeats", {"INPUT": wrong, "OUTPUT": "memory:"})


def test_missing_fields_are_named(provider):
    layer = QgsVectorLayer("Point?crs=EPSG:2180&field=kind:string", "other", "memory")
    with pytest.raises(QgsProcessingException, match="no field category, submitted_at"):
        run("near_repeats", {"INPUT": layer, "OUTPUT": "memory:"})


@pytest.mark.parametrize("algorithm", ["hotspots_gi", "kernel_density", "near_repeats", "trends"])
def test_cancel_stops_the_algorithm(provider, algorithm, tmp_path):
    layer = reports_layer(grid_rows())
    outputs = {
        "kernel_density": {"OUTPUT": str(tmp_path / "out.tif")},
        "trends": {
            "WEEKLY": "memory:",
            "DAY_HOUR": "memory:",
            "CHANGE": "memory:",
            "CHARTS": str(tmp_path / "charts"),
        },
    }.get(algorithm, {"OUTPUT": "memory:"})
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run(algorithm, {"INPUT": layer, **outputs}, CancelAtFirstStep())


def test_grid_extent_gives_native_creategrid_hexagons_and_counts(provider):
    """With an extent, our hexagons are native:creategrid's and our counts those of
    native:countpointsinpolygon on that grid (matched by centroid)."""
    layer = reports_layer(grid_rows())
    # off round numbers, so no report sits on a hexagon's edge (native counts those nowhere)
    extent = f"{X0 - 9000.3},{X0 + 9000},{Y0 - 9000},{Y0 + 9000.7} [EPSG:2180]"
    ours, context = run(
        "hotspots_gi",
        {"INPUT": layer, "CELL_SIZE": 1500, "GRID_EXTENT": extent, "OUTPUT": "memory:"},
    )
    mine = {
        (
            round(f.geometry().centroid().asPoint().x()),
            round(f.geometry().centroid().asPoint().y()),
        ): (
            f["reports"],
            round(f.geometry().area()),
        )
        for f in output_layer(ours, "OUTPUT", context).getFeatures()
    }
    grid, grid_context = run_native(
        "native:creategrid",
        {
            "TYPE": 4,
            "EXTENT": extent,
            "HSPACING": 1500,
            "VSPACING": 1500,
            "CRS": "EPSG:2180",
            "OUTPUT": "memory:",
        },
    )
    counted, count_context = run_native(
        "native:countpointsinpolygon",
        {
            "POLYGONS": output_layer(grid, "OUTPUT", grid_context),
            "POINTS": layer,
            "FIELD": "NUMPOINTS",
            "OUTPUT": "memory:",
        },
    )
    native = {
        (
            round(f.geometry().centroid().asPoint().x()),
            round(f.geometry().centroid().asPoint().y()),
        ): (
            f["NUMPOINTS"],
            round(f.geometry().area()),
        )
        for f in output_layer(counted, "OUTPUT", count_context).getFeatures()
        if f["NUMPOINTS"]
    }
    assert mine == native
    assert sum(count for count, _ in mine.values()) == 70


def run_native(algorithm: str, parameters: dict):
    import processing

    context = QgsProcessingContext()
    return processing.run(algorithm, parameters, context=context), context


def loaded(algorithm: str, parameters: dict, output: str = "OUTPUT"):
    """Run as the toolbox does, with the output to be loaded into the project; returns
    the output layer after the algorithm's own post-processor styled it, and the context."""
    import processing
    from qgis.core import QgsProcessingOutputLayerDefinition, QgsProcessingUtils

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    destination = QgsProcessingOutputLayerDefinition(parameters.pop(output), QgsProject.instance())
    result = processing.run(
        f"kmzb:{algorithm}",
        {**parameters, output: destination},
        context=context,
        feedback=QgsProcessingFeedback(),
    )
    value = result[output]
    key = value if isinstance(value, str) else value.id()  # processing.run hands back layers
    assert context.willLoadLayerOnCompletion(key)
    details = context.layerToLoadOnCompletionDetails(key)
    layer = QgsProcessingUtils.mapLayerFromString(value, context) if key == value else value
    assert details.postProcessor() is not None
    details.postProcessor().postProcessLayer(layer, context, QgsProcessingFeedback())
    return layer, context  # the context owns a layer it loaded from a file


def test_outputs_are_styled_when_they_load(provider, tmp_path):
    layer = reports_layer(grid_rows())
    hexes, _ = loaded("hotspots_gi", {"INPUT": layer, "CELL_SIZE": 500, "OUTPUT": "memory:"})
    assert hexes.renderer().classAttribute() == "gi_bin"
    colours = {c.value(): c.symbol().color().name() for c in hexes.renderer().categories()}
    assert colours[3] == "#d62f27" and colours[-3] == "#4575b5"
    density, _context = loaded(
        "kernel_density",
        {"INPUT": layer, "RADIUS": 1000, "PIXEL_SIZE": 100, "OUTPUT": str(tmp_path / "k.tif")},
    )
    assert density.renderer().type() == "singlebandpseudocolor"
    assert density.renderer().classificationMax() > 0
    clusters, _ = loaded("near_repeats", {"INPUT": layer, "OUTPUT": "memory:"})
    assert clusters.renderer().classAttribute() == "is_originator"
    assert clusters.featureCount() == 30  # the 30 parking reports at one place, one day
