"""The KMZB menu and toolbar: the plugin's actions, made here and removed in ``unload()``."""

from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMenu

from ..i18n import tr
from .map_tool import ToolAction, pick_report_action
from .place_tool import WhoCoversTool
from .threat_tool import ThreatTool


class KmzbMenu:
    """Pull, verify on the map, send, who covers, add a threat, connections, the panel."""

    def __init__(self, iface, controller, dock, icon: QIcon) -> None:
        self.iface = iface
        window = iface.mainWindow()
        theme = QgsApplication.getThemeIcon  # QGIS's own icons read as what they do
        self.actions: list[QAction] = []
        pull = self._action(theme("/mActionRefresh.svg"), tr("Pull reports"), dock.pull)
        self.pick = pick_report_action(
            iface, theme("/mActionIdentify.svg"), controller, dock.open_report
        )
        push = self._action(
            theme("/mActionSharingExport.svg"), tr("Send verifications"), controller.push
        )
        connections = self._action(
            theme("/mActionOptions.svg"), tr("Connections…"), controller.edit_connections
        )
        self.who = ToolAction(
            iface,
            theme("/mActionMapTips.svg"),
            tr("Who covers this place"),
            lambda canvas: WhoCoversTool(canvas, controller),
        )
        self.threat = ToolAction(
            iface,
            theme("/mActionCapturePoint.svg"),
            tr("Add a threat (police source)"),
            lambda canvas: ThreatTool(canvas, controller),
        )
        show = dock.toggleViewAction()
        show.setText(tr("KMZB panel"))
        show.setIcon(icon)
        tools = (self.pick.action, self.who.action, self.threat.action)

        self.menu = QMenu(tr("&KMZB"), window.menuBar())
        self.menu.setObjectName("KmzbMenu")
        for action in (pull, tools[0], push, *tools[1:], connections, show):
            self.menu.addAction(action)
        window.menuBar().addMenu(self.menu)

        self.toolbar = iface.addToolBar(tr("KMZB"))
        self.toolbar.setObjectName("KmzbToolbar")
        for action in (pull, tools[0], push, *tools[1:], show):
            self.toolbar.addAction(action)

    def _action(self, icon: QIcon, text: str, slot) -> QAction:
        action = QAction(icon, text, self.iface.mainWindow())
        action.triggered.connect(lambda *_: slot())
        self.actions.append(action)
        return action

    def unload(self) -> None:
        for tool in (self.pick, self.who, self.threat):
            tool.unload()
        window = self.iface.mainWindow()
        window.menuBar().removeAction(self.menu.menuAction())
        self.menu.deleteLater()
        window.removeToolBar(self.toolbar)
        self.toolbar.deleteLater()
        for action in self.actions:
            action.deleteLater()
        self.actions.clear()
