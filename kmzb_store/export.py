"""``kmzb-store export FILE``: every live report to GeoJSON (streamed) or GeoPackage (GDAL)."""

from __future__ import annotations

import os
from pathlib import Path

from .db import Database
from .report_sql import feature_sql, properties_sql

PAGE = 50_000


def _pages(db: Database, expr: str, cols: str = "") -> object:
    since = 0
    while True:
        with db.read() as conn:
            rows = conn.all(
                f"SELECT r.revision, {expr}{cols} FROM reports r "
                f"WHERE r.revision > ? AND r.deleted = {conn.dialect.false} "
                "ORDER BY r.revision LIMIT ?",
                (since, PAGE),
            )
        if not rows:
            return
        yield rows
        since = int(rows[-1][0])


def export_geojson(db: Database, path: Path) -> int:
    n = 0
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", encoding="utf-8") as out:
        out.write('{"type":"FeatureCollection","features":[\n')
        for rows in _pages(db, feature_sql(db.dialect)):
            out.write(("\n," if n else "") + ",\n".join(r[1] for r in rows))
            n += len(rows)
        out.write("\n]}\n")
    os.replace(tmp, path)
    return n


def export_gpkg(db: Database, path: Path) -> int:
    from osgeo import ogr, osr

    ogr.UseExceptions()
    props = properties_sql(db.dialect)
    ints = {"revision", "unit_id", "district_id", "confirmations", "attachments"}
    if path.exists():
        path.unlink()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    layer = ds.CreateLayer("reports", srs, ogr.wkbPoint, ["FID=id"])
    for key, _ in props:
        layer.CreateField(ogr.FieldDefn(key, ogr.OFTInteger64 if key in ints else ogr.OFTString))
    defn = layer.GetLayerDefn()
    cols = ", r.id, r.lon, r.lat, " + ", ".join(expr for _, expr in props)
    n = 0
    layer.StartTransaction()
    for rows in _pages(db, "NULL", cols):
        for row in rows:
            f = ogr.Feature(defn)
            f.SetFID(int(row[2]))
            pt = ogr.Geometry(ogr.wkbPoint)
            pt.AddPoint_2D(float(row[3]), float(row[4]))
            f.SetGeometryDirectly(pt)
            for i, value in enumerate(row[5:]):
                if value is not None:
                    f.SetField(i, value if isinstance(value, int | str) else str(value))
            layer.CreateFeature(f)
            n += 1
    layer.CommitTransaction()
    ds = None
    return n


def export(db: Database, path: str) -> int:
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".geojson", ".json"):
        return export_geojson(db, p)
    if suffix == ".gpkg":
        return export_gpkg(db, p)
    raise ValueError("export FILE must end with .geojson or .gpkg")
