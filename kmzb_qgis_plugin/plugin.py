"""Registers the plugin with QGIS: translator, Processing provider, dock, menu and toolbar
(gui/menu.py, whose map tools own their actions), locator filter; ``unload()`` unregisters
every one."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, Qt, QTranslator
from qgis.PyQt.QtGui import QIcon

HERE = Path(__file__).resolve().parent


class KmzbPlugin:
    def __init__(self, iface) -> None:
        self.iface = iface
        self.translator: QTranslator | None = None
        self.provider = None
        self.controller = None
        self.dock = None
        self.menu = None
        self.locator_filter = None
        self._install_translator()

    def _install_translator(self) -> None:
        locale = (QgsSettings().value("locale/userLocale", "", type=str) or "en")[:2]
        qm = HERE / "i18n" / f"kmzb_{locale}.qm"
        if qm.exists():
            self.translator = QTranslator()
            if self.translator.load(str(qm)):
                QCoreApplication.installTranslator(self.translator)

    def initProcessing(self) -> None:
        from .processing.provider import KmzbProvider

        if self.provider is None:
            self.provider = KmzbProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:
        from .gui.controller import Controller
        from .gui.dock import KmzbDock
        from .gui.locator import WhoCoversFilter
        from .gui.menu import KmzbMenu

        self.initProcessing()
        self.controller = Controller(self.iface)
        self.dock = KmzbDock(self.iface, self.controller, self.iface.mainWindow())
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        icon = QIcon(str(HERE / "resources" / "icon.svg"))
        self.menu = KmzbMenu(self.iface, self.controller, self.dock, icon)
        self.locator_filter = WhoCoversFilter(self.controller)
        self.iface.registerLocatorFilter(self.locator_filter)

    # the actions, for scripts and tests
    @property
    def actions(self) -> list:
        return self.menu.menu.actions() if self.menu else []

    @property
    def threat_action(self):
        return self.menu.threat.action if self.menu else None

    @property
    def threat_tool(self):
        return self.menu.threat.tool if self.menu else None

    def unload(self) -> None:
        if self.menu is not None:
            self.menu.unload()
            self.menu = None
        if self.locator_filter is not None:
            self.iface.deregisterLocatorFilter(self.locator_filter)
            self.locator_filter = None
        if self.controller is not None:
            self.controller.cancel_pull()
            self.controller.close()
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.dock is not None:
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        self.controller = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
