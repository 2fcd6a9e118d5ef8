"""Click anywhere on the map: which district covers it and who its officer is (plain text
in the message bar)."""

from __future__ import annotations

from qgis.core import Qgis, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject
from qgis.gui import QgsMapTool
from qgis.PyQt.QtCore import pyqtSignal

from ..core.place_search import covering, describe

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


class WhoCoversTool(QgsMapTool):
    described = pyqtSignal(str)  # the text shown, for whoever listens (and tests)

    def __init__(self, canvas, controller) -> None:
        super().__init__(canvas)
        self.controller = controller

    def canvasReleaseEvent(self, event) -> None:
        self.describe_point(self.toMapCoordinates(event.pos()))

    def describe_point(self, point) -> str:
        """Describe a point given in the canvas CRS."""
        transform = QgsCoordinateTransform(
            self.canvas().mapSettings().destinationCrs(), WGS84, QgsProject.instance()
        )
        lonlat = transform.transform(point)
        district = self.controller.with_cache(lambda c: covering(c, lonlat.x(), lonlat.y()))
        text = describe(district)
        self.controller.message(text, Qgis.MessageLevel.Info)
        self.described.emit(text)
        return text
