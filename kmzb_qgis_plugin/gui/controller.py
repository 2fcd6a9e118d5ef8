"""Connects the pieces for the GUI: settings -> StoreAccess -> tasks -> layers -> messages."""

from __future__ import annotations

import json
from pathlib import Path

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsProject
from qgis.PyQt.QtCore import QObject, pyqtSignal
from qgis.PyQt.QtWidgets import QPushButton

from ..core import settings
from ..core.cache import Cache
from ..core.errors import AuthExpired, Cancelled, KmzbError
from ..core.layers import add_to_project
from ..core.model import Meta
from ..core.qgis_network import store_access
from ..core.tasks import LOG_TAG, StoreTask, pull_task
from ..i18n import tr


class Controller(QObject):
    """The plugin's actions as methods, shared by the menu, the toolbar and the dock."""

    pull_started = pyqtSignal(object)  # the StoreTask
    pull_finished = pyqtSignal(object, object)  # PullResult | None, KmzbError | None
    state_changed = pyqtSignal()

    def __init__(self, iface) -> None:
        super().__init__()
        self.iface = iface
        self.task: StoreTask | None = None

    # --- connection ----------------------------------------------------------------------
    def connection(self) -> settings.Connection | None:
        name = settings.active_connection_name()
        known = {c.name: c for c in settings.connections()}
        return known.get(name) or next(iter(known.values()), None)

    def cache_path(self) -> Path | None:
        conn = self.connection()
        return settings.cache_path(conn) if conn else None

    def cache_summary(self) -> dict:
        """Counts for the dock: cached reports, pending changes, last cursor."""
        path = self.cache_path()
        if not path or not path.exists():
            return {}
        try:
            cache = Cache(path)
            try:
                return {
                    "reports": cache.report_count(),
                    "pending": cache.pending_count(),
                    "cursor": cache.cursor,
                    "last_pull": cache.get_state("last_pull"),
                }
            finally:
                cache.close()
        except KmzbError as exc:
            self.report(exc)
            return {}

    # --- pull ----------------------------------------------------------------------------
    def pull(self, filters: dict[str, str] | None = None) -> StoreTask | None:
        conn = self.connection()
        if conn is None:
            self.message(tr("Add a connection to a KMZB store first."), Qgis.Warning)
            return None
        if self.task is not None:
            self.message(tr("A pull is already running."), Qgis.Info)
            return None
        try:
            access = store_access(conn)
        except KmzbError as exc:
            self.report(exc)
            return None
        self.task = pull_task(access, settings.cache_path(conn), filters or {})
        self.task.done.connect(self._pull_done)
        QgsApplication.taskManager().addTask(self.task)
        self.pull_started.emit(self.task)
        return self.task

    def cancel_pull(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _pull_done(self, result, error) -> None:
        self.task = None
        conn = self.connection()
        path = settings.cache_path(conn) if conn else None
        if path and path.exists():
            self.show_layers(path, conn.name)
        if error is None:
            self.message(
                tr("Pulled {} reports ({} removed).").format(result.upserted, result.deleted),
                Qgis.Success,
            )
            if result.skipped:
                self.message(
                    tr("{} reports with broken data were skipped; see the log.").format(
                        result.skipped
                    ),
                    Qgis.Warning,
                )
        else:
            self.report(error)
        self.pull_finished.emit(result, error)
        self.state_changed.emit()

    def show_layers(self, path: Path, name: str) -> tuple:
        cache = Cache(path)
        try:
            meta_json = cache.get_state("meta")
        finally:
            cache.close()
        if not meta_json:
            return ()
        meta = Meta.from_json(json.loads(meta_json))
        return add_to_project(QgsProject.instance(), path, meta, f"KMZB — {name}")

    # --- messages ------------------------------------------------------------------------
    def message(self, text: str, level=Qgis.Info) -> None:
        self.iface.messageBar().pushMessage("KMZB", text, level, 8)
        QgsMessageLog.logMessage(text, LOG_TAG, level)

    def report(self, error: KmzbError) -> None:
        """A failure as a person should see it: message bar + details in the log."""
        QgsMessageLog.logMessage(f"{error.message}\n{error.detail}".strip(), LOG_TAG, Qgis.Warning)
        level = Qgis.Info if isinstance(error, Cancelled) else Qgis.Critical
        bar = self.iface.messageBar()
        widget = bar.createMessage("KMZB", error.message)
        if isinstance(error, AuthExpired):
            button = QPushButton(tr("Enter credentials…"))
            button.clicked.connect(self.edit_connections)
            widget.layout().addWidget(button)
        bar.pushWidget(widget, level, 0 if level == Qgis.Critical else 8)

    def edit_connections(self) -> None:
        from .connection_dialog import ConnectionsDialog

        ConnectionsDialog(self.iface.mainWindow()).exec_()
        self.state_changed.emit()
