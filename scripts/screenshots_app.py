"""Runs inside the real QGIS desktop (``qgis --code``, started by scripts/screenshots.py):
walks through what the guides show and saves each view to $KMZB_SHOTS_DIR, then quits.

Every picture is of the running application: main window, dock, dialogs, toolbox; the
briefing page is the real output of kmzb:briefing.
"""

import json
import os
import traceback
from datetime import UTC, datetime, timedelta
from pathlib import Path

import qgis.utils
from qgis.core import QgsApplication, QgsAuthMethodConfig
from qgis.PyQt.QtCore import QRect, Qt, QTimer
from qgis.PyQt.QtWidgets import QDockWidget

OUT = Path(os.environ["KMZB_SHOTS_DIR"])
DISTRICT = os.environ["KMZB_SHOTS_DISTRICT"]
ANALYST_TOKEN = os.environ["KMZB_SHOTS_ANALYST_TOKEN"]
WORK = Path(os.environ["KMZB_SHOTS_WORK"])
FAILED = OUT / "screenshots-failed.txt"
iface = qgis.utils.iface


def settle() -> None:
    """Let Qt paint and the map finish rendering."""
    QgsApplication.processEvents()
    iface.mapCanvas().waitWhileRendering()
    QgsApplication.processEvents()


def grab(widget, name: str) -> None:
    settle()
    path = OUT / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise OSError(f"could not save {path}")
    print(f"[shots] {path.name}", flush=True)


def plugin():
    return qgis.utils.plugins["kmzb_qgis_plugin"]


def steps():
    """Each step does its work and yields how long to wait before the next one (ms)."""
    window = iface.mainWindow()
    window.resize(1600, 1000)
    window.move(0, 0)
    kmzb = plugin()
    kmzb.dock.show()
    kmzb.dock.tabs.setCurrentIndex(0)
    browser = window.findChild(QDockWidget, "Browser")
    if browser is not None:
        browser.hide()  # room for the layer tree
    layers = window.findChild(QDockWidget, "Layers")
    window.resizeDocks([layers, kmzb.dock], [330, 520], Qt.Orientation.Horizontal)
    yield 2500
    iface.mapCanvas().refreshAllLayers()
    yield 1500
    grab(window, "main-window")
    grab(kmzb.dock, "dock-pull")

    # one report of the officer's district, opened in the Verify tab, an outcome chosen
    rows = kmzb.controller.work_queue()[0]
    report_id = rows[0]["fid"]
    kmzb.dock.open_report(report_id)
    kmzb.controller.zoom_to_report(report_id)
    yield 2000  # details and history come from the store in the background
    buttons = kmzb.dock.verify.outcome_group.buttons()
    if buttons:
        buttons[0].setChecked(True)
    kmzb.dock.verify.note.setPlainText("Sprawdzone na miejscu, podjęte.")
    yield 500
    grab(kmzb.dock, "dock-verify")
    grab(window, "verify-window")
    yield from officers_day(kmzb, window, report_id)

    # offline: the store cannot be reached, the change waits in the outbox with a badge
    from kmzb_qgis_plugin.core import settings

    conn = kmzb.controller.connection()
    settings.save_connection(settings.Connection(conn.name, "http://127.0.0.1:9", conn.authcfg))
    kmzb.dock.verify.save()
    yield 4000  # the push fails fast (connection refused) and the badge appears
    kmzb.controller.zoom_to_report(report_id)
    kmzb.controller.reports_layer().removeSelection()  # the status colour, not the selection
    yield 1500
    grab(window, "offline-pending")
    canvas = iface.mapCanvas()  # the report sits in the middle: a close-up of its badge
    box = QRect(canvas.width() // 2 - 60, canvas.height() // 2 - 60, 120, 120)
    close_up = canvas.grab(box).scaled(
        360, 360, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    close_up.save(str(OUT / "offline-badge.png"))
    print("[shots] offline-badge.png", flush=True)
    settings.save_connection(conn)

    from kmzb_qgis_plugin.gui.connection_dialog import ConnectionsDialog

    dialog = ConnectionsDialog(window)
    dialog.show()
    dialog.test()  # the answer of the store shows under the form
    yield 800
    grab(dialog, "connection-dialog")
    dialog.close()

    toolbox = qgis.utils.plugins["processing"].toolbox
    toolbox.show()
    toolbox.searchBox.setText("kmzb")
    toolbox.algorithmTree.expandAll()
    yield 800
    grab(toolbox, "processing-toolbox")
    toolbox.searchBox.clear()
    toolbox.hide()

    # the analyst's briefing: their own connection, pulled for 30 days, one city unit
    yield from briefing()
    QgsApplication.exit(0)


def officers_day(kmzb, window, report_id):
    """A threat heard at a public debate added on the map; then a resident's new report in
    the district brought by the background sync: the note with Pokaż, the Verify badge."""
    import requests

    from kmzb_qgis_plugin.gui.threat_tool import ThreatDialog

    controller = kmzb.controller
    lon, lat = controller.with_cache(
        lambda c: c.db.execute(
            "SELECT ST_MinX(geom), ST_MinY(geom) FROM reports WHERE fid=?", (report_id,)
        ).fetchone()
    )
    dialog = ThreatDialog(controller.meta(), lon + 0.0004, lat + 0.0003, window)
    dialog.category.setCurrentIndex(dialog.category.findData("alkohol"))
    dialog.source.setCurrentIndex(dialog.source.findData("debata_spoleczna"))
    dialog.description.setPlainText(
        "Debata społeczna w szkole: mieszkańcy skarżą się na picie alkoholu pod sklepem wieczorami."
    )
    dialog.has_time.setChecked(True)
    dialog.show()
    yield 500
    grab(dialog, "threat-dialog")
    controller.add_threat(dialog.item())
    dialog.close()
    yield 3000  # sent to the store
    controller.sync.tick()  # the demo's cache was filled before: this look is the start
    yield 3000
    answer = requests.post(
        f"{controller.connection().url}/api/v1/public/reports",
        json={"category": "psy", "lon": lon - 0.0005, "lat": lat - 0.0004},
        headers={"X-Forwarded-For": "198.51.100.77"},
        timeout=30,
    )
    answer.raise_for_status()
    controller.sync.tick()  # what the timer does every few minutes
    yield 4000
    grab(window, "notification")


def briefing():
    import processing

    from kmzb_qgis_plugin.core import settings
    from kmzb_qgis_plugin.core.cache import Cache

    config = QgsAuthMethodConfig("Basic")
    config.setName("KMZB demo — anna.analityk")
    config.setConfig("username", "anna.analityk")
    config.setConfig("password", ANALYST_TOKEN)
    ok, config = QgsApplication.authManager().storeAuthenticationConfig(config)
    assert ok, "could not store the analyst's token"
    officer = plugin().controller.connection()
    settings.save_connection(settings.Connection("KMZB analityk", officer.url, config.id()))
    today = datetime.now(UTC).date()
    start = (today - timedelta(days=30)).isoformat()
    processing.run("kmzb:pull_reports", {"CONNECTION": "KMZB analityk", "SUBMITTED_FROM": start})
    cache = Cache(settings.cache_path(settings.connection("KMZB analityk")))
    (unit_id,) = cache.db.execute(
        "SELECT unit_id FROM districts WHERE code=?", (DISTRICT,)
    ).fetchone()
    cache.close()
    result = processing.run(
        "kmzb:briefing",
        {
            "CONNECTION": "KMZB analityk",
            "UNIT": str(unit_id),
            "FROM": start,
            "TO": today.isoformat(),
            "AUTHOR": "anna.analityk (KWP)",
            "OUTPUT_PDF": str(WORK / "odprawa.pdf"),
            "OUTPUT_PNG": str(OUT / "briefing.png"),
        },
    )
    print(f"[shots] briefing.png ({json.dumps(result['PAGES'])} pages)", flush=True)
    yield 100


def run(step_iter) -> None:
    try:
        delay = next(step_iter)
    except StopIteration:
        return
    except Exception:
        FAILED.write_text(traceback.format_exc(), encoding="utf-8")
        QgsApplication.exit(1)
        return
    QTimer.singleShot(delay, lambda: run(step_iter))


FAILED.unlink(missing_ok=True)
QTimer.singleShot(1000, lambda: run(steps()))
