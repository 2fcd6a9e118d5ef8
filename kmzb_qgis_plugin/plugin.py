"""Wires the plugin into QGIS: translator, actions, menu, toolbar, dock, Processing provider.

``unload()`` undoes every registration ``initGui()`` made.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, Qt, QTranslator
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMenu

from .i18n import tr

HERE = Path(__file__).resolve().parent


class KmzbPlugin:
    def __init__(self, iface) -> None:
        self.iface = iface
        self.translator: QTranslator | None = None
        self.actions: list[QAction] = []
        self.menu: QMenu | None = None
        self.toolbar = None
        self.dock = None
        self.provider = None
        self.controller = None
        self.pick_tool = None
        self.place_tool = None
        self.threat_tool = None
        self.threat_action: QAction | None = None
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

        self.initProcessing()
        self.controller = Controller(self.iface)
        window = self.iface.mainWindow()
        self.dock = KmzbDock(self.iface, self.controller, window)
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)

        icon = QIcon(str(HERE / "resources" / "icon.svg"))
        theme = QgsApplication.getThemeIcon  # QGIS's own icons read as what they do
        pull = self._action(
            theme("/mActionRefresh.svg"), tr("Pull reports"), lambda: self.dock.pull()
        )
        verify = self._action(
            theme("/mActionIdentify.svg"), tr("Verify reports on the map"), self._pick_on_map
        )
        verify.setCheckable(True)
        push = self._action(
            theme("/mActionSharingExport.svg"),
            tr("Send verifications"),
            lambda: self.controller.push(),
        )
        connections = self._action(
            theme("/mActionOptions.svg"), tr("Connections…"), self.controller.edit_connections
        )
        self.dock.verify.report_chosen.connect(self.controller.zoom_to_report)
        who = self._action(
            theme("/mActionMapTips.svg"), tr("Who covers this place"), self._who_covers
        )
        who.setCheckable(True)
        self.threat_action = self._action(
            theme("/mActionCapturePoint.svg"),
            tr("Add a threat (police source)"),
            self._add_threat,
        )
        self.threat_action.setCheckable(True)
        self._register_locator()
        show = self.dock.toggleViewAction()
        show.setText(tr("KMZB panel"))
        show.setIcon(icon)

        self.menu = QMenu(tr("&KMZB"), window.menuBar())
        self.menu.setObjectName("KmzbMenu")
        for action in (pull, verify, push, who, self.threat_action, connections, show):
            self.menu.addAction(action)
        window.menuBar().addMenu(self.menu)

        self.toolbar = self.iface.addToolBar(tr("KMZB"))
        self.toolbar.setObjectName("KmzbToolbar")
        for action in (pull, verify, push, who, self.threat_action, show):
            self.toolbar.addAction(action)

    def _pick_on_map(self, checked: bool = True) -> None:
        """Arm the map tool that opens a clicked report in the verification tab."""
        from .gui.map_tool import ReportPickTool

        layer = self.controller.reports_layer()
        canvas = self.iface.mapCanvas()
        if not checked or layer is None:
            if layer is None:
                self.controller.message(tr("Pull reports first."))
            if self.pick_tool is not None:
                canvas.unsetMapTool(self.pick_tool)
            return
        if self.pick_tool is None:
            self.pick_tool = ReportPickTool(canvas)
            self.pick_tool.setAction(self.actions[1])
            self.pick_tool.picked.connect(self.dock.open_report)
        self.pick_tool.setLayer(layer)
        canvas.setMapTool(self.pick_tool)

    def _register_locator(self) -> None:
        from .gui.locator import WhoCoversFilter

        self.locator_filter = WhoCoversFilter(self.controller)
        self.iface.registerLocatorFilter(self.locator_filter)

    def _who_covers(self, checked: bool = True) -> None:
        """Arm the map tool that names the district and officer of a clicked point."""
        from .gui.place_tool import WhoCoversTool

        self._arm("place_tool", WhoCoversTool, self.actions[3], checked)

    def _add_threat(self, checked: bool = True) -> None:
        """Arm the map tool that adds a police-sourced threat where the user clicks."""
        from .gui.threat_tool import ThreatTool

        self._arm("threat_tool", ThreatTool, self.threat_action, checked)

    def _arm(self, attribute: str, tool_class, action, checked: bool) -> None:
        """Set (checked) or unset the canvas's map tool kept in ``self.<attribute>``; it is
        made on first use and tied to its action."""
        canvas = self.iface.mapCanvas()
        tool = getattr(self, attribute)
        if not checked:
            if tool is not None:
                canvas.unsetMapTool(tool)
            return
        if tool is None:
            tool = tool_class(canvas, self.controller)
            tool.setAction(action)
            setattr(self, attribute, tool)
        canvas.setMapTool(tool)

    def _action(self, icon: QIcon, text: str, slot) -> QAction:
        action = QAction(icon, text, self.iface.mainWindow())
        action.triggered.connect(slot)
        self.actions.append(action)
        return action

    def unload(self) -> None:
        for tool in (self.pick_tool, self.place_tool, self.threat_tool):
            if tool is not None:
                self.iface.mapCanvas().unsetMapTool(tool)
                tool.deleteLater()
        self.pick_tool = self.place_tool = self.threat_tool = None
        self.threat_action = None
        if self.locator_filter is not None:
            self.iface.deregisterLocatorFilter(self.locator_filter)
            self.locator_filter = None
        if self.controller is not None:
            self.controller.cancel_pull()
            self.controller.close()
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.menu is not None:
            self.iface.mainWindow().menuBar().removeAction(self.menu.menuAction())
            self.menu.deleteLater()
            self.menu = None
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.dock is not None:
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        for action in self.actions:
            action.deleteLater()
        self.actions.clear()
        self.controller = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
