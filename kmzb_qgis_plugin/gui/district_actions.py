"""District actions on the map: filter the reports to districts or a unit and zoom there,
clear the filter, the load per district as a layer, district files and their upload."""

from __future__ import annotations

from datetime import date

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProject,
    QgsRectangle,
)

from ..core import settings
from ..core.cache import unit_filter
from ..core.district_file import DistrictFile, read_district_file, upload_body
from ..core.district_summary import DistrictSummary, summarize
from ..core.errors import KmzbError
from ..core.layers import style_districts
from ..core.summary_layer import status_names, summary_layer
from ..core.tasks import CacheTask, StoreTask
from ..i18n import tr

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
POINT_MARGIN = 0.003  # degrees around a point we zoom to: a few streets


def district_filter(district_ids: list[int]) -> str:
    """The reports layer's subset string for these districts."""
    return f'"district_id" IN ({", ".join(str(int(i)) for i in district_ids) or "NULL"})'


class DistrictActions:
    """Acts through the main Controller (active connection, cache, messages)."""

    def __init__(self, controller) -> None:
        self.controller = controller
        self.iface = controller.iface
        self.upload_job: StoreTask | None = None
        self.summary_layer_id: str | None = None  # the last one, replaced by the next

    # --- what the cache knows ----------------------------------------------------------
    def districts(self) -> list[tuple[int, str, int | None, str]]:
        """(id, name, unit id, unit name) of every cached district, by name."""
        return self.controller.with_cache(
            lambda c: [
                (i, name, unit, unit_name) for i, _, name, unit, unit_name in c.district_names()
            ],
            [],
        )

    def my_districts(self) -> list[int]:
        me = self.controller.me()
        return [int(d) for d in me.get("districts") or []]

    def is_admin(self) -> bool:
        return self.controller.me().get("role") == "admin"

    # --- filter and zoom ----------------------------------------------------------------
    def show_my_district(self) -> bool:
        ids = self.my_districts()
        if not ids:
            self.controller.message(
                tr("No district is assigned to you in the store; pull reports first."),
                Qgis.MessageLevel.Warning,
            )
            return False
        return self.show_districts(ids)

    def show_districts(self, district_ids: list[int]) -> bool:
        return self._apply(
            district_filter(district_ids), lambda c: c.districts_extent(district_ids)
        )

    def show_unit(self, unit_id: int) -> bool:
        return self._apply(unit_filter(unit_id), lambda c: c.districts_extent(unit_id=unit_id))

    def clear_filter(self) -> None:
        layer = self.controller.reports_layer()
        if layer is not None:
            layer.setSubsetString("")
            layer.triggerRepaint()

    def _apply(self, subset: str, extent) -> bool:
        layer = self.controller.reports_layer()
        if layer is None:
            self.controller.message(tr("Pull reports first."), Qgis.MessageLevel.Warning)
            return False
        layer.setSubsetString(subset)
        layer.triggerRepaint()
        box = self.controller.with_cache(extent)
        if box:
            self.zoom_to(QgsRectangle(*box))
        return True

    def zoom_to(self, box: QgsRectangle, crs: QgsCoordinateReferenceSystem = WGS84) -> None:
        """Zoom the canvas to a box given in ``crs`` (a point: the streets around it)."""
        if box.width() == 0 and box.height() == 0:
            box = QgsRectangle(box)
            box.grow(POINT_MARGIN if crs.isGeographic() else POINT_MARGIN * 100_000)
        canvas = self.iface.mapCanvas()
        transform = QgsCoordinateTransform(
            crs, canvas.mapSettings().destinationCrs(), QgsProject.instance()
        )
        box = transform.transformBoundingBox(box)
        box.scale(1.05)
        canvas.setExtent(box)
        canvas.refresh()

    # --- load per district ----------------------------------------------------------------
    def summary_task(
        self, since: date | None, until: date | None, unit_id: int | None = None
    ) -> CacheTask | None:
        """Count in the background; ``done`` brings (list[DistrictSummary], error)."""
        path = self.controller.cache_path()
        if not path or not path.exists():
            self.controller.message(tr("Pull reports first."), Qgis.MessageLevel.Warning)
            return None

        def work(cache, progress, is_cancelled):
            return summarize(cache, since=since, until=until, unit_id=unit_id)

        job = CacheTask(tr("KMZB: load per district"), path, work)
        QgsApplication.taskManager().addTask(job)
        return job

    def add_summary_layer(self, summaries: list[DistrictSummary], title: str):
        """A choropleth memory layer of the summaries, above the KMZB layers; it replaces
        the one this panel made before."""
        names = status_names(self.controller.meta())
        layer = self.controller.with_cache(lambda c: summary_layer(c, summaries, names, title))
        if layer is None:
            return None
        project = QgsProject.instance()
        if self.summary_layer_id and project.mapLayer(self.summary_layer_id):
            project.removeMapLayer(self.summary_layer_id)
        project.addMapLayer(layer)
        self.summary_layer_id = layer.id()
        return layer

    # --- district files -------------------------------------------------------------------
    def load_file(self, path: str) -> DistrictFile | None:
        """Read a district file into a styled layer; repairs reported, refusals explained."""
        try:
            loaded = read_district_file(path)
        except KmzbError as exc:
            self.controller.report(exc)
            return None
        style_districts(loaded.layer)
        loaded.layer.setCustomProperty("kmzb/layer", "district_file")
        QgsProject.instance().addMapLayer(loaded.layer)
        for warning in loaded.warnings:
            self.controller.message(warning, Qgis.MessageLevel.Warning)
        self.controller.message(
            tr("Loaded {} districts from {}.").format(loaded.layer.featureCount(), path),
            Qgis.MessageLevel.Success,
        )
        return loaded

    def upload(self, layer) -> StoreTask | None:
        """Send a loaded district layer to the store (admins only; the store checks too)."""
        conn = self.controller.connection()
        if conn is None or self.upload_job is not None:
            return None
        if not self.is_admin():
            self.controller.message(
                tr("Only an admin may change districts."), Qgis.MessageLevel.Warning
            )
            return None
        body = upload_body(layer)
        access = self.controller.access(conn)
        if access is None:
            return None

        def work(client, cache, progress, is_cancelled):
            return client.upload_districts(body)

        job = StoreTask(tr("KMZB: uploading districts"), access, settings.cache_path(conn), work)

        def done(result, error):
            self.upload_job = None
            if error is not None:
                self.controller.report(error)
                return
            self.controller.message(
                tr("Districts sent: {} new, {} changed, {} reports moved.").format(
                    result.get("created", 0),
                    result.get("updated", 0),
                    result.get("reports_moved", 0),
                ),
                Qgis.MessageLevel.Success,
            )

        job.done.connect(done)
        self.upload_job = job
        QgsApplication.taskManager().addTask(job)
        return job
