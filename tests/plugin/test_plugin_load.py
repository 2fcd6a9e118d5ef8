"""The plugin loads into QGIS, registers its parts, and unload() removes every one."""

from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QDockWidget, QMenu, QToolBar

import kmzb_qgis_plugin


def _counts(iface) -> dict[str, int]:
    window = iface.mainWindow()
    return {
        "menus": sum(
            1
            for a in window.menuBar().actions()
            if a.menu() and a.menu().objectName() == "KmzbMenu"
        ),
        "toolbars": sum(
            1 for t in window.findChildren(QToolBar) if t.objectName() == "KmzbToolbar"
        ),
        "docks": sum(1 for d in window.findChildren(QDockWidget) if d.objectName() == "KmzbDock"),
        "provider": int(QgsApplication.processingRegistry().providerById("kmzb") is not None),
        "locator": sum(f.name() == "kmzb" for f in iface.locator().filters()),
    }


def test_load_and_unload_leave_nothing_behind(qgis_iface, qgis_settings_dir, qtbot):
    window = qgis_iface.mainWindow()
    before = _counts(qgis_iface)
    assert before == {"menus": 0, "toolbars": 0, "docks": 0, "provider": 0, "locator": 0}

    plugin = kmzb_qgis_plugin.classFactory(qgis_iface)
    plugin.initGui()
    loaded = _counts(qgis_iface)
    assert loaded == {"menus": 1, "toolbars": 1, "docks": 1, "provider": 1, "locator": 1}
    menu = next(
        a.menu()
        for a in window.menuBar().actions()
        if a.menu() and a.menu().objectName() == "KmzbMenu"
    )
    assert isinstance(menu, QMenu)
    assert len(menu.actions()) == 7
    provider = QgsApplication.processingRegistry().providerById("kmzb")
    assert "kmzb:pull_reports" in [a.id() for a in provider.algorithms()]

    plugin.unload()
    qtbot.wait(10)  # let deleteLater() run
    QgsApplication.processEvents()
    assert _counts(qgis_iface) == before
    assert QgsApplication.processingRegistry().providerById("kmzb") is None


def test_load_unload_twice(qgis_iface, qgis_settings_dir, qtbot):
    """Reloading the plugin (Plugin Reloader, updates) must not pile up registrations."""
    for _ in range(2):
        plugin = kmzb_qgis_plugin.classFactory(qgis_iface)
        plugin.initGui()
        assert _counts(qgis_iface)["docks"] == 1
        plugin.unload()
        qtbot.wait(10)
    assert _counts(qgis_iface)["provider"] == 0
