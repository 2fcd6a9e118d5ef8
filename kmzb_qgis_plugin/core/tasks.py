"""Background work as QgsTasks: progress, cancel, results handed to the main thread."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from qgis.core import QgsMessageLog, QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from ..i18n import tr
from .api_client import StoreClient
from .cache import Cache
from .errors import Cancelled, KmzbError
from .push import push
from .qgis_network import StoreAccess
from .sync import pull

LOG_TAG = "KMZB"

# work(client, cache, progress, is_cancelled) -> result
Work = Callable[[StoreClient, Cache, Callable[[float], None], Callable[[], bool]], Any]


class CacheTask(QgsTask):
    """Runs work(cache, progress, is_cancelled) on its own cache connection, off the main
    thread (e.g. the load per district over a million cached reports).

    Never touches project layers in run(); ``done`` fires on the main thread with
    (result, None) or (None, KmzbError).
    """

    done = pyqtSignal(object, object)

    def __init__(self, description: str, cache_path: Path, work: Callable) -> None:
        super().__init__(description, QgsTask.Flag.CanCancel)
        self.cache_path = cache_path
        self.work = work
        self.result: Any = None
        self.error: KmzbError | None = None

    def call(self, cache: Cache) -> Any:
        return self.work(cache, self.setProgress, self.isCanceled)

    def cleanup(self) -> None:
        """After run(), whatever happened."""

    def run(self) -> bool:
        cache = None
        try:
            cache = Cache(self.cache_path)
            self.result = self.call(cache)
            return True
        except KmzbError as exc:
            self.error = exc
        except Exception:  # a bug must reach the log, not the user as a traceback
            self.error = KmzbError(
                tr("{} failed unexpectedly; details are in the log.").format(self.description()),
                traceback.format_exc(),
            )
        finally:
            if cache is not None:
                cache.close()
            self.cleanup()
        return False

    def finished(self, ok: bool) -> None:  # main thread
        if self.error is None and not ok:
            self.error = Cancelled(tr("Cancelled; the next run resumes from here."))
        if self.error is not None and self.error.detail:
            QgsMessageLog.logMessage(f"{self.error.message}\n{self.error.detail}", LOG_TAG)
        self.done.emit(self.result, self.error)


class StoreTask(CacheTask):
    """Runs one unit of store work on its own client and cache connection.

    work(client, cache, progress, is_cancelled); cancel() aborts the request in flight.
    """

    def __init__(self, description: str, access: StoreAccess, cache_path: Path, work: Work) -> None:
        super().__init__(description, cache_path, work)
        self.access = access
        self.client: StoreClient | None = None

    def run(self) -> bool:
        self.client = self.access.client()
        return super().run()

    def call(self, cache: Cache) -> Any:
        return self.work(self.client, cache, self.setProgress, self.isCanceled)

    def cleanup(self) -> None:
        if self.client is not None:
            self.client.close()

    def cancel(self) -> None:
        if self.client is not None:
            self.client.cancel()
        super().cancel()


def pull_task(access: StoreAccess, cache_path: Path, filters: dict[str, str]) -> StoreTask:
    def work(client, cache, progress, is_cancelled):
        return pull(client, cache, filters, progress=progress, is_cancelled=is_cancelled)

    return StoreTask(tr("KMZB: pulling reports"), access, cache_path, work)


def push_task(access: StoreAccess, cache_path: Path) -> StoreTask:
    def work(client, cache, progress, is_cancelled):
        return push(client, cache, progress=progress, is_cancelled=is_cancelled)

    return StoreTask(tr("KMZB: sending verifications"), access, cache_path, work)
