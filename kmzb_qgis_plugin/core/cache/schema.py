"""The cache's layout: its tables and columns, the GeoPackage made through GDAL, the columns
and tables added later (created on first open of an older cache), the districts written
through GDAL."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

SCHEMA_VERSION = 1
REPORTS = "reports"
DISTRICTS = "districts"
RTREE = f"rtree_{REPORTS}_geom"
DISTRICTS_RTREE = f"rtree_{DISTRICTS}_geom"
OUTSIDE = "outside_districts"  # 1: the report lies in no cached district (kept, flagged)
# local ids of police-sourced threats not yet in the store (the store's ids stay below 2**53)
NEW_ID_BASE = 1 << 60

# Feed property -> (column, OGR field type); the order is the column order of the layer.
REPORT_FIELDS: tuple[tuple[str, str], ...] = (
    ("revision", "Integer64"),
    ("category", "String"),
    ("status", "String"),
    ("description", "String"),
    ("submitted_at", "DateTime"),
    ("event_date", "Date"),
    ("event_time", "String"),
    ("time_of_day", "String"),
    ("days_of_week", "String"),
    ("unit_id", "Integer64"),
    ("district_id", "Integer64"),
    ("confirmations", "Integer"),
    ("attachments", "Integer"),
    ("take_up_due", "DateTime"),
    ("verify_due", "DateTime"),
    ("taken_up_at", "DateTime"),
    ("verified_at", "DateTime"),
    ("updated_at", "DateTime"),
    ("last_note", "String"),
    ("source", "String"),  # obywatel, or a police source (from /meta); since store schema 7
)
REPORT_COLUMNS = tuple(name for name, _ in REPORT_FIELDS)
DISTRICT_FIELDS: tuple[tuple[str, str], ...] = (
    ("code", "String"),
    ("name", "String"),
    ("unit_id", "Integer64"),
    ("unit_name", "String"),
    ("officer_name", "String"),
    ("officer_rank", "String"),
    ("phone", "String"),
    ("email", "String"),
)

# secondary indexes of the reports table: a first pull builds them once at its end
_INDEXES = {
    f"{REPORTS}_status": f"CREATE INDEX IF NOT EXISTS {REPORTS}_status ON {REPORTS}(status)",
    f"{REPORTS}_district": (
        f"CREATE INDEX IF NOT EXISTS {REPORTS}_district ON {REPORTS}(district_id)"
    ),
}


# tables added after the first release of the cache (created when missing)
_LATER_TABLES = """
CREATE TABLE IF NOT EXISTS kmzb_seen (
    report_id INTEGER NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (report_id, kind));
CREATE TABLE IF NOT EXISTS kmzb_new_reports (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, op_id TEXT UNIQUE NOT NULL, local_id INTEGER,
    item TEXT NOT NULL, created_at TEXT NOT NULL, state TEXT NOT NULL, reason TEXT);
"""


def _ogr_type(name: str):
    from osgeo import ogr

    return getattr(ogr, f"OFT{name}")


def create_geopackage(path: Path) -> None:
    """Create an empty cache: layers through GDAL (so QGIS and GDAL see a valid GeoPackage),
    the internal tables through SQL."""
    from osgeo import gdal, ogr, osr

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".creating.gpkg")
    tmp.unlink(missing_ok=True)
    gdal.UseExceptions()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(tmp))
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    for name, geom_type, fields in (
        (REPORTS, ogr.wkbPoint, REPORT_FIELDS),
        (DISTRICTS, ogr.wkbMultiPolygon, DISTRICT_FIELDS),
    ):
        layer = ds.CreateLayer(name, wgs84, geom_type, ["FID=fid", "GEOMETRY_NAME=geom"])
        for field_name, field_type in fields:
            layer.CreateField(ogr.FieldDefn(field_name, _ogr_type(field_type)))
        if name == REPORTS:
            pending = ogr.FieldDefn("pending", ogr.OFTInteger)
            pending.SetDefault("0")
            pending.SetNullable(False)
            layer.CreateField(pending)
            outside = ogr.FieldDefn(OUTSIDE, ogr.OFTInteger)
            outside.SetDefault("0")
            outside.SetNullable(False)
            layer.CreateField(outside)
    ds = None
    db = sqlite3.connect(str(tmp))
    with db:
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(f"""
            CREATE TABLE kmzb_state (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE kmzb_outbox (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, op_id TEXT UNIQUE NOT NULL,
                report_id INTEGER NOT NULL, base_revision INTEGER NOT NULL, status TEXT,
                note TEXT, created_at TEXT NOT NULL, state TEXT NOT NULL, reason TEXT,
                attempts INTEGER NOT NULL DEFAULT 0, server_state TEXT);
            {";".join(_INDEXES.values())};
            INSERT INTO kmzb_state VALUES ('schema_version', '{SCHEMA_VERSION}');
            INSERT INTO kmzb_state VALUES ('cursor', '0');
        """)
    db.close()
    tmp.replace(path)


def write_districts(path: Path, collection: dict) -> int:
    """Replace the cached districts with a GeoJSON FeatureCollection from the store."""
    from osgeo import gdal, ogr

    gdal.UseExceptions()
    ds = ogr.Open(str(path), 1)
    layer = ds.GetLayerByName(DISTRICTS)
    defn = layer.GetLayerDefn()
    ds.StartTransaction()
    try:
        ds.ExecuteSQL(f"DELETE FROM {DISTRICTS}")
        count = 0
        for feature in collection.get("features", []):
            geom = ogr.CreateGeometryFromJson(json.dumps(feature.get("geometry")))
            if geom is None:
                continue
            out = ogr.Feature(defn)
            out.SetFID(int(feature["id"]))
            out.SetGeometry(ogr.ForceToMultiPolygon(geom))
            props = feature.get("properties", {})
            for name, _ in DISTRICT_FIELDS:
                if props.get(name) is not None:
                    out.SetField(name, props[name])
            layer.CreateFeature(out)
            count += 1
        ds.CommitTransaction()
    except Exception:
        ds.RollbackTransaction()
        raise
    finally:
        ds = None
    return count
