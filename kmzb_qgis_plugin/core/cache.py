"""The local GeoPackage cache of one connection: reports, districts, outbox, sync state.

QGIS shows the GeoPackage's own layers, so reports render fast, work offline and survive a
restart. We write through plain sqlite3 for speed; GDAL's R-tree triggers call ``ST_*``
functions that only GDAL defines, so we register equivalents for point blobs, and bulk page
writes fill the R-tree directly with the triggers set aside for the transaction.
"""

from __future__ import annotations

import json
import sqlite3
import struct
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..i18n import tr
from .errors import CacheError

SCHEMA_VERSION = 1
REPORTS = "reports"
DISTRICTS = "districts"
RTREE = f"rtree_{REPORTS}_geom"
DISTRICTS_RTREE = f"rtree_{DISTRICTS}_geom"
OUTSIDE = "outside_districts"  # 1: the report lies in no cached district (kept, flagged)

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

_POINT = struct.Struct("<2sBBiBIdd")  # GPKG header (no envelope, little endian) + WKB point


def point_blob(x: float, y: float, srs_id: int = 4326) -> bytes:
    """A GeoPackage geometry blob of a 2D point."""
    return _POINT.pack(b"GP", 0, 1, srs_id, 1, 1, x, y)


def _blob_xy(blob: bytes | None) -> tuple[float, float] | None:
    if not blob or len(blob) != _POINT.size:
        return None
    return _POINT.unpack(blob)[6:8]


def feature_row(feature: dict) -> tuple | None:
    """The reports-table row of a feed Feature; None for a tombstone; ValueError & co. for a
    broken one (NaN or out-of-range coordinates, missing id or geometry)."""
    fid = int(feature["id"])
    props = feature["properties"]
    if props.get("deleted"):
        return None
    x, y = feature["geometry"]["coordinates"][:2]
    x, y = float(x), float(y)
    if not (-180 <= x <= 180 and -90 <= y <= 90):  # also false for NaN
        raise ValueError("coordinates out of range")
    return (fid, point_blob(x, y), *[props.get(c) for c in REPORT_COLUMNS])


UPSERT = (  # the store's answer to our own change: always wins
    f"INSERT INTO {REPORTS}(fid, geom, {', '.join(REPORT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * (len(REPORT_COLUMNS) + 2))}) "
    "ON CONFLICT(fid) DO UPDATE SET "
    + ", ".join(f"{c}=excluded.{c}" for c in ("geom", *REPORT_COLUMNS))
)
UPSERT_UNLESS_PENDING = f"{UPSERT} WHERE {REPORTS}.pending = 0"  # pulls keep local edits


def _st(fn_index: int):
    def fn(blob):
        xy = _blob_xy(blob)
        return None if xy is None else xy[fn_index]

    return fn


_OUTBOX_COLUMNS = (
    "op_id, report_id, base_revision, status, note, created_at, state, reason, server_state"
)


@dataclass
class OutboxChange:
    op_id: str
    report_id: int
    base_revision: int
    status: str | None
    note: str | None
    created_at: str
    state: str  # pending | rejected | conflict
    reason: str | None
    server_state: str | None = None  # the store's Feature (JSON) after a conflict

    def as_request(self) -> dict:
        change = {
            "op_id": self.op_id,
            "report_id": self.report_id,
            "base_revision": self.base_revision,
        }
        if self.status:
            change["status"] = self.status
        if self.note:
            change["note"] = self.note
        return change


# an officer's change shown on the cached report until the store confirms it
SHOW_CHANGE = (
    f"UPDATE {REPORTS} SET status=coalesce(?, status), last_note=coalesce(?, last_note), "
    "pending=1 WHERE fid=?"
)


class Cache:
    """One connection's GeoPackage. Open one Cache per thread (sqlite3 connections are not
    shared across threads)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            create_geopackage(self.path)
        try:
            self.db = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
            self.db.execute("PRAGMA busy_timeout=30000")
            for name, idx in (("ST_MinX", 0), ("ST_MaxX", 0), ("ST_MinY", 1), ("ST_MaxY", 1)):
                self.db.create_function(name, 1, _st(idx), deterministic=True)
            self.db.create_function(
                "ST_IsEmpty", 1, lambda b: 0 if _blob_xy(b) else 1, deterministic=True
            )
            version = self.get_state("schema_version")
        except sqlite3.DatabaseError as exc:
            raise CacheError(
                tr("The local cache {} is damaged or not a GeoPackage.").format(self.path),
                repr(exc),
            ) from exc
        if version != str(SCHEMA_VERSION):
            raise CacheError(tr("The local cache {} has an unknown layout.").format(self.path))
        self._add_outside_flag()

    def _add_outside_flag(self) -> None:
        """Caches made before the flag existed get the column (default 0) on first open."""
        columns = {row[1] for row in self.db.execute(f"PRAGMA table_info({REPORTS})")}
        if OUTSIDE not in columns:
            self.db.execute(
                f"ALTER TABLE {REPORTS} ADD COLUMN {OUTSIDE} INTEGER NOT NULL DEFAULT 0"
            )

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work: everything in it lands, or nothing does."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- sync state --------------------------------------------------------------------
    def get_state(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM kmzb_state WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_state(self, key: str, value: str | None) -> None:
        self.db.execute("INSERT OR REPLACE INTO kmzb_state(key, value) VALUES (?, ?)", (key, value))

    @property
    def cursor(self) -> int:
        return int(self.get_state("cursor", "0") or 0)

    # --- reports -------------------------------------------------------------------------
    def apply_page(
        self, features: Iterable[dict], cursor: int | None, state: dict[str, str] | None = None
    ) -> tuple[int, int]:
        """Write one feed page and move the cursor, atomically. Returns (upserted, deleted).

        Reports with a pending local change keep the officer's edit until the push answers.
        """
        rows, gone, bad = [], [], 0
        for feature in features:
            try:
                row = feature_row(feature)
            except (KeyError, TypeError, ValueError, IndexError):
                bad += 1  # a broken feature is skipped and counted, never stored
                continue
            if row is None:
                gone.append(int(feature["id"]))
            else:
                rows.append(row)
        with self.transaction():
            self.write_rows(rows, keep_pending=True)
            self.delete_rows(gone)
            if cursor is not None:
                self.set_state("cursor", str(cursor))
            for key, value in (state or {}).items():
                self.set_state(key, value)
            if bad:
                skipped = int(self.get_state("skipped_features", "0") or 0) + bad
                self.set_state("skipped_features", str(skipped))
        self.bad_features = bad
        return len(rows), len(gone)

    def write_rows(self, rows: list[tuple], keep_pending: bool) -> None:
        """Upsert report rows inside the caller's transaction, R-tree included.

        GDAL's triggers are set aside: inside an UPSERT, SQLite's R-tree takes the outer
        statement's conflict mode and refuses the triggers' INSERT OR REPLACE; and for bulk
        pages one executemany on the R-tree is faster than a trigger per row.
        """
        boxes = []
        for row in rows:
            x, y = _blob_xy(row[1])
            boxes.append((row[0], x, x, y, y))
        with self._bulk_triggers_off(self.db):
            self.db.executemany(UPSERT_UNLESS_PENDING if keep_pending else UPSERT, rows)
            self.db.executemany(f"INSERT OR REPLACE INTO {RTREE} VALUES (?,?,?,?,?)", boxes)

    def delete_rows(self, report_ids: list[int]) -> None:
        with self._bulk_triggers_off(self.db):
            self.db.executemany(f"DELETE FROM {REPORTS} WHERE fid=?", [(i,) for i in report_ids])
            self.db.executemany(f"DELETE FROM {RTREE} WHERE id=?", [(i,) for i in report_ids])

    @contextmanager
    def _bulk_triggers_off(self, db: sqlite3.Connection) -> Iterator[None]:
        """Drop the reports table's triggers inside the current transaction and put them
        back before it commits; the R-tree and feature count are kept by apply_page."""
        triggers = db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='trigger' AND tbl_name=?", (REPORTS,)
        ).fetchall()
        for name, _ in triggers:
            db.execute(f'DROP TRIGGER "{name}"')
        yield
        for _, sql in triggers:
            db.execute(sql)
        db.execute("UPDATE gpkg_ogr_contents SET feature_count=NULL WHERE table_name=?", (REPORTS,))

    def reset_reports(self) -> None:
        """Forget every cached report and the cursor (e.g. when the filters change)."""
        with self.transaction() as db:
            db.execute(f"DELETE FROM {REPORTS} WHERE pending = 0")
            db.execute(f"DELETE FROM {RTREE} WHERE id NOT IN (SELECT fid FROM {REPORTS})")
            self.set_state("cursor", "0")

    def report_count(self) -> int:
        return self.db.execute(f"SELECT count(*) FROM {REPORTS}").fetchone()[0]

    def report(self, report_id: int) -> dict | None:
        cur = self.db.execute(
            f"SELECT fid, pending, {', '.join(REPORT_COLUMNS)} FROM {REPORTS} WHERE fid=?",
            (report_id,),
        )
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip(["id", "pending", *REPORT_COLUMNS], row, strict=True))

    def stored_rows(self, report_ids) -> list[tuple]:
        """The cached reports as write_rows takes them (to put them back later)."""
        ids = [int(i) for i in report_ids]
        marks = ",".join("?" * len(ids)) or "NULL"
        return self.db.execute(
            f"SELECT fid, geom, {', '.join(REPORT_COLUMNS)} FROM {REPORTS} WHERE fid IN ({marks})",
            ids,
        ).fetchall()

    def finish_pull(self) -> None:
        """After the last page: the exact feature count for GDAL, fresh statistics."""
        with self.transaction() as db:
            db.execute(
                "UPDATE gpkg_ogr_contents SET feature_count="
                f"(SELECT count(*) FROM {REPORTS}) WHERE table_name=?",
                (REPORTS,),
            )

    def work_queue(
        self, open_statuses: list[str], districts: list[int] | None = None, limit: int = 1000
    ) -> list[dict]:
        """Open reports, most urgent first: overdue, then by the nearest deadline."""
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        marks = ",".join("?" * len(open_statuses)) or "''"
        where = f"status IN ({marks})"
        params: list = list(open_statuses)
        if districts is not None:
            where += f" AND district_id IN ({','.join('?' * len(districts)) or 'NULL'})"
            params += list(districts)
        due = "CASE WHEN status = 'nowe' THEN take_up_due ELSE verify_due END"
        cur = self.db.execute(
            f"SELECT fid, category, status, submitted_at, take_up_due, verify_due, district_id, "
            f"pending, {due} AS due, (verify_due < ? OR (status = 'nowe' AND take_up_due < ?)) "
            f"AS overdue FROM {REPORTS} WHERE {where} ORDER BY overdue DESC, due ASC "
            f"LIMIT {int(limit)}",
            [now, now, *params],
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur]

    def queue_counts(
        self, open_statuses: list[str], districts: list[int] | None = None
    ) -> list[dict]:
        """Per district: to take up, to verify, overdue (for a kierownik's view)."""
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        marks = ",".join("?" * len(open_statuses)) or "''"
        params: list = [now, now, *open_statuses]
        where = f"r.status IN ({marks})"
        if districts is not None:
            where += f" AND r.district_id IN ({','.join('?' * len(districts)) or 'NULL'})"
            params += list(districts)
        cur = self.db.execute(
            "SELECT r.district_id, d.name, sum(r.status = 'nowe') AS to_take_up, "
            "count(*) AS to_verify, sum(r.verify_due < ? OR (r.status = 'nowe' AND "
            f"r.take_up_due < ?)) AS overdue FROM {REPORTS} r LEFT JOIN {DISTRICTS} d "
            f"ON d.fid = r.district_id WHERE {where} GROUP BY r.district_id "
            "ORDER BY overdue DESC, to_verify DESC",
            params,
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur]

    # --- outbox --------------------------------------------------------------------------
    def record_changes(
        self, report_ids: list[int], status: str | None, note: str | None
    ) -> list[str]:
        """Save an officer's change in the cached reports and the outbox, atomically."""
        with self.transaction():
            return [self.queue_change(report_id, status, note) for report_id in report_ids]

    def queue_change(self, report_id: int, status: str | None, note: str | None) -> str:
        """One outbox row based on the cached revision, and the edit shown on the cached
        report; call inside a transaction."""
        row = self.db.execute(f"SELECT revision FROM {REPORTS} WHERE fid=?", (report_id,))
        row = row.fetchone()
        if row is None:
            raise CacheError(tr("Report {} is not in the local cache.").format(report_id))
        op_id = str(uuid.uuid4())
        self.db.execute(
            "INSERT INTO kmzb_outbox(op_id, report_id, base_revision, status, "
            "note, created_at, state) VALUES (?,?,?,?,?,?, 'pending')",
            (
                op_id,
                report_id,
                row[0],
                status,
                note,
                datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            ),
        )
        self.db.execute(
            SHOW_CHANGE,
            (status, note, report_id),
        )
        return op_id

    def show_waiting_changes(self, report_ids: list[int]) -> None:
        """After the store's version of these reports was written: put the officer's changes
        still in the outbox back on top, in order, and mark exactly those reports pending
        (call inside a transaction)."""
        ids = [(i,) for i in report_ids]
        self.db.executemany(f"UPDATE {REPORTS} SET pending=0 WHERE fid=?", ids)
        marks = ",".join("?" * len(report_ids))
        waiting = self.db.execute(
            f"SELECT report_id, status, note FROM kmzb_outbox WHERE report_id IN ({marks}) "
            "ORDER BY seq",
            report_ids,
        ).fetchall()
        self.db.executemany(
            SHOW_CHANGE,
            [(status, note, report_id) for report_id, status, note in waiting],
        )

    def outbox(self, states: tuple[str, ...] = ("pending",)) -> list[OutboxChange]:
        marks = ",".join("?" * len(states))
        cur = self.db.execute(
            f"SELECT {_OUTBOX_COLUMNS} FROM kmzb_outbox WHERE state IN ({marks}) ORDER BY seq",
            states,
        )
        return [OutboxChange(*row) for row in cur]

    def outbox_change(self, op_id: str) -> OutboxChange | None:
        row = self.db.execute(
            f"SELECT {_OUTBOX_COLUMNS} FROM kmzb_outbox WHERE op_id=?", (op_id,)
        ).fetchone()
        return OutboxChange(*row) if row else None

    def pending_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM kmzb_outbox WHERE state='pending'").fetchone()[
            0
        ]


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
            CREATE INDEX {REPORTS}_status ON {REPORTS}(status);
            CREATE INDEX {REPORTS}_district ON {REPORTS}(district_id);
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
