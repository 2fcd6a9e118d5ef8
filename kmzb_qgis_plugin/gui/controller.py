"""Connects the pieces for the GUI: settings -> StoreAccess -> tasks -> layers -> messages.

The actions on the outbox and on one report live in outbox_actions.py and
report_actions.py, mixed in here."""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsProject
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import QPushButton

from ..core import settings
from ..core.cache import Cache
from ..core.errors import AuthExpired, Cancelled, KmzbError
from ..core.layer_edits import EditGate
from ..core.layers import add_to_project
from ..core.model import Meta
from ..core.qgis_network import StoreAccess, store_access
from ..core.session import Session, session
from ..core.tasks import LOG_TAG, StoreTask, pull_task
from ..i18n import tr
from .outbox_actions import OutboxActions
from .report_actions import ReportActions


def reads_one_cache(method):
    """A panel's method whose cache reads all share one connection (``panel.controller``)."""

    @functools.wraps(method)
    def run(panel, *args, **kwargs):
        with panel.controller.one_cache():
            return method(panel, *args, **kwargs)

    return run


class Controller(OutboxActions, ReportActions, QObject):
    """The plugin's actions as methods, shared by the menu, the toolbar and the dock."""

    pull_started = pyqtSignal(object)  # the StoreTask
    pull_finished = pyqtSignal(object, object)  # PullResult | None, KmzbError | None
    state_changed = pyqtSignal()
    details_loaded = pyqtSignal(int, dict, list, list)  # id, detail, history, photo paths

    def __init__(self, iface) -> None:
        super().__init__()
        self.iface = iface
        self.task: StoreTask | None = None
        self.quiet_pull = False  # the running pull is the background sync's
        self.push_job: StoreTask | None = None
        self.detail_job: StoreTask | None = None
        self.gates: dict[str, EditGate] = {}  # reports layer id -> its edit gate
        self._open_cache: Cache | None = None  # while one_cache() runs
        project = QgsProject.instance()
        project.layersAdded.connect(self.watch_layers)
        project.layersWillBeRemoved.connect(self.forget_layers)
        self.watch_layers(project.mapLayers().values())
        from .background_sync import BackgroundSync
        from .notifier import Notifier

        self.notifier = Notifier(self)
        self.sync = BackgroundSync(self)
        self.sync.apply_settings()

    def close(self) -> None:
        """Undo what __init__ connected (on plugin unload); tasks still running finish
        without touching the project, the panels or the message bar."""
        self.sync.stop()
        self.notifier.stop()
        for job in (self.task, self.push_job, self.detail_job):
            if job is not None:
                job.done.disconnect()
                job.cancel()
        self.task = self.push_job = self.detail_job = None
        project = QgsProject.instance()
        project.layersAdded.disconnect(self.watch_layers)
        project.layersWillBeRemoved.disconnect(self.forget_layers)
        for gate in self.gates.values():
            gate.detach()
        self.gates.clear()

    # --- edits through QGIS's own attribute form and table -------------------------------
    def watch_layers(self, layers) -> None:
        for layer in layers:
            if layer.customProperty("kmzb/layer") == "reports" and layer.id() not in self.gates:
                self.gates[layer.id()] = EditGate(layer, self._edits_saved)

    def forget_layers(self, layer_ids) -> None:
        for layer_id in layer_ids:
            gate = self.gates.pop(layer_id, None)
            if gate is not None:
                gate.detach()

    def _edits_saved(self, saved: list[int], messages: list[str]) -> None:
        if messages:
            self.message("\n".join(messages), Qgis.MessageLevel.Warning)
        if saved:
            QTimer.singleShot(0, lambda: self._queued(len(saved)))  # after QGIS's commit

    # --- connection ----------------------------------------------------------------------
    def connection(self) -> settings.Connection | None:
        return settings.find_connection()

    def access(self, conn: settings.Connection, quiet: bool = False) -> StoreAccess | None:
        """Token, proxy and CAs for ``conn``; None (said in the message bar unless quiet)
        when the credentials cannot be read."""
        try:
            return store_access(conn)
        except KmzbError as exc:
            if not quiet:
                self.report(exc)
            return None

    def cache_path(self) -> Path | None:
        conn = self.connection()
        return settings.cache_path(conn) if conn else None

    def cache_summary(self) -> dict:
        """Counts for the dock: cached reports, pending changes, last cursor."""
        return self._with_cache(
            lambda cache: {
                "reports": cache.report_count(),
                "pending": cache.pending_count(),
                "cursor": cache.cursor,
            },
            {},
        )

    # --- pull ----------------------------------------------------------------------------
    def last_filters(self) -> dict[str, str]:
        """The filters of the last pull (a background pull keeps them: incremental)."""
        raw = self._with_cache(lambda c: c.get_state("filters"))
        return json.loads(raw) if raw else {}

    def pull(self, filters: dict[str, str] | None = None, quiet: bool = False) -> StoreTask | None:
        """Start a pull; ``quiet`` (the background sync): no messages but real news."""
        conn = self.connection()
        if conn is None:
            if not quiet:
                self.message(
                    tr("Add a connection to a KMZB store first."), Qgis.MessageLevel.Warning
                )
            return None
        if self.task is not None:
            if not quiet:
                self.message(tr("A pull is already running."), Qgis.MessageLevel.Info)
            return None
        access = self.access(conn, quiet)
        if access is None:
            return None
        self.quiet_pull = quiet
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
        quiet, self.quiet_pull = self.quiet_pull, False
        if not quiet or (result is not None and (result.upserted or result.deleted)):
            self.show_layers()
        if not quiet:  # the background sync speaks for itself
            self._say_pulled(result, error)
        self.pull_finished.emit(result, error)
        self.state_changed.emit()

    def _say_pulled(self, result, error) -> None:
        if error is not None:
            self.report(error)
            return
        self.message(
            tr("Pulled {} reports ({} removed).").format(result.upserted, result.deleted),
            Qgis.MessageLevel.Success,
        )
        if result.skipped:
            self.message(
                tr("{} reports with broken data were skipped; see the log.").format(result.skipped),
                Qgis.MessageLevel.Warning,
            )

    def show_layers(self) -> tuple:
        """Add or reload the active connection's layers in the project."""
        conn, meta = self.connection(), self.meta()
        if conn is None or meta is None:
            return ()
        return add_to_project(
            QgsProject.instance(), settings.cache_path(conn), meta, f"KMZB — {conn.name}"
        )

    # --- verification ------------------------------------------------------------------
    def _with_cache(self, fn, default=None):
        """Run fn(cache) on the active connection's cache; errors go to the message bar.
        Inside ``one_cache()`` every call shares the one connection opened there."""
        if self._open_cache is not None:
            try:
                return fn(self._open_cache)
            except KmzbError as exc:
                self.report(exc)
                return default
        path = self.cache_path()
        if not path or not path.exists():
            return default
        try:
            cache = Cache(path)
            try:
                return fn(cache)
            finally:
                cache.close()
        except KmzbError as exc:
            self.report(exc)
            return default

    with_cache = _with_cache  # for the other panels' actions

    @contextmanager
    def one_cache(self) -> Iterator[None]:
        """Open the cache once for every read inside (e.g. one refresh of a panel)."""
        path = self.cache_path()
        if self._open_cache is not None or not path or not path.exists():
            yield
            return
        try:
            cache = Cache(path)
        except KmzbError as exc:
            self.report(exc)
            yield
            return
        self._open_cache = cache
        try:
            yield
        finally:
            self._open_cache = None
            cache.close()

    def session(self) -> Session:
        """The store's catalogue and the user as the last pull left them in the cache."""
        return self._with_cache(session, Session(None, {}))

    def meta(self) -> Meta | None:
        return self.session().meta

    def me(self) -> Mapping[str, Any]:
        return self.session().me

    def work_queue(self, district: int | None = None) -> tuple[list[dict], dict, list[dict]]:
        """The open reports by urgency (the officer's own, or of one chosen district), the
        counts above the queue, and the same counts per district (a kierownik's view)."""
        now = self.session()
        meta = now.meta
        if meta is None:
            return [], {}, []
        districts = now.own_districts
        shown = [district] if district is not None else districts

        def read(cache):
            per_district = cache.queue_counts(meta, districts)
            totals = {
                k: sum(
                    d[k] or 0 for d in per_district if shown is None or d["district_id"] in shown
                )
                for k in ("to_take_up", "to_verify", "overdue")
            }
            return cache.work_queue(meta, shown), totals, per_district

        return self._with_cache(read, ([], {}, []))

    def pending_count(self) -> int:
        return self._with_cache(lambda c: c.pending_count(), 0)

    def cached_report(self, report_id: int) -> dict | None:
        return self._with_cache(lambda c: c.report(report_id))

    def save(self, report_ids: list[int], status: str | None, note: str) -> bool:
        """Validate and queue a change (bulk: the same for every id); then try to send."""
        from ..core.verify import save_changes

        meta = self.meta()
        if meta is None:
            self.message(tr("Pull reports first."), Qgis.MessageLevel.Warning)
            return False
        saved = self._with_cache(lambda c: save_changes(c, meta, report_ids, status, note))
        if not saved:
            return False
        self._queued(len(saved))
        return True

    def add_threat(self, item: dict) -> int | None:
        """A police-sourced threat into the cache and the outbox (one transaction), then
        sent; its local id (None when the cache refused it)."""
        local_id = self._with_cache(lambda c: c.record_new_threat(item))
        if local_id is not None:
            self._queued(1)
        return local_id

    def _queued(self, count: int) -> None:
        """Changes were saved to the cache and the outbox: show them, try to send them."""
        self.message(tr("Saved {} change(s); sending…").format(count), Qgis.MessageLevel.Info)
        self._changed()
        self.push(quiet=True)

    def _changed(self) -> None:
        layer = self.reports_layer()
        if layer is not None:
            layer.reload()
            layer.triggerRepaint()
        self.state_changed.emit()

    def push(self, quiet: bool = False) -> StoreTask | None:
        from ..core.tasks import push_task

        conn = self.connection()
        if conn is None or self.push_job is not None:
            return None
        access = self.access(conn)
        if access is None:
            return None
        self.push_job = push_task(access, settings.cache_path(conn))

        def done(result, error):
            self.push_job = None
            if error is None:
                text = tr("Sent: {} applied, {} conflicts, {} refused.").format(
                    result.applied, result.conflicts, result.rejected
                )
                bad = result.conflicts or result.rejected
                if bad or not quiet or result.applied:
                    self.message(
                        text, Qgis.MessageLevel.Warning if bad else Qgis.MessageLevel.Success
                    )
            elif error.transient:
                self.message(
                    tr("The store is not reachable; your changes wait and will be sent later."),
                    Qgis.MessageLevel.Warning,
                )
            else:
                self.report(error)
            self._changed()

        self.push_job.done.connect(done)
        QgsApplication.taskManager().addTask(self.push_job)
        return self.push_job

    # --- messages ------------------------------------------------------------------------
    def message(self, text: str, level=Qgis.MessageLevel.Info) -> None:
        """Plain text in the message bar (which would render HTML: names come from files
        and the store)."""
        self.iface.messageBar().pushMessage("KMZB", html.escape(text, quote=False), level, 8)
        QgsMessageLog.logMessage(text, LOG_TAG, level)

    def report(self, error: KmzbError) -> None:
        """A failure as a person should see it: message bar + details in the log."""
        QgsMessageLog.logMessage(
            f"{error.message}\n{error.detail}".strip(), LOG_TAG, Qgis.MessageLevel.Warning
        )
        level = (
            Qgis.MessageLevel.Info if isinstance(error, Cancelled) else Qgis.MessageLevel.Critical
        )
        bar = self.iface.messageBar()
        widget = bar.createMessage("KMZB", html.escape(error.message, quote=False))
        if isinstance(error, AuthExpired):
            button = QPushButton(tr("Enter credentials…"))
            button.clicked.connect(self.edit_connections)
            widget.layout().addWidget(button)
        bar.pushWidget(widget, level, 0 if level == Qgis.MessageLevel.Critical else 8)

    def edit_connections(self) -> None:
        from .connection_dialog import ConnectionsDialog

        ConnectionsDialog(self.iface.mainWindow()).exec()
        self.state_changed.emit()
