"""QGIS's search bar (bottom left) answers "who covers this place": a report id, a district
name, an officer's name, or coordinates in WGS84 or PL-1992; choosing a result zooms there."""

from __future__ import annotations

from qgis.core import Qgis, QgsLocatorFilter, QgsLocatorResult, QgsRectangle

from ..core.cache import Cache
from ..core.errors import KmzbError
from ..core.place_search import search
from ..i18n import tr
from .district_actions import DistrictActions


class WhoCoversFilter(QgsLocatorFilter):
    """Searches the active connection's cache in the locator's worker thread."""

    def __init__(self, controller, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.path = None
        # label -> Place, shared with the clones: PyQGIS 3.22 loses a result's userData on
        # its way from the worker thread, so results are found again by their label
        self.places: dict = {}

    def clone(self) -> WhoCoversFilter:
        """QGIS prepares the filter, then runs a clone in a worker thread."""
        other = WhoCoversFilter(self.controller)
        other.path, other.places = self.path, self.places
        return other

    def name(self) -> str:
        return "kmzb"

    def displayName(self) -> str:
        return tr("KMZB: who covers this place")

    def prefix(self) -> str:
        return "kmzb"

    def flags(self):
        return QgsLocatorFilter.Flag.FlagFast

    def prepare(self, string, context) -> list:  # main thread: read settings here
        self.path = self.controller.cache_path()
        self.places.clear()
        return []

    def fetchResults(self, string, context, feedback) -> None:
        if not self.path or not self.path.exists() or feedback.isCanceled():
            return
        try:
            cache = Cache(self.path)
            try:
                places = search(cache, string)
            finally:
                cache.close()
        except KmzbError:
            return
        for place in places:
            if feedback.isCanceled():
                return
            label = place.label
            if self.places.get(label, place) != place:
                label = f"{label} ({place.ident})"
            self.places[label] = place
            result = QgsLocatorResult()
            result.filter = self
            result.displayString = label
            result.description = place.detail
            result.group = tr("KMZB")
            self.resultFetched.emit(result)

    def triggerResult(self, result) -> None:
        place = self.places.get(result.displayString)
        if place is None:
            return
        if place.kind == "report":
            self.controller.zoom_to_report(place.ident)
        else:
            DistrictActions(self.controller).zoom_to(QgsRectangle(*place.extent))
        if place.kind == "point":
            self.controller.message(place.detail, Qgis.MessageLevel.Info)
