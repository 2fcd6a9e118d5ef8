"""The plugin as a user meets it: a connection with credentials in the QGIS auth database,
a pull as a QgsTask, styled layers in an EPSG:2180 project, citizen text as plain text,
and a verification saved in the panel and sent to the store."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading

import requests
from conftest import as_admin
from qgis.core import (
    QgsApplication,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsProject,
    QgsSettings,
)

import kmzb_qgis_plugin
from kmzb_qgis_plugin.core import settings

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def wait_for(qtbot, predicate, timeout=20000):
    qtbot.waitUntil(lambda: bool(predicate()), timeout=timeout)


def test_pull_styles_layers_and_verify_round_trip(
    store, qgis_iface, qgis_settings_dir, auth_token_config, qtbot
):
    QgsProject.instance().clear()
    answer = requests.post(
        f"{store.api}/public/reports",
        timeout=30,
        json={"category": "alkohol", "lon": 20.06, "lat": 52.04, "description": HOSTILE},
        headers={"X-Forwarded-For": "198.20.0.1"},
    )
    assert answer.status_code == 201, answer.text
    hostile_id = answer.json()["id"]
    authcfg = auth_token_config(store.tokens["dzielnicowy"], "dzielnicowy")
    settings.save_connection(settings.Connection("Test store", store.url, authcfg))
    settings.set_active_connection("Test store")
    QgsSettings().setValue("locale/userLocale", "en_US")

    plugin = kmzb_qgis_plugin.classFactory(qgis_iface)
    plugin.initGui()
    try:
        # no token anywhere in the settings
        QgsSettings().sync()
        keys = QgsSettings().allKeys()
        values = " ".join(str(QgsSettings().value(k)) for k in keys if k.startswith("kmzb"))
        assert store.tokens["dzielnicowy"] not in values

        dock = plugin.dock
        finished = []
        plugin.controller.pull_finished.connect(lambda r, e: finished.append((r, e)))
        dock.pull_button.click()
        wait_for(qtbot, lambda: finished)
        result, error = finished[0]
        assert error is None, error and error.detail
        assert result.upserted >= 25

        layer = plugin.controller.reports_layer()
        assert layer is not None and layer.isValid()
        assert layer.featureCount() == result.upserted
        assert QgsProject.instance().crs().authid() == "EPSG:2180"
        assert layer.crs().authid() == "EPSG:4326"
        renderer = layer.renderer()
        colors = {c.value(): c.symbol().color().name() for c in renderer.categories()}
        assert colors["nowe"] == "#2e9d3a" and colors["potwierdzone"] == "#d7191c"
        labels = {c.value(): c.label() for c in renderer.categories()}
        assert labels["zart_pomylka"] == "joke or mistake"

        # citizen text: plain in the form, escaped in the map tip, plain in the panel
        index = layer.fields().indexOf("description")
        assert layer.editorWidgetSetup(index).config().get("UseHtml") is False
        feature = layer.getFeature(hostile_id)
        assert feature["description"] == HOSTILE
        context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
        context.setFeature(feature)
        tip = QgsExpression.replaceExpressionText(layer.mapTipTemplate(), context)
        assert "<script>" not in tip and "&lt;script&gt;" in tip
        assert "<img" not in tip
        dock.open_report(hostile_id)
        assert HOSTILE in dock.verify.details.toPlainText()

        # the overdue flag is a live virtual field
        overdue = [f["overdue"] for f in layer.getFeatures()]
        assert any(overdue) and not all(overdue)

        # three clicks and a note: outcome button, note, save -> sent to the store
        buttons = {b.property("status_code"): b for b in dock.verify.outcome_group.buttons()}
        assert set(buttons) == {"weryfikacja", "potwierdzone", "niepotwierdzone", "zart_pomylka"}
        buttons["zart_pomylka"].click()
        dock.verify.note.setPlainText("Zgłoszenie testowe, brak zagrożenia.")
        dock.verify.save_button.click()
        wait_for(
            qtbot,
            lambda: plugin.controller.push_job is None and plugin.controller.pending_count() == 0,
        )
        remote = as_admin(store, f"/reports/{hostile_id}")
        assert remote["properties"]["status"] == "zart_pomylka"
        assert layer.getFeature(hostile_id)["status"] == "zart_pomylka"

        # the same path through QGIS's own attribute table: saved, sent; a refusal explained
        me = plugin.controller.me()
        mine = [
            f.id()
            for f in layer.getFeatures()
            if f["status"] == "nowe" and f["district_id"] in me["districts"]
        ]
        status_index = layer.fields().indexOf("status")
        layer.startEditing()
        layer.changeAttributeValue(mine[0], status_index, "weryfikacja")
        layer.changeAttributeValue(mine[1], status_index, "potwierdzone")  # no note
        assert layer.commitChanges()
        wait_for(
            qtbot,
            lambda: plugin.controller.push_job is None and plugin.controller.pending_count() == 0,
        )
        texts = " ".join(item.text() for item in qgis_iface.messageBar().items())
        assert f"Report {mine[1]}" in texts and "note is required" in texts
        remote = as_admin(store, f"/reports/{mine[0]}")
        assert remote["properties"]["status"] == "weryfikacja"
        assert layer.getFeature(mine[1])["status"] == "nowe"
    finally:
        plugin.unload()
        qtbot.wait(10)
        QgsProject.instance().clear()
    assert QgsApplication.processingRegistry().providerById("kmzb") is None


@contextlib.contextmanager
def running_plugin(qgis_iface, qtbot, store, token: str, authcfg: str):
    """The plugin loaded with a connection to the store, after a pull from the dock."""
    QgsProject.instance().clear()
    settings.save_connection(settings.Connection("Store", store.url, authcfg))
    settings.set_active_connection("Store")
    plugin = kmzb_qgis_plugin.classFactory(qgis_iface)
    plugin.initGui()
    try:
        finished = []
        plugin.controller.pull_finished.connect(lambda r, e: finished.append((r, e)))
        plugin.dock.pull_button.click()
        wait_for(qtbot, lambda: finished)
        assert finished[0][1] is None, finished[0][1].detail
        yield plugin
    finally:
        plugin.unload()
        qtbot.wait(10)
        QgsProject.instance().clear()


def test_kierownik_sees_the_load_per_district(
    store, qgis_iface, qgis_settings_dir, auth_token_config, qtbot
):
    token = store.create_user("kierownik_a1", "kierownik", unit="KMP-A1")
    with running_plugin(qgis_iface, qtbot, store, token, auth_token_config(token)) as plugin:
        panel = plugin.dock.verify
        table = panel.districts
        assert not table.isHidden()
        layer = plugin.controller.reports_layer()
        open_codes = {"nowe", "weryfikacja"}
        expected = {}
        for f in layer.getFeatures():
            if f["status"] in open_codes:
                d = expected.setdefault(f["district_id"], [0, 0])
                d[0] += f["status"] == "nowe"
                d[1] += 1
        shown = {
            table.item(r, 0).data(0x0100): [int(table.item(r, c).text()) for c in (1, 2)]
            for r in range(table.rowCount())
        }
        assert shown == expected and len(shown) >= 2
        district = table.item(0, 0).data(0x0100)
        panel._district_double_clicked(0, 0)
        queue_districts = {panel.queue.item(r, 4).text() for r in range(panel.queue.rowCount())}
        assert queue_districts == {str(district)}
        assert panel.queue.rowCount() == expected[district][1]
        panel._district_double_clicked(0, 0)  # again: every district
        assert panel.queue.rowCount() == sum(v[1] for v in expected.values())


def jpeg_bytes() -> bytes:
    from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice
    from qgis.PyQt.QtGui import QColor, QImage

    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#2e9d3a"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "JPG")
    return bytes(data)


def test_photos_shown_in_the_panel_and_the_form(
    store, qgis_iface, qgis_settings_dir, auth_token_config, qtbot
):
    photo = jpeg_bytes()
    report = {"category": "wandalizm", "lon": 20.05, "lat": 52.05, "description": "Wiata."}
    answer = requests.post(
        f"{store.api}/public/reports",
        files=[
            ("report", (None, json.dumps(report), "application/json")),
            ("files", ("../../etc/zdjęcie.jpg", photo, "image/jpeg")),
            ("files", ("opis.txt", b"Tekst.", "text/plain")),
        ],
        headers={"X-Forwarded-For": "198.20.0.9"},
        timeout=30,
    )
    assert answer.status_code == 201, answer.text
    report_id = answer.json()["id"]
    token = store.tokens["dzielnicowy"]
    with running_plugin(qgis_iface, qtbot, store, token, auth_token_config(token)) as plugin:
        loaded = []
        plugin.controller.details_loaded.connect(lambda *args: loaded.append(args))
        plugin.dock.open_report(report_id)
        wait_for(qtbot, lambda: loaded)
        _, _, _, photos = loaded[-1]
        assert len(photos) == 1 and photos[0].read_bytes() == photo
        assert photos[0].name == "0.jpg" and photos[0].parent.name == str(report_id)
        items = plugin.dock.verify.attachments
        assert items.count() == 2
        assert not items.item(0).icon().isNull() and items.item(1).icon().isNull()
        layer = plugin.controller.reports_layer()
        assert layer.getFeature(report_id)["photo"] == str(photos[0])
        setup = layer.editorWidgetSetup(layer.fields().indexOf("photo"))
        assert setup.type() == "ExternalResource"


def test_one_refresh_of_the_verify_panel_opens_the_cache_once(
    store, qgis_iface, qgis_settings_dir, auth_token_config, qtbot, monkeypatch
):
    token = store.create_user("kierownik_a2", "kierownik", unit="KMP-A1")
    with running_plugin(qgis_iface, qtbot, store, token, auth_token_config(token)) as plugin:
        panel = plugin.dock.verify
        assert panel.queue.rowCount() > 0
        panel.report_id = int(panel.queue.item(0, 0).text())  # with one report's details
        gpkg = str(plugin.controller.cache_path())
        opened = []
        connect = sqlite3.connect

        def counting(path, *args, **kwargs):
            if str(path) == gpkg and threading.current_thread() is threading.main_thread():
                opened.append(path)  # the details' task opens it again in its own thread
            return connect(path, *args, **kwargs)

        monkeypatch.setattr(sqlite3, "connect", counting)
        panel.refresh()
        monkeypatch.undo()
        assert len(opened) == 1
        assert panel.queue.rowCount() > 0 and panel.districts.rowCount() > 0
        wait_for(qtbot, lambda: plugin.controller.detail_job is None)
