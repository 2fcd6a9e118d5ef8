"""The Qt6 / QGIS 4 check (scripts/check_qt6.py): the repository is clean and the checker bites.

PyQt6 is imported only by the checker's child process, never here nor by the plugin.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import check_qt6  # noqa: E402  (scripts/ is not a package)

BAD = """
from qgis.core import Qgis, QgsWkbTypes
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QMessageBox

role = Qt.UserRole
button = QMessageBox.Yes
level = Qgis.Info
kind = QgsWkbTypes.PointGeometry
dialog.exec_()
"""

GOOD = """
from qgis.core import Qgis, QgsWkbTypes
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QAction, QMessageBox

role = Qt.ItemDataRole.UserRole + 1
button = QMessageBox.StandardButton.Yes
level = Qgis.MessageLevel.Info
kind = QgsWkbTypes.GeometryType.PointGeometry
dialog.exec()
"""


def test_plugin_helpers_and_scripts_are_qt6_clean():
    assert check_qt6.check_paths(list(check_qt6.DEFAULT_PATHS)) == []


def test_unscoped_enums_and_exec_underscore_are_reported():
    findings = check_qt6.check_source(BAD)
    text = "\n".join(findings)
    assert len(findings) == 5, text
    assert "<snippet>:6: Qt.UserRole: UserRole not in PyQt6.QtCore.Qt" in text
    assert "(scoped: Qt.ItemDataRole.UserRole)" in text
    assert "<snippet>:7: QMessageBox.Yes" in text and "StandardButton.Yes" in text
    assert "<snippet>:8: Qgis.Info: unscoped enum member (scoped: Qgis.MessageLevel.Info)" in text
    assert "<snippet>:9: QgsWkbTypes.PointGeometry: unscoped" in text
    assert "<snippet>:10: exec_() -> use exec()" in text


def test_scoped_forms_pass():
    assert check_qt6.check_source(GOOD) == []


def test_a_name_pyqt6_lacks_is_reported():
    findings = check_qt6.check_source(
        "from qgis.PyQt.QtCore import QRegExp, QVariant\nQVariant.Int\n"
    )
    assert any("QRegExp not in PyQt6.QtCore" in f for f in findings), findings
    assert any("QVariant.Int: Int not in PyQt6.QtCore.QVariant" in f for f in findings), findings


def test_pyqt6_stays_out_of_this_process():
    assert "PyQt6" not in sys.modules
