"""Field types that QgsField takes on every QGIS from 3.22 to 4.x.

The one place in the plugin that branches on the QGIS version: QGIS 3.38 moved QgsField
from QVariant.Type to QMetaType.Type, and PyQt6 (QGIS 4) has no QVariant.Type at all.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from qgis.core import Qgis
from qgis.PyQt.QtCore import QMetaType

#: What QgsField(name, type) takes: a QMetaType.Type, or its int id before QGIS 3.38 (Any:
#: no one static type fits both, and qgis-stubs describes only one QGIS).
FieldType: TypeAlias = Any

_TAKES_QMETATYPE = Qgis.versionInt() >= 33800  # Qgis.QGIS_VERSION_INT, typed


def field_type(meta_type: QMetaType.Type) -> FieldType:
    """The QgsField type for a QMetaType.Type on the running QGIS.

    Before 3.38 QgsField takes a QVariant.Type; for the types we use its values are the
    QMetaType ids, and PyQt5 passes a plain int for it.
    """
    return meta_type if _TAKES_QMETATYPE else int(meta_type)


STRING = field_type(QMetaType.Type.QString)
INT = field_type(QMetaType.Type.Int)
LONG = field_type(QMetaType.Type.LongLong)
DOUBLE = field_type(QMetaType.Type.Double)
BOOL = field_type(QMetaType.Type.Bool)
DATE = field_type(QMetaType.Type.QDate)
DATETIME = field_type(QMetaType.Type.QDateTime)
