"""The dzielnicowy's daily work: work queue, a report's details, outcome + note -> save.

Click a report on the map (or double-click it in the queue), click an outcome, type a note,
Save: three clicks and a note. Saved changes wait in the outbox until the store confirms.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QSize, Qt, pyqtSignal
from qgis.PyQt.QtGui import QIcon, QPixmap
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.deadlines import due_at, say_deadline
from ..core.layers import language
from ..core.model import parse_time
from ..i18n import tr
from .controller import reads_one_cache


def _item(text, sort_key=None) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if sort_key is not None:
        item.setData(Qt.ItemDataRole.UserRole, sort_key)
    return item


def _local_time(value: str | None) -> str:
    """A stored UTC time as the officer's clock shows it."""
    when = parse_time(value)
    return when.astimezone().strftime("%Y-%m-%d %H:%M") if when else ""


THREAT = Qt.ItemDataRole.UserRole + 1  # a problems item about a refused new threat


def _count(value) -> QTableWidgetItem:
    """A number cell that sorts as a number."""
    item = _item(None)
    item.setData(Qt.ItemDataRole.DisplayRole, int(value or 0))
    return item


def _table(headers: list[str]) -> QTableWidget:
    """A table of whole rows without row numbers."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    return table


class VerifyPanel(QWidget):
    """Widgets only; every action goes through the controller."""

    report_chosen = pyqtSignal(int)  # zoom and show

    def __init__(self, controller, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.report_id: int | None = None
        self.district: int | None = None  # a kierownik's chosen district, None: all
        self.refused: dict = {}  # op_id -> NewThreat the store refused
        layout = QVBoxLayout(self)

        self.districts = _table(  # a kierownik's view: the load per district
            [tr("District"), tr("To take up"), tr("To verify"), tr("Overdue")]
        )
        self.districts.setToolTip(tr("Double-click a district to see its queue; again for all."))
        self.districts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.districts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.districts.setVisible(False)
        layout.addWidget(self.districts, 1)

        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.counts)
        self.queue = _table(
            [tr("ID"), tr("Category"), tr("Status"), tr("Deadline"), tr("District")]
        )
        self.queue.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.queue.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.ResizeToContents
        )
        layout.addWidget(self.queue, 2)

        box = QGroupBox(tr("Report"))
        form = QVBoxLayout(box)
        self.details = QPlainTextEdit()  # citizen text: plain text, never HTML
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(150)
        form.addWidget(self.details)
        self.attachments = QListWidget()  # photos as thumbnails; double-click opens
        self.attachments.setIconSize(QSize(96, 96))
        self.attachments.setMaximumHeight(110)
        form.addWidget(self.attachments)
        self.outcomes = QHBoxLayout()
        self.outcome_group = QButtonGroup(self)
        self.outcome_group.setExclusive(True)
        form.addLayout(self.outcomes)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(tr("Note (required for an outcome)"))
        self.note.setMaximumHeight(70)
        form.addWidget(self.note)
        row = QHBoxLayout()
        self.bulk = QCheckBox(tr("Apply to all selected reports"))
        self.save_button = QPushButton(tr("Save"))
        self.save_button.setDefault(True)
        row.addWidget(self.bulk, 1)
        row.addWidget(self.save_button)
        form.addLayout(row)
        layout.addWidget(box, 3)

        row = QHBoxLayout()
        self.pending = QLabel()
        self.pending.setTextFormat(Qt.TextFormat.PlainText)
        self.push_button = QPushButton(tr("Send now"))
        row.addWidget(self.pending, 1)
        row.addWidget(self.push_button)
        layout.addLayout(row)
        self.problems = QListWidget()
        self.problems.setMaximumHeight(80)
        layout.addWidget(self.problems)
        row = QHBoxLayout()
        self.reapply = QPushButton(tr("Re-apply mine on the current state"))
        self.drop = QPushButton(tr("Drop mine, keep the store's"))
        self.dismiss = QPushButton(tr("Dismiss"))
        self.dismiss.setToolTip(tr("Let a refused threat go, having read why."))
        row.addWidget(self.reapply)
        row.addWidget(self.drop)
        self.resend = QPushButton(tr("Edit and send again"))
        row.addWidget(self.dismiss)
        row.addWidget(self.resend)
        layout.addLayout(row)

        self.districts.cellDoubleClicked.connect(self._district_double_clicked)
        self.queue.cellDoubleClicked.connect(self._queue_double_clicked)
        self.queue.itemSelectionChanged.connect(self._queue_selected)
        self.save_button.clicked.connect(self.save)
        self.push_button.clicked.connect(lambda: controller.push())
        self.reapply.clicked.connect(lambda: self._resolve(True))
        self.drop.clicked.connect(lambda: self._resolve(False))
        self.dismiss.clicked.connect(self._dismiss)
        self.resend.clicked.connect(self._resend)
        self.problems.currentItemChanged.connect(self._problem_selected)
        self.attachments.itemDoubleClicked.connect(
            lambda item: controller.open_attachment(
                self.report_id, *item.data(Qt.ItemDataRole.UserRole)
            )
        )
        controller.state_changed.connect(self.refresh)
        controller.details_loaded.connect(self._details_loaded)
        self.refresh()

    # --- queue -------------------------------------------------------------------------
    @reads_one_cache  # one GeoPackage open for the queue, the counts and the details
    def refresh(self) -> None:
        meta = self.controller.meta()
        rows, counts, per_district = self.controller.work_queue(self.district)
        self._show_districts(per_district)
        self.queue.setSortingEnabled(False)
        self.queue.setRowCount(len(rows))
        lang = language()
        for i, row in enumerate(rows):
            category = meta.category(row["category"]) if meta else None
            status = meta.status(row["status"]) if meta else None
            deadline = _item(
                ("⚠ " if row["overdue"] else "") + (say_deadline(row, meta) if meta else "")
            )
            deadline.setToolTip(_local_time(row["due"]))
            cells = [
                _item(row["fid"]),
                _item(category.name(lang) if category else row["category"]),
                _item(status.name(lang) if status else row["status"]),
                deadline,
                _item(row["district_id"]),
            ]
            for column, cell in enumerate(cells):
                self.queue.setItem(i, column, cell)
            if row["overdue"]:
                for cell in cells:
                    cell.setForeground(Qt.GlobalColor.red)
        self.counts.setText(
            tr("To take up: {} · to verify: {} · overdue: {}").format(
                counts.get("to_take_up", 0), counts.get("to_verify", 0), counts.get("overdue", 0)
            )
        )
        waiting = self.controller.pending_count()
        self.pending.setStyleSheet("color: #b00020; font-weight: bold" if waiting else "")
        self.pending.setText(
            tr("{} changes waiting to be sent").format(waiting)
            if waiting
            else tr("Everything sent.")
        )
        self.problems.clear()
        for change in self.controller.outbox_problems():
            text = tr("Report {}: {} — {}").format(
                change.report_id, change.state, change.reason or ""
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, change.op_id)
            self.problems.addItem(item)
        self.refused = {t.op_id: t for t in self.controller.refused_threats()}
        for threat in self.refused.values():
            item = QListWidgetItem(
                tr("New threat refused — {}").format(threat.reason or tr("no reason given"))
            )
            item.setData(Qt.ItemDataRole.UserRole, threat.op_id)
            item.setData(THREAT, True)
            self.problems.addItem(item)
        for button in (self.reapply, self.drop, self.dismiss, self.resend):
            button.setEnabled(False)
        if self.report_id is not None:
            self.show_report(self.report_id)

    def _show_districts(self, per_district: list[dict]) -> None:
        self.districts.setVisible(self.controller.me().get("role") == "kierownik")
        self.districts.setSortingEnabled(False)
        self.districts.setRowCount(len(per_district))
        for i, row in enumerate(per_district):
            name = _item(row["name"] or row["district_id"])
            name.setData(Qt.ItemDataRole.UserRole, row["district_id"])
            cells = [name, *(_count(row[k]) for k in ("to_take_up", "to_verify", "overdue"))]
            for column, cell in enumerate(cells):
                if row["district_id"] == self.district:
                    cell.setBackground(Qt.GlobalColor.yellow)
                self.districts.setItem(i, column, cell)
        self.districts.setSortingEnabled(True)

    def _district_double_clicked(self, row: int, _column: int) -> None:
        chosen = self.districts.item(row, 0).data(Qt.ItemDataRole.UserRole)
        self.district = None if chosen == self.district else chosen
        self.refresh()

    def _queue_double_clicked(self, row: int, _column: int) -> None:
        report_id = int(self.queue.item(row, 0).text())
        self.report_chosen.emit(report_id)
        self.show_report(report_id)

    def _queue_selected(self) -> None:
        rows = self.queue.selectionModel().selectedRows()
        if rows:
            self.show_report(int(self.queue.item(rows[0].row(), 0).text()))

    # --- one report ----------------------------------------------------------------------
    def show_report(self, report_id: int) -> None:
        self.report_id = report_id
        meta = self.controller.meta()
        report = self.controller.cached_report(report_id)
        for button in self.outcome_group.buttons():
            self.outcome_group.removeButton(button)
            button.deleteLater()
        if report is None or meta is None:
            self.details.setPlainText(tr("Report {} is not in the local cache.").format(report_id))
            return
        lang = language()
        status = meta.status(report["status"])
        category = meta.category(report["category"])
        due = due_at(report, meta)
        lines = [
            tr("Report {} — {}").format(
                report_id, category.name(lang) if category else report["category"]
            ),
            tr("Status: {}").format(status.name(lang) if status else report["status"]),
            tr("Submitted: {}").format(report["submitted_at"]),
        ]
        if due is not None:
            lines.append(
                tr("Deadline: {} ({})").format(
                    say_deadline(report, meta), _local_time(report.get(due[0] + "_due"))
                )
            )
        if report.get("pending"):
            lines.append(tr("A change waits to be sent."))
        lines += ["", report.get("description") or tr("(no description)")]
        if report.get("last_note"):
            lines += ["", tr("Note: {}").format(report["last_note"])]
        self.details.setPlainText("\n".join(lines))
        for target in meta.allowed_targets(report["status"]):
            button = QPushButton(target.name(lang))
            button.setCheckable(True)
            button.setProperty("status_code", target.code)
            button.setStyleSheet(f"border-left: 6px solid {target.color}; padding: 3px")
            self.outcome_group.addButton(button)
            self.outcomes.addWidget(button)
        self.attachments.clear()
        self.controller.load_details(report_id)

    def _details_loaded(self, report_id: int, detail: dict, history: list, photos: list) -> None:
        if report_id != self.report_id:
            return
        self.attachments.clear()
        shown = {p.stem: p for p in photos}
        for file in (detail.get("properties") or {}).get("attachment_files") or []:
            item = QListWidgetItem(
                tr("📎 {} ({} kB)").format(file.get("name", "?"), int(file.get("size", 0)) // 1024)
            )
            photo = shown.get(str(file.get("n")))
            if photo is not None:
                item.setIcon(QIcon(QPixmap(str(photo))))
            item.setData(Qt.ItemDataRole.UserRole, (file.get("n"), file.get("content_type", "")))
            self.attachments.addItem(item)
        if history:
            entries = [
                f"{h.get('at', '')}  {h.get('from_status') or '—'} → "
                f"{h.get('to_status') or '—'}  {h.get('by', '')}  {h.get('note') or ''}"
                for h in history
            ]
            text = [self.details.toPlainText(), "", tr("History:"), *entries]
            self.details.setPlainText("\n".join(text))

    def chosen_status(self) -> str | None:
        button = self.outcome_group.checkedButton()
        return button.property("status_code") if button else None

    def save(self) -> None:
        if self.report_id is None:
            return
        ids = self.controller.selected_report_ids() if self.bulk.isChecked() else []
        if self.report_id not in ids:
            ids.insert(0, self.report_id)
        if self.controller.save(ids, self.chosen_status(), self.note.toPlainText()):
            self.note.clear()

    # --- outbox problems -----------------------------------------------------------------
    def _problem_selected(self, item, _previous=None) -> None:
        is_threat = bool(item) and bool(item.data(THREAT))
        is_conflict = bool(item) and not is_threat and "conflict" in item.text()
        self.reapply.setEnabled(is_conflict)
        self.drop.setEnabled(is_conflict)
        self.dismiss.setEnabled(is_threat)
        self.resend.setEnabled(is_threat)
        if is_threat:
            self.details.setPlainText(self._describe_threat(item.data(Qt.ItemDataRole.UserRole)))
        elif item is not None:
            self.details.setPlainText(
                self.controller.describe_problem(item.data(Qt.ItemDataRole.UserRole))
            )

    def _resolve(self, reapply: bool) -> None:
        item = self.problems.currentItem()
        if item is not None:
            self.controller.resolve(item.data(Qt.ItemDataRole.UserRole), reapply)

    def _describe_threat(self, op_id: str) -> str:
        """What the officer sent and why the store refused it, as plain text."""
        threat = self.refused.get(op_id)
        if threat is None:
            return ""
        meta, lang, item = self.controller.meta(), language(), threat.item
        category = meta.category(item.get("category")) if meta else None
        source = meta.source(item.get("source")) if meta else None
        lines = [
            tr("New threat refused by the store: {}").format(
                threat.reason or tr("no reason given")
            ),
            "",
            tr("Category: {}").format(category.name(lang) if category else item.get("category")),
            tr("Source: {}").format(source.name(lang) if source else item.get("source")),
            tr("Place: {:.5f}, {:.5f}").format(item.get("lat", 0.0), item.get("lon", 0.0)),
        ]
        if item.get("event_date"):
            lines.append(
                tr("Event: {} {}").format(item["event_date"], item.get("event_time") or "")
            )
        lines += ["", item.get("description") or tr("(no description)")]
        return "\n".join(lines)

    def _chosen_threat(self) -> str | None:
        """The op_id of the refused threat chosen in the problems list."""
        item = self.problems.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item and item.data(THREAT) else None

    def _dismiss(self) -> None:
        if op_id := self._chosen_threat():
            self.controller.dismiss_threat(op_id)

    def _resend(self) -> None:
        if op_id := self._chosen_threat():
            self.controller.resend_threat(op_id)
