"""Police-sourced threats from QGIS against the real store: cached and queued in one
transaction, pushed exactly once by op_id (also when the answer is lost), refused outside
the officer's districts, filtered by source in the analysis."""

from __future__ import annotations

import pytest
from conftest import as_admin, meta_of
from fault_proxy import FaultProxy
from fixture_data import police_threat

from kmzb_qgis_plugin.core import errors
from kmzb_qgis_plugin.core.api_client import StoreClient, make_retry
from kmzb_qgis_plugin.core.cache import NEW_ID_BASE
from kmzb_qgis_plugin.core.push import push
from kmzb_qgis_plugin.core.verify import save_changes


def threat(lon=20.05, lat=52.05, source="debata_spoleczna", **kw) -> dict:
    return police_threat(lon, lat, source, **kw)


def store_reports(store, source: str) -> list[dict]:
    return as_admin(store, f"/reports?source={source}")["features"]


def test_the_sources_come_from_the_stores_catalogue(officer):
    meta = meta_of(officer)
    police = [s.code for s in meta.sources if s.police]
    assert police == ["debata_spoleczna", "spotkanie", "obserwacja_wlasna", "systemy_policyjne"]
    assert meta.source("obywatel") is not None and not meta.source("obywatel").police


def test_a_threat_is_cached_queued_and_pushed_exactly_once(store, officer):
    item = threat(source="spotkanie", event_date="2026-11-30", event_time="18:00")
    local = officer.record_new_threat(item)
    assert local >= NEW_ID_BASE
    cached = officer.report(local)
    assert cached["source"] == "spotkanie" and cached["status"] == "nowe" and cached["pending"]
    assert officer.pending_count() == 1
    before = len(store_reports(store, "spotkanie"))
    proxy = FaultProxy(store.url)
    try:
        proxy.rule = lambda m, path, n: "forward_then_drop" if m == "POST" else "pass"
        client = StoreClient(proxy.url, store.tokens["dzielnicowy"], retry=make_retry(total=0))
        with pytest.raises(errors.StoreUnreachable):
            push(client, officer)
        assert officer.pending_count() == 1  # not confirmed: still queued, still shown
        assert officer.report(local) is not None
        assert len(store_reports(store, "spotkanie")) == before + 1  # the store has it
        proxy.rule = lambda m, path, n: "pass"
        result = push(client, officer)
    finally:
        proxy.close()
    assert result.applied == 1 and officer.pending_count() == 0
    added = store_reports(store, "spotkanie")
    assert len(added) == before + 1  # the re-send added nothing
    new_id = added[-1]["id"]
    assert officer.report(local) is None
    mine = officer.report(new_id)
    assert mine["source"] == "spotkanie" and mine["pending"] == 0
    assert mine["event_time"] == "18:00" and mine["district_id"] is not None


def test_a_change_on_a_threat_not_yet_sent_follows_it(store, officer):
    local = officer.record_new_threat(threat(source="obserwacja_wlasna"))
    save_changes(officer, meta_of(officer), [local], "weryfikacja", "Sprawdzam na miejscu.")
    assert officer.pending_count() == 2
    result = push(StoreClient(store.url, store.tokens["dzielnicowy"]), officer)
    assert result.applied == 2 and officer.pending_count() == 0
    (added,) = [
        f for f in store_reports(store, "obserwacja_wlasna") if f["properties"]["last_note"]
    ]
    assert added["properties"]["status"] == "weryfikacja"
    assert officer.report(added["id"])["status"] == "weryfikacja"


def test_outside_own_districts_the_store_refuses(store, officer):
    local = officer.record_new_threat(threat(lon=18.05, lat=50.05, source="systemy_policyjne"))
    result = push(StoreClient(store.url, store.tokens["dzielnicowy"]), officer)
    assert result.rejected == 1 and result.applied == 0
    assert officer.report(local) is None  # off the map
    (refused,) = officer.new_threats(("rejected",))
    assert refused.local_id == local and refused.reason
    assert officer.pending_count() == 0
    assert store_reports(store, "systemy_policyjne") == []


def test_the_map_tool_adds_a_threat_shown_with_its_source(store, pulled_plugin, qtbot):
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsPointXY,
        QgsProject,
    )
    from qgis.PyQt.QtWidgets import QDialog

    plugin = pulled_plugin("dzielnicowy", "Rewir")
    plugin.threat_action.trigger()
    tool = plugin.threat_tool
    assert plugin.iface.mapCanvas().mapTool() is tool
    canvas_crs = plugin.iface.mapCanvas().mapSettings().destinationCrs()
    to_canvas = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), canvas_crs, QgsProject.instance()
    )
    point = to_canvas.transform(QgsPointXY(20.06, 52.04))
    seen = {}

    def fill_in(dialog):
        seen["categories"] = dialog.category.count()
        seen["sources"] = [dialog.source.itemData(i) for i in range(dialog.source.count())]
        dialog.source.setCurrentIndex(dialog.source.findData("obserwacja_wlasna"))
        dialog.description.setPlainText("Grupa młodzieży pod blokiem, <b>wieczorami</b>.")
        dialog.has_time.setChecked(True)
        assert dialog.check() == ""
        return QDialog.DialogCode.Accepted

    before = len(store_reports(store, "obserwacja_wlasna"))
    local = tool.add_at(point, fill_in)
    assert local is not None and local >= NEW_ID_BASE
    assert "obywatel" not in seen["sources"] and len(seen["sources"]) == 4
    assert seen["categories"] > 10
    qtbot.waitUntil(lambda: plugin.controller.push_job is None, timeout=20000)
    added = store_reports(store, "obserwacja_wlasna")
    assert len(added) == before + 1
    props = added[-1]["properties"]
    assert props["description"] == "Grupa młodzieży pod blokiem, <b>wieczorami</b>."
    assert props["event_time"] and props["district_id"] is not None
    layer = plugin.controller.reports_layer()
    feature = layer.getFeature(added[-1]["id"])
    assert feature.isValid() and feature["source"] == "obserwacja_wlasna"
    assert 'represent_value("source")' in layer.mapTipTemplate()
