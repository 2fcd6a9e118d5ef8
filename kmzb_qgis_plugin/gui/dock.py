"""The KMZB dock: connection, filters, pull with progress and cancel, cache state."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProject,
)
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QDate, Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core import settings
from ..core.layers import language
from ..i18n import tr
from .controller import Controller
from .districts_panel import DistrictsPanel
from .verify_panel import VerifyPanel

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


class KmzbDock(QgsDockWidget):
    def __init__(self, iface, controller: Controller, parent=None) -> None:
        super().__init__(tr("KMZB"), parent)
        self.setObjectName("KmzbDock")
        self.iface = iface
        self.controller = controller
        body = QWidget()
        layout = QVBoxLayout(body)
        self.tabs = QTabWidget()

        row = QHBoxLayout()
        self.connection = QComboBox()
        manage = QToolButton()
        manage.setText("…")
        manage.setToolTip(tr("Manage connections"))
        row.addWidget(QLabel(tr("Store")))
        row.addWidget(self.connection, 1)
        row.addWidget(manage)
        layout.addLayout(row)

        filters = QGroupBox(tr("What to pull"))
        form = QFormLayout(filters)
        self.extent = QCheckBox(tr("Only the current map extent"))
        self.status = QComboBox()
        self.category = QComboBox()
        self.source = QComboBox()
        self.use_period = QCheckBox(tr("Submitted between"))
        self.date_from = QDateEdit(QDate.currentDate().addDays(-30))
        self.date_to = QDateEdit(QDate.currentDate())
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        period = QHBoxLayout()
        period.addWidget(self.date_from)
        period.addWidget(QLabel("–"))
        period.addWidget(self.date_to)
        form.addRow(self.extent)
        form.addRow(tr("Status"), self.status)
        form.addRow(tr("Category"), self.category)
        form.addRow(tr("Source"), self.source)
        form.addRow(self.use_period, period)
        layout.addWidget(filters)

        row = QHBoxLayout()
        self.pull_button = QPushButton(tr("Pull reports"))
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setEnabled(False)
        row.addWidget(self.pull_button, 1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        row = QHBoxLayout()  # background sync: on by default, every 5 min
        self.auto_sync = QCheckBox(tr("Check for new reports every"))
        self.auto_sync.setChecked(settings.sync_enabled())
        self.sync_minutes = QSpinBox()
        self.sync_minutes.setRange(1, 240)
        self.sync_minutes.setSuffix(tr(" min"))
        self.sync_minutes.setValue(max(1, round(settings.sync_interval_s() / 60)))
        row.addWidget(self.auto_sync)
        row.addWidget(self.sync_minutes)
        row.addStretch(1)
        layout.addLayout(row)
        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setWordWrap(True)
        self.pending = QLabel()
        self.pending.setTextFormat(Qt.TextFormat.PlainText)
        self.pending.setStyleSheet("color: #b00020; font-weight: bold")
        layout.addWidget(self.info)
        layout.addWidget(self.pending)
        layout.addStretch(1)
        self.tabs.addTab(body, tr("Pull"))
        self.verify = VerifyPanel(controller)
        self.verify.report_chosen.connect(controller.zoom_to_report)
        self.tabs.addTab(self.verify, tr("Verify"))
        self.districts = DistrictsPanel(controller)
        self.tabs.addTab(self.districts, tr("Districts"))
        self.setWidget(self.tabs)

        manage.clicked.connect(controller.edit_connections)
        self.connection.currentTextChanged.connect(self._connection_chosen)
        self.pull_button.clicked.connect(self.pull)
        self.cancel_button.clicked.connect(controller.cancel_pull)
        controller.notifier.badge_changed.connect(self._badge)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.auto_sync.toggled.connect(self._sync_settings_changed)
        self.sync_minutes.valueChanged.connect(self._sync_settings_changed)
        controller.pull_started.connect(self._started)
        controller.pull_finished.connect(self._finished)
        controller.state_changed.connect(self.refresh)
        self.refresh()

    # --- state -------------------------------------------------------------------------
    def refresh(self) -> None:
        names = [c.name for c in settings.connections()]
        current = self.controller.connection()
        self.connection.blockSignals(True)
        self.connection.clear()
        self.connection.addItems(names)
        if current:
            self.connection.setCurrentText(current.name)
        self.connection.blockSignals(False)
        self._fill_filters()
        summary = self.controller.cache_summary()
        if not current:
            self.info.setText(tr("No connection yet: add one with “…”."))
        elif not summary:
            self.info.setText(tr("Nothing pulled yet from “{}”.").format(current.name))
        else:
            self.info.setText(
                tr("{} reports in the local cache (revision {}).").format(
                    summary["reports"], summary["cursor"]
                )
            )
        waiting = summary.get("pending", 0)
        self.pending.setText(tr("{} changes waiting to be sent").format(waiting) if waiting else "")
        self.pending.setVisible(bool(waiting))

    def _fill_filters(self) -> None:
        meta = self.controller.meta()
        lang = language()
        for combo, items in (
            (self.status, meta.statuses if meta else ()),
            (self.category, meta.categories if meta else ()),
            (self.source, meta.sources if meta else ()),
        ):
            chosen = combo.currentData()
            combo.clear()
            combo.addItem(tr("All"), "")
            for item in items:
                combo.addItem(item.name(lang), item.code)
            index = combo.findData(chosen)
            combo.setCurrentIndex(max(index, 0))

    def _connection_chosen(self, name: str) -> None:
        if name:
            settings.set_active_connection(name)
            self.refresh()

    def _badge(self, count: int) -> None:
        """The Verify tab shows how many reports the last notes told of."""
        index = self.tabs.indexOf(self.verify)
        self.tabs.setTabText(index, tr("Verify ({})").format(count) if count else tr("Verify"))

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.verify:
            self.controller.notifier.clear()

    def _sync_settings_changed(self, *_args) -> None:
        settings.set_sync_enabled(self.auto_sync.isChecked())
        settings.set_sync_interval_s(self.sync_minutes.value() * 60)
        self.sync_minutes.setEnabled(self.auto_sync.isChecked())
        self.controller.sync.apply_settings()

    # --- pull --------------------------------------------------------------------------
    def filters(self) -> dict[str, str]:
        """The dock's choices as the store's feed filters."""
        result: dict[str, str] = {}
        if self.extent.isChecked():
            canvas = self.iface.mapCanvas()
            transform = QgsCoordinateTransform(
                canvas.mapSettings().destinationCrs(), WGS84, QgsProject.instance()
            )
            box = transform.transformBoundingBox(canvas.extent())
            result["bbox"] = ",".join(
                f"{v:.6f}" for v in (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum())
            )
        if self.status.currentData():
            result["status"] = self.status.currentData()
        if self.category.currentData():
            result["category"] = self.category.currentData()
        if self.source.currentData():
            result["source"] = self.source.currentData()
        if self.use_period.isChecked():
            result["submitted_from"] = self.date_from.date().toString("yyyy-MM-dd")
            result["submitted_to"] = self.date_to.date().toString("yyyy-MM-dd")
        return result

    def pull(self) -> None:
        self.controller.pull(self.filters())

    def open_report(self, report_id: int) -> None:
        """Show a report in the verification tab (from the map tool or the queue)."""
        self.show()
        self.tabs.setCurrentWidget(self.verify)
        self.verify.show_report(report_id)

    def _started(self, task) -> None:
        self.pull_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        task.progressChanged.connect(lambda value: self.progress.setValue(int(value)))

    def _finished(self, result, error) -> None:
        self.pull_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setVisible(False)
