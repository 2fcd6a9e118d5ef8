"""Background sync: while QGIS is open and a connection is set, pull the store's changes
every few minutes (settings.sync_interval_s) in the usual pull task, skip while a pull or
push runs, back off when the store is down (one message, then quiet retries at growing
intervals) and send the waiting changes when it answers again."""

from __future__ import annotations

from qgis.core import Qgis, QgsMessageLog
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from ..core import settings
from ..core.background import SyncSchedule
from ..core.errors import Cancelled
from ..core.tasks import LOG_TAG
from ..i18n import tr


class BackgroundSync(QObject):
    ran = pyqtSignal(object)  # after each background pull: None or the KmzbError

    def __init__(self, controller) -> None:
        super().__init__(controller)
        self.controller = controller
        self.schedule = SyncSchedule(settings.sync_interval_s())
        self.running = False  # a pull this object started is in flight
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.tick)
        controller.pull_finished.connect(self._pull_finished)

    def apply_settings(self) -> None:
        """(Re)start or stop the timer as the settings say."""
        self.schedule.interval = settings.sync_interval_s()
        if settings.sync_enabled():
            self._arm()
        else:
            self.timer.stop()

    def stop(self) -> None:
        self.timer.stop()
        self.controller.pull_finished.disconnect(self._pull_finished)

    def _arm(self) -> None:
        self.timer.start(max(100, int(self.schedule.delay * 1000)))

    def tick(self) -> None:
        """Start an incremental pull with the last pull's filters, unless one runs."""
        controller = self.controller
        path = controller.cache_path()
        busy = controller.task is not None or controller.push_job is not None
        if not settings.sync_enabled():
            return
        if busy or path is None or not path.exists():  # nothing pulled yet: the user starts
            self._arm()
            return
        if controller.pull(controller.last_filters(), quiet=True) is None:
            self._arm()
            return
        self.running = True

    def _pull_finished(self, result, error) -> None:
        if not self.running:  # the user's own pull: the next background one waits a while
            if error is None and settings.sync_enabled():
                self.schedule.succeeded()
                self._arm()
            return
        self.running = False
        if error is None:
            if self.schedule.succeeded():
                self.controller.message(
                    tr("The store answers again; waiting changes are being sent."),
                    Qgis.MessageLevel.Info,
                )
            if self.controller.pending_count():
                self.controller.push(quiet=True)
        elif not isinstance(error, Cancelled):
            if self.schedule.failed():
                self.controller.message(
                    tr("The store does not answer ({}); KMZB keeps trying quietly.").format(
                        error.message
                    ),
                    Qgis.MessageLevel.Warning,
                )
            else:
                QgsMessageLog.logMessage(
                    f"background pull failed ({self.schedule.failures} in a row): "
                    f"{error.message}; next try in {self.schedule.delay:.0f} s",
                    LOG_TAG,
                    Qgis.MessageLevel.Info,
                )
        if settings.sync_enabled():
            self._arm()
        self.ran.emit(error)
