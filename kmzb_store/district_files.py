"""Read dzielnicowy districts from GeoJSON, GeoPackage or Shapefile, in any CRS.

    warnings: list[str] = []
    districts = read_districts("rejony.gpkg", warnings)

Each district is a dict with code, name, unit_code, officer_name, officer_rank, phone,
email and geometry (a shapely Polygon or MultiPolygon in EPSG:4326, lon/lat order).
Attribute names are matched case-insensitively, with Polish aliases (``kod``, ``nazwa``,
``jednostka``, ``dzielnicowy``, ``stopien``, ``telefon``...) and the 10-character names a
Shapefile truncates them to. Invalid polygons are repaired with ``shapely.make_valid``
(keeping the polygonal parts) and reported in ``warnings``; anything that cannot become a
district raises :class:`DistrictFileError` with a message naming the file and feature.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable

import shapely
from shapely.geometry.base import BaseGeometry

__all__ = ["FIELD_ALIASES", "DistrictFileError", "read_districts"]


class DistrictFileError(ValueError):
    """The file cannot be read as a set of districts; the message says why and where."""


FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("code", "kod", "kod_rejonu", "district_code", "rejon_kod", "id_rejonu", "nr_rejonu"),
    "name": ("name", "nazwa", "nazwa_rejonu", "rejon", "district_name"),
    "unit_code": ("unit_code", "unit", "jednostka", "kod_jednostki", "jednostka_kod", "komenda"),
    "officer_name": ("officer_name", "officer", "dzielnicowy", "funkcjonariusz", "imie_nazwisko"),
    "officer_rank": ("officer_rank", "rank", "stopien", "stopien_sluzbowy"),
    "phone": ("phone", "telefon", "tel", "nr_telefonu"),
    "email": ("email", "e_mail", "mail", "adres_email"),
}
_SHP_FIELD_LEN = 10


def _normalise(name: str) -> str:
    name = name.strip().lower().replace("ł", "l").replace("-", "_").replace(" ", "_")
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _match_fields(field_names: Iterable[str]) -> dict[str, str]:
    """Our key -> the file's field name, by alias (case, diacritics and truncation aside)."""
    by_norm = {_normalise(f): f for f in field_names}
    out: dict[str, str] = {}
    for key, aliases in FIELD_ALIASES.items():
        for alias in aliases:
            for candidate in (alias, alias[:_SHP_FIELD_LEN]):
                if candidate in by_norm:
                    out[key] = by_norm[candidate]
                    break
            if key in out:
                break
    return out


def _import_gdal():
    try:
        from osgeo import gdal, ogr, osr
    except ImportError as exc:  # pragma: no cover - depends on the machine
        raise DistrictFileError(
            "reading district files needs GDAL's Python bindings (Debian: python3-gdal)"
        ) from exc
    return gdal, ogr, osr


def _polygonal_parts(geom: BaseGeometry) -> list[BaseGeometry]:
    parts = []
    for g in shapely.get_parts(geom):
        if g.geom_type == "Polygon" and not g.is_empty:
            parts.append(g)
        elif g.geom_type in ("MultiPolygon", "GeometryCollection"):
            parts.extend(_polygonal_parts(g))
    return parts


def _value(feat, idx: int, ogr) -> str | None:
    if idx < 0 or not feat.IsFieldSetAndNotNull(idx):
        return None
    if feat.GetFieldType(idx) == ogr.OFTReal:
        v = feat.GetFieldAsDouble(idx)
        text = str(int(v)) if v.is_integer() else repr(v)
    else:
        text = feat.GetFieldAsString(idx)
    text = text.strip()
    return text or None


def _pick_layer(ds, path: str, layer: str | None, ogr, warnings: list[str]):
    count = ds.GetLayerCount()
    if count == 0:
        raise DistrictFileError(f"{path}: the file has no layers")
    if layer is not None:
        lyr = ds.GetLayerByName(layer)
        if lyr is None:
            names = [ds.GetLayerByIndex(i).GetName() for i in range(count)]
            raise DistrictFileError(f"{path}: no layer {layer!r} (layers: {', '.join(names)})")
        return lyr
    if count == 1:
        return ds.GetLayerByIndex(0)
    polygonal = (ogr.wkbPolygon, ogr.wkbMultiPolygon, ogr.wkbCurvePolygon, ogr.wkbMultiSurface)
    layers = [ds.GetLayerByIndex(i) for i in range(count)]
    chosen = next(
        (lyr for lyr in layers if ogr.GT_Flatten(lyr.GetGeomType()) in polygonal), layers[0]
    )
    warnings.append(f"{path}: {count} layers; read layer {chosen.GetName()!r}")
    return chosen


def read_districts(
    path: str | os.PathLike, warnings: list[str] | None = None, layer: str | None = None
) -> list[dict]:
    """Districts from a GeoJSON, GeoPackage or Shapefile file, reprojected to EPSG:4326.

    ``warnings``: a list that repairs and other notes are appended to. ``layer``: the
    layer to read (default: the only one, or the first polygon layer).
    Raises :class:`DistrictFileError` when the file is missing, unreadable, empty, has no
    CRS, holds non-polygon or unrepairable geometry, or a district without a code (or two
    with the same code).
    """
    gdal, ogr, osr = _import_gdal()
    warnings = warnings if warnings is not None else []
    path = os.fspath(path)
    if not os.path.exists(path):
        raise DistrictFileError(f"{path}: file not found")
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        gdal.ErrorReset()
        ds = ogr.Open(path, 0)
        if ds is None:
            reason = gdal.GetLastErrorMsg() or "not a GeoJSON, GeoPackage or Shapefile file"
            raise DistrictFileError(f"{path}: cannot read the file ({reason})")
        lyr = _pick_layer(ds, path, layer, ogr, warnings)
        return _read_layer(path, lyr, ogr, osr, gdal, warnings)
    finally:
        gdal.PopErrorHandler()


def _read_layer(path: str, lyr, ogr, osr, gdal, warnings: list[str]) -> list[dict]:
    where = f"{path} (layer {lyr.GetName()!r})"
    src = lyr.GetSpatialRef()
    # a GeoPackage without a CRS says "Undefined geographic/cartesian SRS" (srs_id 0 / -1)
    if src is None or (src.GetName() or "").lower().startswith("undefined"):
        raise DistrictFileError(
            f"{where}: no coordinate reference system; save the file with its CRS "
            "(for a Shapefile, the .prj file)"
        )
    src = src.Clone()
    src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    dst = osr.SpatialReference()
    dst.ImportFromEPSG(4326)
    dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    transform = None
    if not src.IsSame(dst):
        transform = osr.CreateCoordinateTransformation(src, dst)
        if transform is None:
            raise DistrictFileError(
                f"{where}: cannot transform its CRS ({src.GetName()}) to EPSG:4326"
            )

    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    fields = _match_fields(names)
    if "code" not in fields:
        raise DistrictFileError(
            f"{where}: no district code field (looked for "
            f"{', '.join(FIELD_ALIASES['code'])}; found {', '.join(names) or 'no fields'})"
        )
    index = {key: defn.GetFieldIndex(name) for key, name in fields.items()}
    polygonal = (ogr.wkbPolygon, ogr.wkbMultiPolygon)
    curved = (ogr.wkbCurvePolygon, ogr.wkbMultiSurface)

    out: list[dict] = []
    seen: dict[str, int] = {}
    lyr.ResetReading()
    for feat in lyr:
        fid = feat.GetFID()
        values = {key: _value(feat, index.get(key, -1), ogr) for key in FIELD_ALIASES}
        code = values["code"]
        if code is None:
            raise DistrictFileError(f"{where}: feature FID {fid} has no district code")
        label = f"district {code!r} (FID {fid})"
        if code in seen:
            raise DistrictFileError(f"{where}: {label} repeats the code of FID {seen[code]}")
        seen[code] = fid
        geom = feat.GetGeometryRef()
        if geom is None or geom.IsEmpty():
            raise DistrictFileError(f"{where}: {label} has no geometry")
        gtype = ogr.GT_Flatten(geom.GetGeometryType())
        if gtype not in polygonal + curved:
            raise DistrictFileError(
                f"{where}: {label} is a {geom.GetGeometryName().title()}; "
                "districts must be polygons"
            )
        geom = geom.Clone()
        if gtype in curved:
            geom = geom.GetLinearGeometry()
        geom.FlattenTo2D()
        if transform is not None and geom.Transform(transform) != 0:
            raise DistrictFileError(f"{where}: {label} cannot be transformed to EPSG:4326")
        shape = shapely.from_wkb(bytes(geom.ExportToWkb()))
        minx, miny, maxx, maxy = shape.bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise DistrictFileError(
                f"{where}: {label} has coordinates outside longitude/latitude range "
                f"({minx:.6g}, {miny:.6g}, {maxx:.6g}, {maxy:.6g}); the file's CRS "
                f"({src.GetName()}) is probably wrong"
            )
        if not shape.is_valid:
            reason = shapely.is_valid_reason(shape)
            parts = _polygonal_parts(shapely.make_valid(shape))
            if not parts:
                raise DistrictFileError(
                    f"{where}: {label} is an invalid polygon ({reason}) with no area left "
                    "after repair"
                )
            shape = parts[0] if len(parts) == 1 else shapely.union_all(parts)
            warnings.append(f"{where}: {label}: invalid polygon repaired ({reason})")
        if shape.is_empty or shape.area == 0:
            raise DistrictFileError(f"{where}: {label} has no area")
        out.append({**values, "geometry": shape})
    if not out:
        raise DistrictFileError(f"{where}: the layer has no features")
    return out
