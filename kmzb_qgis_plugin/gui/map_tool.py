"""Map tools and the checkable actions that arm them; click a report on the map to open it
in the verification panel."""

from __future__ import annotations

from collections.abc import Callable

from qgis.gui import QgsMapToolIdentifyFeature
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from ..i18n import tr


class ReportPickTool(QgsMapToolIdentifyFeature):
    picked = pyqtSignal(int)

    def __init__(self, canvas) -> None:
        super().__init__(canvas)
        self.featureIdentified.connect(lambda feature: self.picked.emit(int(feature.id())))


class ToolAction:
    """A checkable action that owns its map tool: checked sets the tool on the canvas (made
    on first use by ``make(canvas)``), unchecked unsets it; ``ready(tool)`` may refuse."""

    def __init__(
        self,
        iface,
        icon: QIcon,
        text: str,
        make: Callable,
        ready: Callable[[object], bool] = lambda tool: True,
    ) -> None:
        self.canvas = iface.mapCanvas()
        self.make, self.ready = make, ready
        self.tool = None
        self.action = QAction(icon, text, iface.mainWindow())
        self.action.setCheckable(True)
        self.action.triggered.connect(self.arm)

    def arm(self, checked: bool = True) -> None:
        if not checked:
            if self.tool is not None:
                self.canvas.unsetMapTool(self.tool)
            return
        if self.tool is None:
            self.tool = self.make(self.canvas)
            self.tool.setAction(self.action)
        if self.ready(self.tool):
            self.canvas.setMapTool(self.tool)
        else:
            self.action.setChecked(False)

    def unload(self) -> None:
        if self.tool is not None:
            self.canvas.unsetMapTool(self.tool)
            self.tool.deleteLater()
            self.tool = None
        self.action.deleteLater()


def pick_report_action(iface, icon: QIcon, controller, open_report: Callable) -> ToolAction:
    """Verify reports on the map: a click opens the report in the verification tab."""

    def make(canvas):
        tool = ReportPickTool(canvas)
        tool.picked.connect(open_report)
        return tool

    def ready(tool) -> bool:
        layer = controller.reports_layer()
        if layer is None:
            controller.message(tr("Pull reports first."))
            return False
        tool.setLayer(layer)
        return True

    return ToolAction(iface, icon, tr("Verify reports on the map"), make, ready)
