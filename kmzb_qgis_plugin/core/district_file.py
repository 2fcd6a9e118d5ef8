"""Districts from an analyst's GeoPackage, GeoJSON or Shapefile, in any CRS, read through
QGIS's own providers and repaired with QGIS's own ``makeValid``.

    districts = read_district_file("rejony.shp")   # DistrictFile: layer + warnings
    body = upload_body(districts.layer)             # FeatureCollection for POST /districts

The result is a memory layer in EPSG:4326 with the cache's district fields (plus
``unit_code``). Invalid polygons are repaired and reported; a feature that is not a polygon
or has no area after repair is refused with an error naming it.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    NULL,
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..i18n import tr
from . import compat
from .cache import DISTRICT_FIELDS
from .errors import KmzbError

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
TEXT_FIELDS = ("code", "name", "unit_code", "officer_name", "officer_rank", "phone", "email")
# Polish names an analyst's file may use (lower case, no diacritics; Shapefiles cut to 10)
POLISH_NAMES = {
    "kod": "code",
    "nazwa": "name",
    "jednostka": "unit_code",
    "dzielnicowy": "officer_name",
    "stopien": "officer_rank",
    "telefon": "phone",
    "e_mail": "email",
}


class DistrictFileError(KmzbError):
    """The file cannot become districts; the message names the file and the feature."""


@dataclass
class DistrictFile:
    layer: QgsVectorLayer
    warnings: list[str] = field(default_factory=list)


def _plain(name: str) -> str:
    name = name.strip().lower().replace("ł", "l").replace("-", "_")
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _field_map(names: list[str]) -> dict[str, str]:
    """Our field -> the file's field, by name or Polish name (case and accents aside)."""
    out: dict[str, str] = {}
    for name in names:
        plain = _plain(name)
        ours = plain if plain in TEXT_FIELDS else POLISH_NAMES.get(plain)
        if ours and ours not in out:
            out[ours] = name
    return out


def _text(value) -> str | None:
    """A file's attribute as text: NULL and blanks are None, 12.0 is '12'."""
    if value is None or value == NULL:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() or None


def _polygons(geometry: QgsGeometry) -> QgsGeometry:
    """The polygonal part of a geometry as a MultiPolygon (empty when there is none)."""
    if geometry.type() == QgsWkbTypes.GeometryType.PolygonGeometry:  # type: ignore[attr-defined]  # 3.22 name
        geometry.convertToMultiType()
        return geometry
    parts = [
        QgsGeometry(part.clone())
        for part in geometry.constParts()
        if QgsWkbTypes.geometryType(part.wkbType()) == QgsWkbTypes.GeometryType.PolygonGeometry  # type: ignore[attr-defined]  # 3.22 name
    ]
    merged = QgsGeometry.unaryUnion(parts) if parts else QgsGeometry()
    if not merged.isNull():
        merged.convertToMultiType()
    return merged


def repaired(geometry: QgsGeometry) -> tuple[QgsGeometry, str]:
    """(valid polygon geometry, the reason it was invalid or '')."""
    if geometry.isGeosValid():
        return _polygons(QgsGeometry(geometry)), ""
    errors = geometry.validateGeometry(Qgis.GeometryValidationEngine.Geos)
    reason = "; ".join(e.what() for e in errors) or tr("invalid geometry")
    return _polygons(geometry.makeValid()), reason


def read_district_file(path: str | Path, layer_name: str | None = None) -> DistrictFile:
    """Read, reproject to EPSG:4326 and check a district file (GPKG, GeoJSON, SHP)."""
    uri = str(path) + (f"|layername={layer_name}" if layer_name else "")
    source = QgsVectorLayer(uri, Path(path).stem, "ogr")
    if not source.isValid():
        raise DistrictFileError(tr("{}: cannot read the file as a vector layer.").format(path))
    if source.geometryType() != QgsWkbTypes.GeometryType.PolygonGeometry:  # type: ignore[attr-defined]  # 3.22 name
        raise DistrictFileError(tr("{}: districts must be polygons.").format(path))
    if not source.crs().isValid():
        raise DistrictFileError(tr("{}: the file has no coordinate reference system.").format(path))
    names = _field_map(source.fields().names())
    if "code" not in names or "name" not in names:
        raise DistrictFileError(
            tr("{}: the file needs a district code and name field (code/kod, name/nazwa).").format(
                path
            )
        )
    result = DistrictFile(_memory_layer(Path(path).stem))
    transform = QgsCoordinateTransform(source.crs(), WGS84, QgsProject.instance())
    features = []
    for feature in source.getFeatures():
        values = {ours: _text(feature[theirs]) for ours, theirs in names.items()}
        label = tr("district “{}” (feature {})").format(
            values.get("name") or values.get("code") or "?", feature.id()
        )
        geometry = QgsGeometry(feature.geometry())
        if geometry.isEmpty():
            raise DistrictFileError(tr("{}: {} has no geometry.").format(path, label))
        geometry.transform(transform)
        geometry, reason = repaired(geometry)
        if geometry.isEmpty() or geometry.area() <= 0:
            raise DistrictFileError(
                tr("{}: {} has no area left after repair ({}).").format(path, label, reason)
            )
        if reason:
            result.warnings.append(tr("{}: invalid polygon repaired ({}).").format(label, reason))
        out = QgsFeature(result.layer.fields())
        out.setGeometry(geometry)
        for name, value in values.items():
            out[name] = value
        features.append(out)
    if not features:
        raise DistrictFileError(tr("{}: the layer has no districts.").format(path))
    provider = result.layer.dataProvider()
    assert provider is not None  # a memory layer always has one
    provider.addFeatures(features)
    result.layer.updateExtents()
    return result


def _memory_layer(name: str) -> QgsVectorLayer:
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4326", name, "memory")
    fields = [QgsField(n, compat.STRING) for n, kind in DISTRICT_FIELDS if kind == "String"]
    fields.insert(1, QgsField("unit_code", compat.STRING))
    provider = layer.dataProvider()
    assert provider is not None  # a memory layer always has one
    provider.addAttributes(fields)
    layer.updateFields()
    layer.setCustomProperty("kmzb/layer", "district_file")
    return layer


def upload_body(layer: QgsVectorLayer) -> dict:
    """The layer's districts as the FeatureCollection POST /districts takes."""
    features = []
    for feature in layer.getFeatures():
        props = {n: feature[n] for n in TEXT_FIELDS if _text(feature[n]) is not None}
        geometry = json.loads(feature.geometry().asJson(7))
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "features": features}
