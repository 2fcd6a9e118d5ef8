"""core/compat.py: the field types QgsField takes on the running QGIS (3.22 here)."""

from __future__ import annotations

import pytest
from qgis.core import Qgis, QgsField
from qgis.PyQt.QtCore import QMetaType

from kmzb_qgis_plugin.core import compat


@pytest.mark.parametrize(
    ("field_type", "meta_type", "type_name"),
    [
        (compat.STRING, QMetaType.Type.QString, "QString"),
        (compat.INT, QMetaType.Type.Int, "int"),
        (compat.LONG, QMetaType.Type.LongLong, "qlonglong"),
        (compat.DOUBLE, QMetaType.Type.Double, "double"),
        (compat.BOOL, QMetaType.Type.Bool, "bool"),
        (compat.DATE, QMetaType.Type.QDate, "QDate"),
        (compat.DATETIME, QMetaType.Type.QDateTime, "QDateTime"),
    ],
)
def test_fields_get_the_meant_type(field_type, meta_type, type_name):
    field = QgsField("f", field_type)
    assert int(field.type()) == int(meta_type)
    assert QMetaType.typeName(int(field.type())) == type_name


def test_the_version_decides_the_kind():
    takes_qmetatype = Qgis.QGIS_VERSION_INT >= 33800
    assert isinstance(compat.STRING, QMetaType.Type) == takes_qmetatype
