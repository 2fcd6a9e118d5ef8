"""The load per district as a Qt table model; sorted through a QSortFilterProxyModel."""

from __future__ import annotations

from qgis.PyQt.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from ..core.district_summary import DistrictSummary
from ..i18n import tr

SORT_ROLE = Qt.ItemDataRole.UserRole


class SummaryModel(QAbstractTableModel):
    """One row per district: name, officer, totals, then one column per status."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[DistrictSummary] = []
        self.statuses: dict[str, str] = {}

    def set_rows(self, rows: list[DistrictSummary], statuses: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows, self.statuses = list(rows), dict(statuses)
        self.endResetModel()

    def columns(self) -> list[str]:
        fixed = [
            tr("District"),
            tr("District officer"),
            tr("Reports"),
            tr("To take up"),
            tr("To verify"),
            tr("Overdue"),
            tr("Confirmed by residents"),
        ]
        return fixed + list(self.statuses.values())

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns())

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns()[section]
        return None

    def value(self, row: DistrictSummary, column: int):
        fixed = (
            row.name,
            row.officer,
            row.total,
            row.to_take_up,
            row.to_verify,
            row.overdue,
            row.confirmed_share,
        )
        if column < len(fixed):
            return fixed[column]
        return row.by_status.get(list(self.statuses)[column - len(fixed)], 0)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        value = self.value(row, index.column())
        if role == SORT_ROLE:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value:.0%}" if isinstance(value, float) else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and not isinstance(value, str):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def district_id(self, row: int) -> int | None:
        return self.rows[row].district_id


def sorted_model(model: SummaryModel, parent=None) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    return proxy
