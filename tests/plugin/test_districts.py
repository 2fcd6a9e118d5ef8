"""Districts against the real store: pull, my district and unit filters, load per district
(checked against the store's own reports, counted here), locator, map tool, Processing."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from datetime import UTC, datetime

import pytest
import requests
from conftest import as_admin
from qgis.core import (
    QgsApplication,
    QgsGraduatedSymbolRenderer,
    QgsLocatorContext,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import Qt

from kmzb_qgis_plugin.core.api_client import StoreClient
from kmzb_qgis_plugin.core.cache import Cache
from kmzb_qgis_plugin.core.district_summary import summarize
from kmzb_qgis_plugin.core.sync import pull

OPEN = ("nowe", "weryfikacja")
OUTSIDE = (15.5, 53.5)  # in Poland, in no fixture district


def store_reports(store, token: str) -> list[dict]:
    """Every report the user may see, straight from the store's feed."""
    page = requests.get(
        f"{store.api}/reports",
        params={"limit": 1000},
        timeout=30,
        headers={"Authorization": f"Bearer {token}"},
    ).json()
    return [f for f in page["features"] if not f["properties"].get("deleted")]


def independent_summary(features: list[dict], located: dict[int, int | None]) -> dict:
    """Per district from the store's features; located: district of reports without one."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    out: dict = {}
    for f in features:
        p = f["properties"]
        district = p["district_id"] if p["district_id"] is not None else located[f["id"]]
        row = out.setdefault(district, {"by": Counter(), "conf": 0, "late": 0})
        row["by"][p["status"]] += 1
        row["conf"] += (p["confirmations"] or 0) > 0
        row["late"] += (p["status"] == "nowe" and p["take_up_due"] < now) or (
            p["status"] in OPEN and p["verify_due"] < now
        )
    return out


@pytest.fixture(scope="module")
def outside_report(store):
    answer = requests.post(
        f"{store.api}/public/reports",
        timeout=30,
        json={"category": "alkohol", "lon": OUTSIDE[0], "lat": OUTSIDE[1]},
        headers={"X-Forwarded-For": "198.20.0.9"},
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


@pytest.fixture
def analyst_cache(store, tmp_path, outside_report):
    cache = Cache(tmp_path / "a.gpkg")
    client = StoreClient(store.url, store.tokens["admin"])
    result = pull(client, cache)
    client.close()
    yield cache, result
    cache.close()


def test_pull_assigns_and_flags(store, analyst_cache, outside_report):
    cache, result = analyst_cache
    assert result.districts == 7
    assert result.outside >= 1
    row = cache.db.execute(
        "SELECT district_id, outside_districts FROM reports WHERE fid = ?", (outside_report,)
    ).fetchone()
    assert row == (None, 1)  # kept and flagged, not dropped
    inside = cache.db.execute("SELECT count(*) FROM reports WHERE outside_districts = 0")
    assert inside.fetchone()[0] == cache.report_count() - result.outside
    # a report the store left without a district but inside one gets it here
    cache.db.execute("UPDATE reports SET district_id = NULL WHERE fid = 1")
    from kmzb_qgis_plugin.core.district_locate import assign_districts

    assert assign_districts(cache) == (1, 0)
    assert cache.report(1)["district_id"] is not None


def test_summary_matches_the_store(store, analyst_cache, outside_report):
    cache, _ = analyst_cache
    features = store_reports(store, store.tokens["admin"])
    want = independent_summary(features, {outside_report: None})
    got = {s.district_id: s for s in summarize(cache)}
    assert len([d for d in got if d is not None]) == 7
    assert set(want) <= set(got)
    for district, s in got.items():
        row = want.get(district, {"by": Counter(), "conf": 0, "late": 0})
        total = sum(row["by"].values())
        assert (s.total, s.by_status) == (total, dict(row["by"]))
        assert s.to_take_up == row["by"]["nowe"]
        assert s.to_verify == row["by"]["weryfikacja"]
        assert s.overdue == row["late"]
        assert s.confirmed_share == pytest.approx(row["conf"] / total if total else 0)
    named = got[min(d for d in got if d is not None)]
    assert named.name.startswith("Rejon D-") and named.officer.startswith("asp. Jan Kowalski")
    assert sum(s.total for s in got.values()) == len(features)


def run_algorithm(parameters: dict):
    import processing

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    return processing.run(
        "kmzb:district_summary", parameters, context=context, feedback=QgsProcessingFeedback()
    )


@pytest.fixture
def plugin(pulled_plugin, outside_report):
    """The plugin as the dzielnicowy of D-A1-1 sees it, after one pull from the dock."""
    return pulled_plugin("dzielnicowy", "Districts")


def district_of(store, code: str) -> dict:
    collection = as_admin(store, "/districts")
    return next(f for f in collection["features"] if f["properties"]["code"] == code)


def test_my_district_unit_and_clear(store, plugin):
    panel = plugin.dock.districts
    layer = plugin.controller.reports_layer()
    everything = layer.featureCount()
    mine = district_of(store, "D-A1-1")
    assert panel.my_button.isEnabled()
    panel.my_button.click()
    assert layer.subsetString() == f'"district_id" IN ({mine["id"]})'
    ids = [f["district_id"] for f in layer.getFeatures()]
    assert set(ids) == {mine["id"]} and 0 < len(ids) < everything
    canvas = plugin.iface.mapCanvas()
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform

    to_canvas = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        canvas.mapSettings().destinationCrs(),
        QgsProject.instance(),
    )
    centre = to_canvas.transform(QgsPointXY(20.05, 52.05))
    assert canvas.extent().contains(centre)

    unit_id = mine["properties"]["unit_id"]
    panel.chooser.setCurrentIndex(panel.chooser.findData(f"unit:{unit_id}"))
    panel.show_button.click()
    in_unit = [f["district_id"] for f in layer.getFeatures()]
    assert mine["id"] in in_unit and len(set(in_unit)) == 2  # KMP A1 has D-A1-1 and D-A1-2
    district_index = panel.chooser.findData(f"district:{mine['id']}")
    panel.chooser.setCurrentIndex(district_index)
    panel.show_button.click()
    assert layer.subsetString() == f'"district_id" IN ({mine["id"]})'
    panel.clear_button.click()
    assert layer.subsetString() == ""
    assert len(list(layer.getFeatures())) == everything


def test_load_per_district_table_and_layer(store, plugin, qtbot):
    panel = plugin.dock.districts
    panel.date_from.setDate(panel.date_from.date().addDays(-365))
    panel.compute_button.click()  # counted in a QgsTask
    assert not panel.compute_button.isEnabled()
    qtbot.waitUntil(panel.compute_button.isEnabled, timeout=20000)
    model = panel.model
    assert model.rowCount() >= 1
    table = panel.table.model()
    overdue_column = model.columns().index("Overdue")
    values = [
        table.data(table.index(r, overdue_column), Qt.ItemDataRole.UserRole)
        for r in range(model.rowCount())
    ]
    assert values == sorted(values, reverse=True)  # sorted, most overdue first
    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [
        table.data(table.index(r, 0), Qt.ItemDataRole.UserRole) for r in range(model.rowCount())
    ]
    assert names == sorted(names)
    layers = [
        lyr
        for lyr in QgsProject.instance().mapLayers().values()
        if lyr.customProperty("kmzb/layer") == "district_summary"
    ]
    assert len(layers) == 1
    summary = layers[0]
    assert isinstance(summary.renderer(), QgsGraduatedSymbolRenderer)
    assert summary.renderer().classAttribute() == "overdue"
    by_id = {f["district_id"]: f for f in summary.getFeatures()}
    for row in model.rows:
        if row.district_id is not None:
            assert by_id[row.district_id]["total"] == row.total
            assert by_id[row.district_id]["n_nowe"] == row.by_status.get("nowe", 0)
    assert summary.attributeDisplayName(summary.fields().indexOf("to_take_up")) == "To take up"
    first_id = summary.id()
    panel.compute_button.click()  # counting again replaces the layer
    qtbot.waitUntil(panel.compute_button.isEnabled, timeout=20000)
    again = [
        lyr
        for lyr in QgsProject.instance().mapLayers().values()
        if lyr.customProperty("kmzb/layer") == "district_summary"
    ]
    assert len(again) == 1 and again[0].id() != first_id


def test_districts_form_and_labels(plugin):
    layer = next(
        lyr
        for lyr in QgsProject.instance().mapLayers().values()
        if lyr.customProperty("kmzb/layer") == "districts"
    )
    assert layer.featureCount() >= 1
    for field, alias in (("phone", "Phone"), ("email", "E-mail")):
        assert layer.attributeDisplayName(layer.fields().indexOf(field)) == alias
    assert layer.labelsEnabled()
    assert layer.editFormConfig().readOnly(layer.fields().indexOf("phone"))
    assert "phone" in layer.mapTipTemplate() and "&lt;" in layer.mapTipTemplate()
    reports = plugin.controller.reports_layer()
    index = reports.fields().indexOf("outside_districts")
    assert reports.attributeDisplayName(index) == "Outside every district"


def test_locator_in_qgis_search_bar(plugin, qtbot):
    """Through QgsLocator itself: prepared, cloned, fetched in a worker thread."""
    locator = plugin.iface.locator()
    found = []  # the signal's result lives only during the call: keep its text

    def keep(result):
        found.append((result.displayString, result.description))

    locator.foundResult.connect(keep)
    with qtbot.waitSignal(locator.finished, timeout=20000):
        locator.fetchResults("kmzb 52.05 20.15", QgsLocatorContext())
    ((label, detail),) = found  # ours is the only filter here
    assert label == "EPSG:4326 20.150000, 52.050000" and detail.startswith("Rejon D-A1-2")


def test_locator_filter(store, plugin):
    (kmzb_filter,) = [f for f in plugin.iface.locator().filters() if f.name() == "kmzb"]

    def ask(text: str) -> list[dict]:
        return [asdict(kmzb_filter.places[r.displayString]) for r in ask_results(kmzb_filter, text)]

    (point,) = ask("52.05 20.05")
    assert point["kind"] == "point" and point["detail"].startswith("Rejon D-A1-1")
    assert "asp. Jan Kowalski D-A1-1" in point["detail"]
    assert ask("20.05,52.05") == [point]
    pl1992 = ask("637000 486000")
    assert pl1992 and all("EPSG:2180" in p["label"] for p in pl1992)
    names = ask("Rejon D-A1")
    assert {p["kind"] for p in names} == {"district"} and len(names) == 3
    officer = ask("kowalski d-a2-1")
    assert [p["kind"] for p in officer] == ["officer"]
    layer = plugin.controller.reports_layer()
    report_id = next(layer.getFeatures())["fid"]
    report = ask(str(report_id))[0]
    assert (report["kind"], report["ident"]) == ("report", report_id)
    # choosing a point zooms there (street level) and names the officer in the message bar
    kmzb_filter.triggerResult(ask_results(kmzb_filter, "52.05 20.05")[0])
    centre = to_wgs84(plugin.iface.mapCanvas()).transform(plugin.iface.mapCanvas().center())
    assert (centre.x(), centre.y()) == pytest.approx((20.05, 52.05), abs=1e-4)
    kmzb_filter.triggerResult(ask_results(kmzb_filter, str(report_id))[0])
    assert [f.id() for f in layer.selectedFeatures()] == [report_id]


def to_wgs84(canvas):
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform

    return QgsCoordinateTransform(
        canvas.mapSettings().destinationCrs(),
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsProject.instance(),
    )


def ask_results(kmzb_filter, text: str) -> list:
    """Run the filter as the locator does: prepare on the main thread, then fetch."""
    found = []
    kmzb_filter.resultFetched.connect(found.append)
    kmzb_filter.prepare(text, QgsLocatorContext())
    kmzb_filter.fetchResults(text, QgsLocatorContext(), QgsFeedbackStub())
    kmzb_filter.resultFetched.disconnect(found.append)
    return found


class QgsFeedbackStub:
    def isCanceled(self) -> bool:
        return False


def test_who_covers_tool(plugin):
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform

    from kmzb_qgis_plugin.gui.place_tool import WhoCoversTool

    canvas = plugin.iface.mapCanvas()
    tool = WhoCoversTool(canvas, plugin.controller)
    to_canvas = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        canvas.mapSettings().destinationCrs(),
        QgsProject.instance(),
    )
    text = tool.describe_point(to_canvas.transform(QgsPointXY(20.15, 52.05)))
    assert text.startswith("Rejon D-A1-2 (KMP A1)")
    assert "asp. Jan Kowalski D-A1-2" in text and "+48 47 000 00 00" in text
    assert "d-a1-2@policja.example" in text and "<" not in text
    outside = tool.describe_point(to_canvas.transform(QgsPointXY(*OUTSIDE)))
    assert outside == "Outside every district in the local cache."


def test_district_summary_algorithm(store, plugin, qgis_processing):
    from kmzb_qgis_plugin.processing.provider import KmzbProvider

    if QgsApplication.processingRegistry().providerById("kmzb") is None:
        QgsApplication.processingRegistry().addProvider(KmzbProvider())
    out = run_algorithm({"CONNECTION": "Districts", "OUTPUT": "memory:"})["OUTPUT"]
    cache = Cache(plugin.controller.cache_path())
    try:
        want = {s.district_id: s for s in summarize(cache) if s.district_id is not None}
    finally:
        cache.close()
    got = {f["district_id"]: f for f in out.getFeatures()}
    assert set(got) == set(want)
    for district_id, s in want.items():
        feature = got[district_id]
        assert (feature["total"], feature["overdue"], feature["to_take_up"]) == (
            s.total,
            s.overdue,
            s.to_take_up,
        )
        assert feature.geometry().boundingBox().intersects(QgsRectangle(17, 49, 23, 53))
    dated = run_algorithm(
        {
            "CONNECTION": "Districts",
            "SUBMITTED_FROM": "2000-01-01",
            "SUBMITTED_TO": "2000-01-02",
            "OUTPUT": "memory:",
        }
    )["OUTPUT"]
    assert sum(f["total"] for f in dated.getFeatures()) == 0
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="YYYY-MM-DD"):
        run_algorithm(
            {"CONNECTION": "Districts", "SUBMITTED_FROM": "1.1.2020", "OUTPUT": "memory:"}
        )
