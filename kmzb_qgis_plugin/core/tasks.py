"""Background work as QgsTasks: progress, cancel, results handed to the main thread."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsMessageLog, QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from ..i18n import tr
from .api_client import StoreClient
from .cache import Cache
from .errors import Cancelled, KmzbError
from .qgis_network import StoreAccess
from .sync import PullResult, pull

LOG_TAG = "KMZB"


class PullTask(QgsTask):
    """Pull the changes feed into the cache. Never touches project layers in run()."""

    done = pyqtSignal(object, object)  # PullResult | None, KmzbError | None

    def __init__(
        self,
        access: StoreAccess,
        cache_path: Path,
        filters: dict[str, str],
        description: str | None = None,
    ) -> None:
        super().__init__(description or tr("KMZB: pulling reports"), QgsTask.CanCancel)
        self.access = access
        self.cache_path = cache_path
        self.filters = filters
        self.client: StoreClient | None = None
        self.result: PullResult | None = None
        self.error: KmzbError | None = None

    def run(self) -> bool:
        self.client = self.access.client()
        cache = None
        try:
            cache = Cache(self.cache_path)
            self.result = pull(
                self.client,
                cache,
                self.filters,
                progress=self.setProgress,
                is_cancelled=self.isCanceled,
            )
            return True
        except KmzbError as exc:
            self.error = exc
        except Exception as exc:
            import traceback

            self.error = KmzbError(
                tr("Pull failed unexpectedly; details are in the log."), traceback.format_exc()
            )
            del exc
        finally:
            if cache is not None:
                cache.close()
        return False

    def cancel(self) -> None:
        if self.client is not None:
            self.client.cancel()
        super().cancel()

    def finished(self, ok: bool) -> None:  # main thread
        if self.error is None and not ok:
            self.error = Cancelled(tr("Pull cancelled; the next pull resumes from here."))
        if self.error is not None and self.error.detail:
            QgsMessageLog.logMessage(f"{self.error.message}\n{self.error.detail}", LOG_TAG)
        self.done.emit(self.result, self.error)
