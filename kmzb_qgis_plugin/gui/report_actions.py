"""The controller's actions on one report: find it on the map, fetch its details, history
and photos in the background, open an attachment (a part of gui/controller.py's
Controller)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsProject

from ..core import attachments, settings
from ..core.errors import KmzbError
from ..core.tasks import LOG_TAG
from ..i18n import tr

if TYPE_CHECKING:
    from .controller import Controller


class ReportActions:
    """Mixed into Controller: uses its connection, access and messages."""

    def selected_report_ids(self: Controller) -> list[int]:
        layer = self.reports_layer()
        return [int(f.id()) for f in layer.selectedFeatures()] if layer else []

    def reports_layer(self: Controller):
        for layer in QgsProject.instance().mapLayers().values():
            if (
                layer.customProperty("kmzb/layer") == "reports"
                and str(self.cache_path() or "") in layer.source()
            ):
                return layer
        return None

    def zoom_to_report(self: Controller, report_id: int) -> None:
        self.show_reports([report_id])

    def show_reports(self: Controller, report_ids: list[int]) -> None:
        """Select these reports on the map and zoom to them (not closer than 1:5000)."""
        layer = self.reports_layer()
        if layer is None:
            return
        layer.selectByIds(list(report_ids))
        canvas = self.iface.mapCanvas()
        canvas.zoomToSelected(layer)
        if canvas.scale() < 5000:
            canvas.zoomScale(5000)
        canvas.refresh()

    def load_details(self: Controller, report_id: int) -> None:
        """Fetch the report's detail and history in the background (offline: no details)."""
        conn = self.connection()
        access = self.access(conn, quiet=True) if conn else None  # offline: no details
        if access is None:
            return
        from ..core.tasks import StoreTask

        cache_path = settings.cache_path(conn)

        def work(client, cache, progress, is_cancelled):
            detail = client.report(report_id) or {}
            files = (detail.get("properties") or {}).get("attachment_files") or []
            try:
                photos = attachments.fetch_photos(client, cache_path, report_id, files)
            except (KmzbError, OSError) as exc:  # details without photos beat no details
                QgsMessageLog.logMessage(str(exc), LOG_TAG, Qgis.MessageLevel.Warning)
                photos = []
            return detail, client.history(report_id), photos

        job = StoreTask(tr("KMZB: report details"), access, cache_path, work)

        def done(result, error):
            self.detail_job = None
            if result:
                self.details_loaded.emit(report_id, result[0], result[1] or [], result[2])

        job.done.connect(done)
        self.detail_job = job
        QgsApplication.taskManager().addTask(job)

    def open_attachment(self: Controller, report_id: int | None, n, content_type: str = "") -> None:
        """Fetch an attachment next to the cache (once) and open it with the system viewer."""
        from qgis.PyQt.QtCore import QUrl
        from qgis.PyQt.QtGui import QDesktopServices

        conn = self.connection()
        access = self.access(conn) if conn else None
        if access is None or report_id is None or n is None:
            return
        try:
            client = access.client()
            try:
                path = attachments.fetch(
                    client, settings.cache_path(conn), report_id, int(n), content_type
                )
            finally:
                client.close()
        except KmzbError as exc:
            self.report(exc)
            return
        except OSError as exc:
            self.message(
                tr("Could not save the attachment: {}").format(exc), Qgis.MessageLevel.Warning
            )
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
