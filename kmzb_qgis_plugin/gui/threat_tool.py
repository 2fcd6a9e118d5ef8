"""Add a threat the police learned of (a public debate, a meeting, own observation, police
systems): click a point on the map, pick category and source, describe it, Save.

Categories and sources come from the store's catalogue (/meta, kept in the cache)."""

from __future__ import annotations

import uuid

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject
from qgis.gui import QgsMapTool
from qgis.PyQt.QtCore import QDateTime, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
)

from ..core.layers import language
from ..core.model import Meta
from ..i18n import tr

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
MAX_DESCRIPTION = 500  # the store's limit (docs/api.md)


class ThreatDialog(QDialog):
    """Category, source, description and an optional event time of one new threat."""

    def __init__(self, meta: Meta, lon: float, lat: float, parent=None) -> None:
        super().__init__(parent)
        self.lon, self.lat = lon, lat
        self.setWindowTitle(tr("New threat (police source)"))
        form = QFormLayout(self)
        place = QLabel(tr("Place: {:.5f}, {:.5f}").format(lat, lon))
        place.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(place)
        lang = language()
        self.category = QComboBox()
        for category in meta.categories:
            if category.active:
                self.category.addItem(category.name(lang), category.code)
        form.addRow(tr("Category"), self.category)
        self.source = QComboBox()
        for source in meta.sources:
            if source.police:
                self.source.addItem(source.name(lang), source.code)
        form.addRow(tr("Source"), self.source)
        self.description = QPlainTextEdit()  # plain text, never HTML
        self.description.setPlaceholderText(tr("What was said or seen (up to 500 characters)"))
        form.addRow(tr("Description"), self.description)
        self.has_time = QCheckBox(tr("Event time known"))
        self.event_time = QDateTimeEdit(QDateTime.currentDateTime())
        self.event_time.setCalendarPopup(True)
        self.event_time.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.event_time.setEnabled(False)
        self.has_time.toggled.connect(self.event_time.setEnabled)
        form.addRow(self.has_time, self.event_time)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #b00020")
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def fill(self, item: dict) -> None:
        """Show a threat sent before (refused by the store) for editing."""
        for combo, key in ((self.category, "category"), (self.source, "source")):
            combo.setCurrentIndex(max(combo.findData(item.get(key)), 0))
        self.description.setPlainText(item.get("description") or "")
        if item.get("event_date"):
            when = QDateTime.fromString(
                f"{item['event_date']} {item.get('event_time') or '00:00'}", "yyyy-MM-dd HH:mm"
            )
            self.has_time.setChecked(when.isValid())
            if when.isValid():
                self.event_time.setDateTime(when)

    def item(self) -> dict:
        """The threat as POST /reports takes it, with a new op_id."""
        item = {
            "op_id": str(uuid.uuid4()),
            "category": self.category.currentData(),
            "source": self.source.currentData(),
            "lon": round(self.lon, 7),
            "lat": round(self.lat, 7),
        }
        text = self.description.toPlainText().strip()
        if text:
            item["description"] = text
        if self.has_time.isChecked():
            when = self.event_time.dateTime()
            item["event_date"] = when.toString("yyyy-MM-dd")
            item["event_time"] = when.toString("HH:mm")
        return item

    def check(self) -> str:
        """Why the dialog cannot be saved as it is, or ''."""
        if self.source.count() == 0:
            return tr("The store offers no police sources; update the store.")
        if len(self.description.toPlainText().strip()) > MAX_DESCRIPTION:
            return tr("The description may have at most {} characters.").format(MAX_DESCRIPTION)
        if self.has_time.isChecked() and self.event_time.dateTime() > QDateTime.currentDateTime():
            return tr("The event time must not be in the future.")
        return ""

    def accept(self) -> None:
        problem = self.check()
        self.problem.setText(problem)
        if not problem:
            super().accept()


class ThreatTool(QgsMapTool):
    """Click a point: the dialog; Save: the threat to the cache and the outbox."""

    added = pyqtSignal(int)  # the threat's local id

    def __init__(self, canvas, controller) -> None:
        super().__init__(canvas)
        self.controller = controller

    def canvasReleaseEvent(self, event) -> None:
        self.add_at(self.toMapCoordinates(event.pos()))

    def add_at(self, point, dialog_exec=None) -> int | None:
        """Open the dialog for a point in the canvas CRS; the local id when saved."""
        meta = self.controller.meta()
        if meta is None:
            self.controller.message(tr("Pull reports first."))
            return None
        transform = QgsCoordinateTransform(
            self.canvas().mapSettings().destinationCrs(), WGS84, QgsProject.instance()
        )
        lonlat = transform.transform(point)
        dialog = ThreatDialog(meta, lonlat.x(), lonlat.y(), self.canvas().window())
        if (dialog_exec or QDialog.exec)(dialog) != QDialog.DialogCode.Accepted:
            return None
        local_id = self.controller.add_threat(dialog.item())
        if local_id is not None:
            self.added.emit(local_id)
        return local_id
