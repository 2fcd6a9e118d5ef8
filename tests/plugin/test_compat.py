"""core/compat.py: the field types QgsField takes on the running QGIS (3.22 here)."""

from __future__ import annotations

import pytest
from qgis.core import Qgis, QgsField
from qgis.PyQt.QtCore import QMetaType

from kmzb_qgis_plugin.core import compat


@pytest.mark.parametrize(
    ("field_type", "meta_type"),
    [
        (compat.STRING, QMetaType.Type.QString),
        (compat.INT, QMetaType.Type.Int),
        (compat.LONG, QMetaType.Type.LongLong),
        (compat.DOUBLE, QMetaType.Type.Double),
        (compat.BOOL, QMetaType.Type.Bool),
        (compat.DATE, QMetaType.Type.QDate),
        (compat.DATETIME, QMetaType.Type.QDateTime),
    ],
)
def test_fields_get_the_meant_type(field_type, meta_type):
    assert int(QgsField("f", field_type).type()) == int(meta_type)


def test_the_version_decides_the_kind():
    takes_qmetatype = Qgis.QGIS_VERSION_INT >= 33800
    assert isinstance(compat.STRING, QMetaType.Type) == takes_qmetatype
