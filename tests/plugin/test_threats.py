"""Police-sourced threats from QGIS against the real store: cached and queued in one
transaction, pushed exactly once by op_id (also when the answer is lost), refused outside
the officer's districts (shown in the Verify panel until dismissed), filtered by source in
the analysis and in the pull."""

from __future__ import annotations

import pytest
from conftest import as_admin, meta_of
from fault_proxy import FaultProxy
from fixture_data import police_threat
from qgis.PyQt.QtCore import Qt

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


def test_a_refused_threat_is_dismissed_with_the_changes_queued_on_it(store, officer):
    local = officer.record_new_threat(threat(lon=18.06, lat=50.06, source="spotkanie"))
    save_changes(officer, meta_of(officer), [local], "weryfikacja", "Sprawdzam.")
    push(StoreClient(store.url, store.tokens["dzielnicowy"]), officer)
    (refused,) = officer.new_threats(("rejected",))
    assert officer.pending_count() == 1  # the change on it can never be sent
    assert not officer.dismiss_new_threat("no-such-op")
    assert officer.dismiss_new_threat(refused.op_id)
    assert officer.new_threats(("pending", "rejected")) == []
    assert officer.pending_count() == 0 and officer.outbox(("pending", "rejected")) == []
    assert not officer.dismiss_new_threat(refused.op_id)  # once


def test_the_verify_panel_lists_a_refused_threat_until_dismissed(store, pulled_plugin, qtbot):
    plugin = pulled_plugin("dzielnicowy", "Odmowa")
    controller, panel = plugin.controller, plugin.dock.verify
    item = threat(lon=18.07, lat=50.07, source="obserwacja_wlasna", description="Poza rejonem.")
    local = controller.add_threat(item)
    assert local is not None
    qtbot.waitUntil(lambda: controller.push_job is None, timeout=20000)
    panel.refresh()
    rows = [panel.problems.item(i) for i in range(panel.problems.count())]
    (row,) = [r for r in rows if r.data(Qt.ItemDataRole.UserRole) == item["op_id"]]
    (refused,) = controller.refused_threats()
    assert refused.reason and refused.reason in row.text() and "refused" in row.text()
    assert not panel.dismiss.isEnabled()
    panel.problems.setCurrentItem(row)
    assert panel.dismiss.isEnabled() and not panel.reapply.isEnabled()
    details = panel.details.toPlainText()
    assert refused.reason in details and "Poza rejonem." in details
    assert "50.07000, 18.07000" in details
    panel.dismiss.click()
    assert controller.refused_threats() == []
    assert all(
        panel.problems.item(i).data(Qt.ItemDataRole.UserRole) != item["op_id"]
        for i in range(panel.problems.count())
    )


def test_the_dock_pulls_only_the_chosen_source(store, pulled_plugin, qtbot):
    helper = StoreClient(store.url, store.tokens["dzielnicowy"])
    answers = helper.add_reports([threat(lon=20.04, lat=52.04, source="obserwacja_wlasna")])
    assert answers[0]["result"] == "applied"
    plugin = pulled_plugin("dzielnicowy", "Zrodla")
    dock, meta = plugin.dock, plugin.controller.meta()
    offered = [dock.source.itemData(i) for i in range(dock.source.count())]
    assert offered == ["", *(s.code for s in meta.sources)]  # from /meta, "" is all
    dock.source.setCurrentIndex(dock.source.findData("obserwacja_wlasna"))
    assert dock.filters()["source"] == "obserwacja_wlasna"
    finished = []
    plugin.controller.pull_finished.connect(lambda r, e: finished.append(e))
    dock.pull()
    qtbot.waitUntil(lambda: bool(finished), timeout=30000)
    assert finished[0] is None
    expected = {f["id"] for f in store_reports(store, "obserwacja_wlasna")}
    layer = plugin.controller.reports_layer()
    got = {int(f.id()): f["source"] for f in layer.getFeatures()}
    assert expected and set(got) == expected
    assert set(got.values()) == {"obserwacja_wlasna"}


def test_the_pull_algorithm_takes_a_source(
    store, run_algorithm, qgis_settings_dir, auth_token_config
):
    from kmzb_qgis_plugin.core import settings
    from kmzb_qgis_plugin.core.cache import Cache

    helper = StoreClient(store.url, store.tokens["dzielnicowy"])
    answers = helper.add_reports([threat(lon=20.03, lat=52.03, source="debata_spoleczna")])
    assert answers[0]["result"] == "applied"
    authcfg = auth_token_config(store.tokens["dzielnicowy"], "dzielnicowy")
    settings.save_connection(settings.Connection("zrodlo", store.url, authcfg))
    pulled, _ = run_algorithm(
        "kmzb:pull_reports", {"CONNECTION": "zrodlo", "SOURCE": "debata_spoleczna"}
    )
    expected = {f["id"] for f in store_reports(store, "debata_spoleczna")}
    assert expected and pulled["PULLED"] == len(expected)
    cache = Cache(settings.cache_path(settings.connection("zrodlo")))
    try:
        rows = dict(cache.db.execute("SELECT fid, source FROM reports").fetchall())
    finally:
        cache.close()
    assert set(rows) == expected and set(rows.values()) == {"debata_spoleczna"}


def test_a_refused_threat_is_edited_and_sent_again(store, pulled_plugin, qtbot):
    from qgis.PyQt.QtWidgets import QDialog

    plugin = pulled_plugin("dzielnicowy", "Ponownie")
    controller = plugin.controller
    bad = threat(lon=20.06, lat=52.06, source="spotkanie", category="nie_ma_takiej")
    bad.update(description="Spotkanie z radą osiedla.", event_date="2026-11-29", event_time="17:30")
    assert controller.add_threat(bad) is not None
    qtbot.waitUntil(lambda: controller.push_job is None, timeout=20000)
    (refused,) = controller.refused_threats()
    assert "categor" in refused.reason
    seen = {}

    def fix(dialog):
        seen["source"] = dialog.source.currentData()
        seen["description"] = dialog.description.toPlainText()
        seen["time"] = dialog.event_time.dateTime().toString("yyyy-MM-dd HH:mm")
        dialog.category.setCurrentIndex(dialog.category.findData("parkowanie"))
        return QDialog.DialogCode.Accepted

    before = len(store_reports(store, "spotkanie"))
    assert controller.resend_threat(refused.op_id, fix) is not None
    assert seen == {
        "source": "spotkanie",
        "description": "Spotkanie z radą osiedla.",
        "time": "2026-11-29 17:30",
    }
    qtbot.waitUntil(lambda: controller.push_job is None, timeout=20000)
    assert controller.refused_threats() == [] and controller.pending_count() == 0
    added = store_reports(store, "spotkanie")
    assert len(added) == before + 1
    props = added[-1]["properties"]
    assert props["category"] == "parkowanie" and props["description"] == bad["description"]
