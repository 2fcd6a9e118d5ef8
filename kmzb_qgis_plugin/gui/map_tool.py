"""Click a report on the map to open it in the verification panel."""

from __future__ import annotations

from qgis.gui import QgsMapToolIdentifyFeature
from qgis.PyQt.QtCore import pyqtSignal


class ReportPickTool(QgsMapToolIdentifyFeature):
    picked = pyqtSignal(int)

    def __init__(self, canvas) -> None:
        super().__init__(canvas)
        self.featureIdentified.connect(lambda feature: self.picked.emit(int(feature.id())))
