"""Manage store connections like QGIS's own: name, URL, an authcfg; Test connection."""

from __future__ import annotations

from qgis.gui import QgsAuthConfigSelect
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from ..core import settings
from ..core.api_client import StoreClient
from ..core.errors import KmzbError
from ..core.qgis_network import token_from_authcfg
from ..i18n import tr


def describe_store(url: str, authcfg: str) -> str:
    """One line for a person: the store's version and who we are there."""
    client = StoreClient(url, token_from_authcfg(authcfg), timeout=(5, 15))
    meta = client.meta()
    me = client.me()
    unit = me.get("unit") or {}
    return tr("Connected. Store {} (API {}). You are {} — role {}, unit {}.").format(
        meta.get("server_version", "?"),
        meta.get("api_version", "?"),
        me.get("name", "?"),
        me.get("role", "?"),
        unit.get("name") or unit.get("code") or "—",
    )


class ConnectionsDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("KMZB store connections"))
        self.setMinimumWidth(520)
        self.combo = QComboBox()
        self.name = QLineEdit()
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://kmzb.policja.local")
        self.auth = QgsAuthConfigSelect(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        test = QPushButton(tr("Test connection"))
        delete = QPushButton(tr("Delete"))
        new = QPushButton(tr("New"))
        top = QHBoxLayout()
        top.addWidget(self.combo, 1)
        top.addWidget(new)
        top.addWidget(delete)
        form = QFormLayout()
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("Store URL"), self.url)
        form.addRow(tr("Credentials"), self.auth)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(test)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.combo.currentTextChanged.connect(self.load)
        new.clicked.connect(self.clear)
        delete.clicked.connect(self.delete)
        test.clicked.connect(self.test)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.refresh(settings.active_connection_name())

    def refresh(self, select: str = "") -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItems([c.name for c in settings.connections()])
        self.combo.blockSignals(False)
        if select and self.combo.findText(select) >= 0:
            self.combo.setCurrentText(select)
        self.load(self.combo.currentText())

    def load(self, name: str) -> None:
        if not name:
            return self.clear()
        conn = settings.connection(name)
        self.name.setText(conn.name)
        self.url.setText(conn.url)
        self.auth.setConfigId(conn.authcfg)
        self.status.clear()

    def clear(self) -> None:
        self.name.clear()
        self.url.clear()
        self.auth.setConfigId("")
        self.status.clear()

    def current(self) -> settings.Connection:
        return settings.Connection(
            self.name.text().strip(), self.url.text().strip(), self.auth.configId()
        )

    def save(self) -> None:
        conn = self.current()
        if not conn.name or not conn.url.startswith(("http://", "https://")):
            QMessageBox.warning(
                self, self.windowTitle(), tr("Give the connection a name and an http(s):// URL.")
            )
            return
        settings.save_connection(conn)
        settings.set_active_connection(conn.name)
        self.refresh(conn.name)
        self.status.setText(tr("Saved."))

    def delete(self) -> None:
        name = self.combo.currentText()
        if name:
            settings.delete_connection(name)
            self.refresh()

    def test(self) -> None:
        conn = self.current()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.status.setText(describe_store(conn.url, conn.authcfg))
        except KmzbError as exc:
            self.status.setText(exc.message)
        finally:
            QApplication.restoreOverrideCursor()
