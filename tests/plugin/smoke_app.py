"""Runs inside the real QGIS desktop, twice: as $PYQGIS_STARTUP (before plugins load) it
records every Python error and log message from the start, and lets a plugin's error dialog
not block startup; as ``qgis --code`` it looks at the installed plugin from the running
application, writes a JSON report to $KMZB_SMOKE_REPORT and quits QGIS."""

import builtins
import json
import os
import traceback

import qgis.utils
from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QDockWidget, QToolBar

PLUGIN = "kmzb_qgis_plugin"


def start_recording() -> None:
    """Before any plugin loads: keep Python errors and the plugin's warnings."""
    errors = builtins.kmzb_smoke_errors = []

    def on_message(message, tag, level):
        if tag.startswith("Python") or (tag == "KMZB" and level >= Qgis.MessageLevel.Warning):
            errors.append(f"{tag}: {message}")

    builtins.kmzb_smoke_listener = on_message  # keep the slot alive
    QgsApplication.messageLog().messageReceived.connect(on_message)
    # a plugin that fails at startup opens a modal dialog that would hold QGIS forever;
    # the error is already logged above, so record the dialog instead of showing it
    qgis.utils.open_stack_dialog = lambda *args, **kwargs: errors.append(f"dialog: {args[1]}")


def report() -> dict:
    window = qgis.utils.iface.mainWindow()
    plugin = qgis.utils.plugins.get(PLUGIN)
    toolbar = window.findChild(QToolBar, "KmzbToolbar")
    dock = window.findChild(QDockWidget, "KmzbDock")
    menus = [a.text() for a in window.menuBar().actions()]
    provider = QgsApplication.processingRegistry().providerById("kmzb")
    module = __import__(PLUGIN)
    return {
        "active": PLUGIN in qgis.utils.active_plugins,
        "plugin_file": module.__file__,
        "actions": [a.text() for a in getattr(plugin, "actions", [])],
        "toolbar": None if toolbar is None else [a.text() for a in toolbar.actions()],
        "toolbar_visible": bool(toolbar and toolbar.isVisible()),
        "dock": None if dock is None else dock.windowTitle(),
        "menus": menus,
        "provider": None if provider is None else provider.name(),
        "algorithms": [] if provider is None else sorted(a.id() for a in provider.algorithms()),
        "locale": QgsApplication.locale(),
    }


def finish():
    try:
        result = report()
    except Exception:  # the report must always be written, or the test only sees a timeout
        result = {"crash": traceback.format_exc()}
    result["errors"] = getattr(builtins, "kmzb_smoke_errors", ["startup script did not run"])
    with open(os.environ["KMZB_SMOKE_REPORT"], "w", encoding="utf-8") as out:
        json.dump(result, out, ensure_ascii=False, indent=1)
    QgsApplication.exit(0)


if qgis.utils.iface is None:  # $PYQGIS_STARTUP
    start_recording()
else:  # qgis --code: after the event loop started and deferred work ran
    QTimer.singleShot(1500, finish)
