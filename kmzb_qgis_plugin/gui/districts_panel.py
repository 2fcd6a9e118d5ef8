"""The dock's Districts tab: my district, a chosen district or unit, clear the filter; the
load per district for a period (sortable table + choropleth layer); district files."""

from __future__ import annotations

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QDate, Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.summary_layer import status_names
from ..i18n import tr
from .district_actions import DistrictActions
from .summary_model import SummaryModel, sorted_model

FILE_FILTER = "GeoPackage, GeoJSON, Shapefile (*.gpkg *.geojson *.json *.shp)"


class DistrictsPanel(QWidget):
    """Widgets only; the work is in DistrictActions."""

    def __init__(self, controller, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.actions = DistrictActions(controller)
        self.loaded_layer = None
        self.summary_job = None
        layout = QVBoxLayout(self)

        show = QGroupBox(tr("Reports of"))
        form = QVBoxLayout(show)
        self.my_button = QPushButton(tr("My district"))
        form.addWidget(self.my_button)
        row = QHBoxLayout()
        self.chooser = QComboBox()
        self.chooser.setMinimumContentsLength(18)
        self.show_button = QPushButton(tr("Show"))
        row.addWidget(self.chooser, 1)
        row.addWidget(self.show_button)
        form.addLayout(row)
        self.clear_button = QPushButton(tr("Clear filter"))
        form.addWidget(self.clear_button)
        layout.addWidget(show)

        load = QGroupBox(tr("Load per district"))
        grid = QFormLayout(load)
        self.date_from = QDateEdit(QDate.currentDate().addDays(-30))
        self.date_to = QDateEdit(QDate.currentDate())
        period = QHBoxLayout()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            period.addWidget(edit)
        grid.addRow(tr("Submitted between"), period)
        self.unit = QComboBox()
        grid.addRow(tr("Unit"), self.unit)
        self.compute_button = QPushButton(tr("Count"))
        grid.addRow(self.compute_button)
        self.model = SummaryModel(self)
        self.table = QTableView()
        self.table.setModel(sorted_model(self.model, self))
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        grid.addRow(self.table)
        layout.addWidget(load, 1)

        files = QGroupBox(tr("District files"))
        row = QHBoxLayout(files)
        self.load_button = QPushButton(tr("Load from file…"))
        self.upload_button = QPushButton(tr("Send to the store"))
        self.upload_button.setEnabled(False)
        row.addWidget(self.load_button)
        row.addWidget(self.upload_button)
        layout.addWidget(files)
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)

        self.my_button.clicked.connect(self.actions.show_my_district)
        self.show_button.clicked.connect(self.show_chosen)
        self.clear_button.clicked.connect(self.actions.clear_filter)
        self.compute_button.clicked.connect(self.compute)
        self.table.doubleClicked.connect(self._row_chosen)
        self.load_button.clicked.connect(self.choose_file)
        self.upload_button.clicked.connect(self.upload)
        controller.state_changed.connect(self.refresh)
        QgsProject.instance().layerWillBeRemoved[str].connect(self._layer_removed)
        self.refresh()

    def refresh(self) -> None:
        """Fill the district and unit choices from the cache."""
        districts = self.actions.districts()
        units = sorted({(n or str(u), u) for _, _, u, n in districts if u is not None})
        self.my_button.setEnabled(bool(self.actions.my_districts()))
        choices = [(tr("Unit: {}").format(name), f"unit:{u}") for name, u in units]
        choices += [(name or str(fid), f"district:{fid}") for fid, name, _, _ in districts]
        _fill(self.chooser, choices)
        _fill(self.unit, [(tr("All"), None), *units])

    def show_chosen(self) -> None:
        chosen = self.chooser.currentData()
        if chosen is None:
            return
        kind, ident = chosen.split(":")
        if kind == "unit":
            self.actions.show_unit(int(ident))
        else:
            self.actions.show_districts([int(ident)])

    def compute(self) -> None:
        """Count in the background, then fill the table and add the choropleth layer."""
        since = self.date_from.date().toPyDate()
        until = self.date_to.date().toPyDate()
        self.summary_job = self.actions.summary_task(since, until, self.unit.currentData())
        if self.summary_job is None:
            return
        self.compute_button.setEnabled(False)
        title = tr("Load per district {} – {}").format(since, until)
        self.summary_job.done.connect(lambda result, error: self._counted(result, error, title))

    def _counted(self, summaries, error, title: str) -> None:
        self.summary_job = None
        self.compute_button.setEnabled(True)
        if error is not None:
            self.controller.report(error)
            return
        self.model.set_rows(summaries, status_names(self.controller.meta()))
        self.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)  # most overdue first
        self.actions.add_summary_layer(summaries, title)
        self.note.setText(
            tr("{} districts, {} reports.").format(
                sum(s.district_id is not None for s in summaries), sum(s.total for s in summaries)
            )
        )

    def _row_chosen(self, index) -> None:
        source = self.table.model().mapToSource(index)
        district_id = self.model.district_id(source.row())
        if district_id is not None:
            self.actions.show_districts([district_id])

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Districts from a file"), "", FILE_FILTER)
        if path:
            self.load(path)

    def load(self, path: str):
        loaded = self.actions.load_file(path)
        if loaded is not None:
            self.loaded_layer = loaded.layer
        self.upload_button.setEnabled(loaded is not None and self.actions.is_admin())
        return loaded

    def _layer_removed(self, layer_id: str) -> None:
        if self.loaded_layer is not None and self.loaded_layer.id() == layer_id:
            self.loaded_layer = None
            self.upload_button.setEnabled(False)

    def upload(self):
        if self.loaded_layer is not None:
            return self.actions.upload(self.loaded_layer)
        return None


def _fill(combo: QComboBox, items: list[tuple[str, object]]) -> None:
    """Replace a combo's items, keeping the current choice when it is still there."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))
    combo.blockSignals(False)
