"""Fixtures for tests inside a real QgsApplication (pytest-qgis, offscreen).

pytest-qgis's iface stubs out the calls that place widgets; here they act on its real
QMainWindow as QGIS's own iface does, so tests can count what the plugin leaves behind.
"""

from __future__ import annotations

import pytest
from pytest_qgis.qgis_interface import QgisInterface
from qgis.PyQt.QtWidgets import QToolBar


def _add_dock(self, area, dock):
    self.mainWindow().addDockWidget(area, dock)


def _remove_dock(self, dock):
    self.mainWindow().removeDockWidget(dock)


def _add_toolbar(self, toolbar):
    if isinstance(toolbar, str):
        toolbar = QToolBar(toolbar, self.mainWindow())
    self.mainWindow().addToolBar(toolbar)
    return toolbar


QgisInterface.addDockWidget = _add_dock
QgisInterface.removeDockWidget = _remove_dock
QgisInterface.addToolBar = _add_toolbar


@pytest.fixture
def qgis_settings_dir(tmp_path, monkeypatch):
    """An empty profile folder so caches and settings of one test never leak into another."""
    from qgis.core import QgsApplication, QgsSettings

    profile = tmp_path / "profile"
    profile.mkdir()
    monkeypatch.setattr(QgsApplication, "qgisSettingsDirPath", staticmethod(lambda: str(profile)))
    QgsSettings().remove("kmzb")
    yield profile
    QgsSettings().remove("kmzb")
