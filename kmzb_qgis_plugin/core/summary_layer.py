"""The districts summary layer: each district's polygon with its load in the period as
fields, and a graduated (choropleth) style on the overdue count.

Used by the dock (a memory layer) and by ``kmzb:district_summary`` (any sink).
"""

from __future__ import annotations

from qgis.core import (
    QgsClassificationJenks,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsFillSymbol,
    QgsGradientColorRamp,
    QgsGraduatedSymbolRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from ..i18n import tr
from . import compat
from .cache import Cache
from .district_locate import gpkg_geometry
from .district_summary import DistrictSummary
from .layers import language
from .model import Meta

STATUS_PREFIX = "n_"  # one count field per status: n_nowe, n_weryfikacja, ...
CHOROPLETH_FIELD = "overdue"


def status_names(meta: Meta | None) -> dict[str, str]:
    """Status code -> its name in the user's language, in catalogue order."""
    return {s.code: s.name(language()) for s in (meta.statuses if meta else ())}


def summary_fields(status_codes: list[str]) -> QgsFields:
    fields = QgsFields()
    for name, kind in (
        ("district_id", compat.LONG),
        ("name", compat.STRING),
        ("unit_id", compat.LONG),
        ("officer", compat.STRING),
        ("total", compat.INT),
        ("to_take_up", compat.INT),
        ("to_verify", compat.INT),
        ("overdue", compat.INT),
        ("confirmed_share", compat.DOUBLE),
    ):
        fields.append(QgsField(name, kind))
    for code in status_codes:
        fields.append(QgsField(STATUS_PREFIX + code, compat.INT))
    return fields


def field_aliases(status_names: dict[str, str]) -> dict[str, str]:
    aliases = {
        "district_id": tr("District ID"),
        "name": tr("District"),
        "unit_id": tr("Police unit"),
        "officer": tr("District officer"),
        "total": tr("Reports"),
        "to_take_up": tr("To take up"),
        "to_verify": tr("To verify"),
        "overdue": tr("Overdue"),
        "confirmed_share": tr("Confirmed by residents (share)"),
    }
    for code, label in status_names.items():
        aliases[STATUS_PREFIX + code] = label
    return aliases


def summary_features(
    cache: Cache, summaries: list[DistrictSummary], fields: QgsFields
) -> list[QgsFeature]:
    """One feature per summarised district, with its polygon from the cache (EPSG:4326).
    The row of reports outside every district has no polygon and is left out."""
    blobs = cache.district_geometries()
    features = []
    for s in summaries:
        if s.district_id is None:
            continue
        feature = QgsFeature(fields)
        feature.setGeometry(gpkg_geometry(blobs.get(s.district_id)))
        values = {
            "district_id": s.district_id,
            "name": s.name,
            "unit_id": s.unit_id,
            "officer": s.officer,
            "total": s.total,
            "to_take_up": s.to_take_up,
            "to_verify": s.to_verify,
            "overdue": s.overdue,
            "confirmed_share": round(s.confirmed_share, 4),
        }
        for name in fields.names():
            if name.startswith(STATUS_PREFIX):
                values[name] = s.by_status.get(name[len(STATUS_PREFIX) :], 0)
        feature.setAttributes([values.get(name) for name in fields.names()])
        features.append(feature)
    return features


def summary_layer(
    cache: Cache, summaries: list[DistrictSummary], status_names: dict[str, str], name: str
) -> QgsVectorLayer:
    """A styled memory layer of the summaries."""
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4326", name, "memory")
    fields = summary_fields(list(status_names))
    provider = layer.dataProvider()
    assert provider is not None  # a memory layer always has one
    provider.addAttributes(fields.toList())
    layer.updateFields()
    provider.addFeatures(summary_features(cache, summaries, layer.fields()))
    layer.updateExtents()
    style_summary(layer, status_names)
    return layer


def style_summary(layer: QgsVectorLayer, status_names: dict[str, str] | None = None) -> None:
    """Choropleth of the overdue count (5 natural-break classes, white to deep red)."""
    ramp = QgsGradientColorRamp(QColor("#fff5f0"), QColor("#a50f15"))
    renderer = QgsGraduatedSymbolRenderer(CHOROPLETH_FIELD)
    renderer.setSourceSymbol(
        QgsFillSymbol.createSimple({"outline_color": "#6b6b6b", "outline_width": "0.1"})
    )
    renderer.setSourceColorRamp(ramp)
    renderer.setClassificationMethod(QgsClassificationJenks())
    renderer.updateClasses(layer, 5)
    renderer.updateColorRamp(ramp)
    layer.setRenderer(renderer)
    for field, alias in field_aliases(status_names or {}).items():
        index = layer.fields().indexOf(field)
        if index >= 0:
            layer.setFieldAlias(index, alias)
    layer.setCustomProperty("kmzb/layer", "district_summary")
