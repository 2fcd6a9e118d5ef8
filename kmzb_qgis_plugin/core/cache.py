"""The local GeoPackage cache of one connection: reports, districts, outbox, sync state.

QGIS shows the GeoPackage's own layers, so reports render fast, work offline and survive a
restart. We write through plain sqlite3 for speed; GDAL's R-tree triggers call ``ST_*``
functions that only GDAL defines, so we register equivalents for point blobs, and bulk page
writes fill the R-tree directly with the triggers set aside for the transaction. A first
pull sets the R-tree and the secondary indexes aside and builds them once at its end
(begin_bulk / end_bulk, build_rtree).
"""

from __future__ import annotations

import json
import math
import operator
import sqlite3
import struct
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..i18n import tr
from . import cache_overview
from .errors import CacheError
from .model import Meta, quoted
from .session import session

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

_POINT = struct.Struct("<2sBBiBIdd")  # GPKG header (no envelope, little endian) + WKB point
# secondary indexes of the reports table: a first pull builds them once at its end
_INDEXES = {
    f"{REPORTS}_status": f"CREATE INDEX IF NOT EXISTS {REPORTS}_status ON {REPORTS}(status)",
    f"{REPORTS}_district": (
        f"CREATE INDEX IF NOT EXISTS {REPORTS}_district ON {REPORTS}(district_id)"
    ),
}


def point_blob(x: float, y: float, srs_id: int = 4326) -> bytes:
    """A GeoPackage geometry blob of a 2D point."""
    return _POINT.pack(b"GP", 0, 1, srs_id, 1, 1, x, y)


def _blob_xy(blob: bytes | None) -> tuple[float, float] | None:
    if not blob or len(blob) != _POINT.size:
        return None
    return _POINT.unpack(blob)[6:8]


def _xy(blob: bytes | None) -> tuple[float, float]:
    """x, y of a point blob; TypeError for anything else."""
    xy = _blob_xy(blob)
    if xy is None:
        raise TypeError("not a point blob")
    return xy


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


def _good_point(fid, x, y) -> bool:
    return (
        type(fid) is int
        and type(x) in (float, int)
        and type(y) in (float, int)
        and -180 <= x <= 180
        and -90 <= y <= 90
    )


def rows_one_by_one(columns: list, rows: list) -> tuple[list[tuple], int]:
    """Reports-table rows of a rows-format page, one by one: (rows, broken ones skipped)."""
    out, bad = [], 0
    for values in rows:
        try:
            if len(values) != len(columns):
                raise ValueError("row width")
            feature = dict(zip(columns, values, strict=True))
            row = feature_row(
                {
                    "id": feature["id"],
                    "geometry": {"coordinates": [feature["lon"], feature["lat"]]},
                    "properties": feature,
                }
            )
            if row is None or not all(map(_bindable, (row[0], *row[2:]))):
                raise TypeError("a value SQLite cannot store")
        except (KeyError, TypeError, ValueError, IndexError):
            bad += 1
            continue
        out.append(row)
    return out, bad


def _bindable(value) -> bool:
    if type(value) is int:
        return -(2**63) <= value < 2**63
    return value is None or type(value) in (float, str)


def rows_upsert(columns: tuple[str, ...]) -> str | None:
    """An UPSERT taking a rows-format row as it is (its values bound by position), checking
    id and coordinates in SQL and building the geometry with kmzb_point(); None when the
    columns do not allow it. Rows failing the check are left out (a NaN binds as NULL)."""
    at = {name: i + 1 for i, name in enumerate(columns)}
    if len(at) != len(columns) or not {"id", "lon", "lat"} <= at.keys():
        return None
    i, x, y = (f"?{at[k]}" for k in ("id", "lon", "lat"))
    values = [
        i,
        f"kmzb_point({x}, {y})",
        *(f"?{at[c]}" if c in at else "NULL" for c in REPORT_COLUMNS),
    ]
    used = {"id", "lon", "lat", *REPORT_COLUMNS}
    # every parameter must appear in the statement: columns this cache does not keep too
    ignored = "".join(f" AND (?{n} IS NULL OR 1)" for c, n in at.items() if c not in used)
    return (
        f"INSERT INTO {REPORTS}(fid, geom, {', '.join(REPORT_COLUMNS)}) "
        f"SELECT {', '.join(values)} WHERE typeof({i}) = 'integer' "
        f"AND typeof({x}) IN ('real', 'integer') AND typeof({y}) IN ('real', 'integer') "
        f"AND {x} BETWEEN -180 AND 180 AND {y} BETWEEN -90 AND 90{ignored} "
        "ON CONFLICT(fid) DO UPDATE SET "
        + ", ".join(f"{c}=excluded.{c}" for c in ("geom", *REPORT_COLUMNS))
        + f" WHERE {REPORTS}.pending = 0"
    )


# the UPSERT of prepared_rows' tuples: the geometry last
UPSERT_PREPARED = (
    f"INSERT INTO {REPORTS}(fid, {', '.join(REPORT_COLUMNS)}, geom) "
    f"VALUES ({', '.join('?' * (len(REPORT_COLUMNS) + 2))}) "
    "ON CONFLICT(fid) DO UPDATE SET "
    + ", ".join(f"{c}=excluded.{c}" for c in ("geom", *REPORT_COLUMNS))
    + f" WHERE {REPORTS}.pending = 0"
)


def prepared_rows(columns: list, rows: list) -> list[tuple] | None:
    """A rows-format page as UPSERT_PREPARED takes it, when every row has an integer id and
    coordinates in range and the page all of our columns: the values picked in C
    (itemgetter), the point blob packed here. SQLite would take the rows as they came
    (rows_upsert), but its INSERT ... SELECT with checks and a Python function per row
    costs a third more; None otherwise."""
    at = {c: k for k, c in enumerate(columns)}
    if len(at) != len(columns) or not {"id", "lon", "lat", *REPORT_COLUMNS} <= at.keys():
        return None
    i, x, y = at["id"], at["lon"], at["lat"]
    if not all(_good_point(r[i], r[x], r[y]) for r in rows):
        return None
    pick = operator.itemgetter(i, *(at[c] for c in REPORT_COLUMNS))
    pack = _POINT.pack
    return [(*pick(r), pack(b"GP", 0, 1, 4326, 1, 1, r[x], r[y])) for r in rows]


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
class NewThreat:
    """A police-sourced threat waiting in the outbox: its POST /reports item, and its id in
    the cache until the store gives it one."""

    op_id: str
    local_id: int
    item: dict
    state: str  # pending | rejected
    reason: str | None


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


class _NotAsTheyCame(Exception):
    """A rows-format page SQLite cannot take as it came."""


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
            self.db.create_function("kmzb_point", 2, point_blob, deterministic=True)
            version = self.get_state("schema_version")
        except sqlite3.DatabaseError as exc:
            raise CacheError(
                tr("The local cache {} is damaged or not a GeoPackage.").format(self.path),
                repr(exc),
            ) from exc
        if version != str(SCHEMA_VERSION):
            raise CacheError(tr("The local cache {} has an unknown layout.").format(self.path))
        self._add_later_columns()

    def _add_later_columns(self) -> None:
        """Caches made before a column or table existed get it on first open."""
        columns = {row[1] for row in self.db.execute(f"PRAGMA table_info({REPORTS})")}
        if OUTSIDE not in columns:
            self.db.execute(
                f"ALTER TABLE {REPORTS} ADD COLUMN {OUTSIDE} INTEGER NOT NULL DEFAULT 0"
            )
        if "source" not in columns:
            self.db.execute(f"ALTER TABLE {REPORTS} ADD COLUMN source TEXT")
        self.db.executescript(_LATER_TABLES)
        if cache_overview.ensure(self.db):
            with self.transaction() as db:
                cache_overview.rebuild(db, RTREE)
        # the few flagged reports and the few not yet located, for assign_districts after
        # every pull (a scan of a million rows costs a second; walking the flagged ones in
        # reports_district 0.4 s); tiny, so kept through bulk pulls too
        self.db.execute(
            f"CREATE INDEX IF NOT EXISTS {REPORTS}_outside ON {REPORTS}(district_id) "
            f"WHERE {OUTSIDE} = 1"
        )
        self.db.execute(
            f"CREATE INDEX IF NOT EXISTS {REPORTS}_unlocated ON {REPORTS}(district_id) "
            f"WHERE district_id IS NULL AND {OUTSIDE} = 0"
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
        return self._apply(
            lambda: (self.write_rows(rows, keep_pending=True), bad), gone, cursor, state
        )

    def apply_rows(
        self,
        columns: list,
        rows: list,
        deleted: list[int],
        cursor: int | None,
        state: dict[str, str] | None = None,
    ) -> tuple[int, int]:
        """apply_page for a page in the feed's rows format (docs/api.md).

        The rows go to SQLite as they came (no Python step per value); a page SQLite cannot
        take so (a row of the wrong width, a value of the wrong type) is rolled back and
        goes row by row instead (a savepoint would make every page 50 % slower)."""
        gone = [int(i) for i in deleted]
        try:
            return self._apply(lambda: self._write_row_lists(columns, rows), gone, cursor, state)
        except _NotAsTheyCame:
            pass

        def one_by_one() -> tuple[int, int]:
            data, bad = rows_one_by_one(columns, rows)
            return self.write_rows(data, keep_pending=True), bad

        return self._apply(one_by_one, gone, cursor, state)

    def _apply(self, write, gone, cursor, state) -> tuple[int, int]:
        with self.transaction():
            upserted, bad = write()
            self.delete_rows(gone)
            if cursor is not None:
                self.set_state("cursor", str(cursor))
            for key, value in (state or {}).items():
                self.set_state(key, value)
            if bad:
                skipped = int(self.get_state("skipped_features", "0") or 0) + bad
                self.set_state("skipped_features", str(skipped))
        self.bad_features = bad
        return upserted, len(gone)

    def _write_row_lists(self, columns: list, rows: list) -> tuple[int, int]:
        """Rows-format rows into the table: (upserted, broken ones skipped)."""
        sql = rows_upsert(tuple(columns)) if all(type(c) is str for c in columns) else None
        try:
            if sql is None or not set(map(len, rows)) <= {len(columns)}:
                raise _NotAsTheyCame
            prepared = prepared_rows(columns, rows)
            with self._bulk_triggers_off(self.db):
                at = [columns.index(k) for k in ("id", "lon", "lat")]
                good = rows
                if prepared is not None:  # every row good
                    self.db.executemany(UPSERT_PREPARED, prepared)
                    del prepared
                else:
                    before = self.db.total_changes
                    self.db.executemany(sql, rows)
                    if self.db.total_changes - before != len(rows):  # broken or pending ones
                        good = [r for r in rows if _good_point(*(r[k] for k in at))]
                if self.get_state("bulk") != "1":
                    i, x, y = at
                    with cache_overview.moving(self.db, RTREE, [r[i] for r in good]):
                        self.db.executemany(
                            f"INSERT OR REPLACE INTO {RTREE} VALUES (?,?,?,?,?)",
                            [(r[i], r[x], r[x], r[y], r[y]) for r in good],
                        )
        except (
            sqlite3.InterfaceError,
            sqlite3.ProgrammingError,
            TypeError,
            ValueError,
            OverflowError,
        ) as exc:
            raise _NotAsTheyCame from exc
        return len(good), len(rows) - len(good)

    def write_rows(self, rows: list[tuple], keep_pending: bool) -> int:
        """Upsert report rows inside the caller's transaction, R-tree included (unless a bulk
        pull builds it at the end).

        GDAL's triggers are set aside: inside an UPSERT, SQLite's R-tree takes the outer
        statement's conflict mode and refuses the triggers' INSERT OR REPLACE; and for bulk
        pages one executemany on the R-tree is faster than a trigger per row.
        """
        points = [(row[0], *_xy(row[1])) for row in rows]
        with self._bulk_triggers_off(self.db):
            self.db.executemany(UPSERT_UNLESS_PENDING if keep_pending else UPSERT, rows)
            if self.get_state("bulk") != "1":
                with cache_overview.moving(self.db, RTREE, [p[0] for p in points]):
                    self.db.executemany(
                        f"INSERT OR REPLACE INTO {RTREE} VALUES (?,?,?,?,?)",
                        [(i, x, x, y, y) for i, x, y in points],
                    )
        return len(points)

    @contextmanager
    def fast_writes(self) -> Iterator[None]:
        """This connection without an fsync at each page's commit during a pull, put back
        after it: WAL with synchronous=NORMAL stays consistent through a crash or power
        loss, which can only cost the last pages, cursor with them; the next pull fetches
        them again. (A bigger page cache only added to the peak memory.)"""
        before = self.db.execute("PRAGMA synchronous").fetchone()[0]
        self.db.execute("PRAGMA synchronous=NORMAL")
        try:
            yield
        finally:
            self.db.execute(f"PRAGMA synchronous={int(before)}")

    def begin_bulk(self) -> None:
        """Before a first pull: set the secondary indexes and the R-tree aside; end_bulk
        builds them once over all rows (many times faster than row by row)."""
        with self.transaction() as db:
            for name in _INDEXES:
                db.execute(f"DROP INDEX IF EXISTS {name}")
            self.set_state("bulk", "1")

    def end_bulk(self) -> None:
        """After a bulk pull, also a cancelled or killed one: indexes and R-tree complete."""
        if self.get_state("bulk") != "1":
            return
        with self.transaction() as db:
            for sql in _INDEXES.values():
                db.execute(sql)
            try:
                build_rtree(db, counted=cache_overview.from_boxes)
            except ImportError:  # no numpy (QGIS ships it): SQLite's own, ~7x slower
                db.execute(f"DELETE FROM {RTREE}")
                db.execute(
                    f"INSERT INTO {RTREE} SELECT fid, ST_MinX(geom), ST_MaxX(geom), "
                    f"ST_MinY(geom), ST_MaxY(geom) FROM {REPORTS} WHERE NOT ST_IsEmpty(geom)"
                )
                cache_overview.rebuild(db, RTREE)
            self.set_state("bulk", None)

    def delete_rows(self, report_ids: list[int]) -> None:
        with self._bulk_triggers_off(self.db):
            self.db.executemany(f"DELETE FROM {REPORTS} WHERE fid=?", [(i,) for i in report_ids])
            with cache_overview.moving(self.db, RTREE, report_ids):
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
            cache_overview.rebuild(db, RTREE)
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
        self, meta: Meta, districts: list[int] | None = None, limit: int = 1000
    ) -> list[dict]:
        """Open reports, most urgent first: overdue, then by the nearest deadline."""
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        where = f"status IN ({quoted(meta.open_codes())})"
        params: list = []
        if districts is not None:
            where += f" AND district_id IN ({','.join('?' * len(districts)) or 'NULL'})"
            params += list(districts)
        cur = self.db.execute(
            f"SELECT fid, category, status, submitted_at, take_up_due, verify_due, district_id, "
            f"pending, {meta.due_sql()} AS due, {meta.overdue_sql()} "
            f"AS overdue FROM {REPORTS} WHERE {where} ORDER BY overdue DESC, due ASC "
            f"LIMIT {int(limit)}",
            [now, now, *params],
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur]

    def queue_counts(self, meta: Meta, districts: list[int] | None = None) -> list[dict]:
        """Per district: to take up, to verify, overdue (for a kierownik's view)."""
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        params: list = [now, now]
        where = f"r.status IN ({quoted(meta.open_codes())})"
        if districts is not None:
            where += f" AND r.district_id IN ({','.join('?' * len(districts)) or 'NULL'})"
            params += list(districts)
        cur = self.db.execute(
            f"SELECT r.district_id, d.name, sum(r.status = {quoted([meta.new_code])}) "
            f"AS to_take_up, count(*) AS to_verify, sum({meta.overdue_sql('r.')}) AS overdue "
            f"FROM {REPORTS} r LEFT JOIN {DISTRICTS} d "
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
        return self.db.execute(
            "SELECT (SELECT count(*) FROM kmzb_outbox WHERE state='pending') + "
            "(SELECT count(*) FROM kmzb_new_reports WHERE state='pending')"
        ).fetchone()[0]

    # --- what the user was told of (notifications) -------------------------------------
    def unseen(
        self,
        kind: str,
        statuses: list[str],
        districts: list[int] | None,
        due_between: tuple[str, str] | None = None,
        meta: Meta | None = None,
    ) -> list[int]:
        """Reports in these statuses (and districts) the user was not told of as ``kind``;
        with ``due_between`` (and ``meta``), only those whose next deadline falls in that
        span."""
        where = f"status IN ({','.join('?' * len(statuses)) or 'NULL'}) AND fid < ?"
        params: list = [*statuses, NEW_ID_BASE]
        if districts is not None:
            where += f" AND district_id IN ({','.join('?' * len(districts)) or 'NULL'})"
            params += list(districts)
        if due_between is not None:
            assert meta is not None, "the next deadline is the catalogue's rule"
            where += f" AND ({meta.due_sql()}) BETWEEN ? AND ?"
            params += list(due_between)
        cur = self.db.execute(
            f"SELECT fid FROM {REPORTS} WHERE {where} AND fid NOT IN "
            "(SELECT report_id FROM kmzb_seen WHERE kind = ?) ORDER BY fid",
            [*params, kind],
        )
        return [row[0] for row in cur]

    def mark_seen(self, kind: str, report_ids: list[int]) -> None:
        self.db.executemany(
            "INSERT OR IGNORE INTO kmzb_seen(report_id, kind) VALUES (?, ?)",
            [(int(i), kind) for i in report_ids],
        )

    # --- police-sourced threats added in QGIS ------------------------------------------
    def record_new_threat(self, item: dict) -> int:
        """A threat an officer adds (``item`` as POST /reports takes it, with its op_id):
        shown among the cached reports and queued in the outbox, atomically. Returns its
        local id."""
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        meta = session(self).meta
        assert meta is not None, "threats are added only after a pull"
        with self.transaction() as db:
            seq = db.execute(
                "INSERT INTO kmzb_new_reports(op_id, item, created_at, state) "
                "VALUES (?, ?, ?, 'pending')",
                (item["op_id"], json.dumps(item), now),
            ).lastrowid
            assert seq is not None
            local_id = NEW_ID_BASE + seq
            db.execute("UPDATE kmzb_new_reports SET local_id=? WHERE seq=?", (local_id, seq))
            props = {
                **item,
                "revision": 0,
                "status": meta.new_code,
                "submitted_at": now,
                "updated_at": now,
            }
            feature = {"id": local_id, "geometry": {"coordinates": [item["lon"], item["lat"]]}}
            row = feature_row({**feature, "properties": props})
            assert row is not None  # not a tombstone
            self.write_rows([row], keep_pending=False)
            db.execute(f"UPDATE {REPORTS} SET pending=1 WHERE fid=?", (local_id,))
        return local_id

    def new_threats(self, states: tuple[str, ...] = ("pending",)) -> list[NewThreat]:
        marks = ",".join("?" * len(states))
        cur = self.db.execute(
            f"SELECT op_id, local_id, item, state, reason FROM kmzb_new_reports "
            f"WHERE state IN ({marks}) ORDER BY seq",
            states,
        )
        return [NewThreat(op, local, json.loads(item), st, why) for op, local, item, st, why in cur]

    def settle_new_threats(self, answers: list[tuple[NewThreat, dict]]) -> None:
        """The store's answers to new threats, in one transaction: an applied one takes its
        store id and version (changes queued on it follow), a refused one leaves the map
        and stays in the outbox with the reason."""
        with self.transaction() as db:
            for threat, answer in answers:
                self.delete_rows([threat.local_id])
                if answer.get("result") == "applied":
                    row = feature_row(answer.get("report") or {})
                    self.write_rows([row] if row else [], keep_pending=False)
                    db.execute("DELETE FROM kmzb_new_reports WHERE op_id=?", (threat.op_id,))
                    self.mark_seen("new", [int(answer["id"])])  # one's own: no news
                    db.execute(
                        "UPDATE kmzb_outbox SET report_id=?, base_revision=? WHERE report_id=?",
                        (int(answer["id"]), int(answer["revision"]), threat.local_id),
                    )
                else:
                    reason = answer.get("reason") or tr("You may not add a threat there.")
                    db.execute(
                        "UPDATE kmzb_new_reports SET state='rejected', reason=? WHERE op_id=?",
                        (str(reason)[:1000], threat.op_id),
                    )

    def dismiss_new_threat(self, op_id: str) -> bool:
        """The officer read a refused threat's reason and lets it go: it leaves the outbox
        with the changes queued on it (they can never be sent). False when not refused."""
        with self.transaction() as db:
            row = db.execute(
                "SELECT local_id FROM kmzb_new_reports WHERE op_id=? AND state='rejected'",
                (op_id,),
            ).fetchone()
            if row is None:
                return False
            db.execute("DELETE FROM kmzb_outbox WHERE report_id=?", (row[0],))
            db.execute("DELETE FROM kmzb_new_reports WHERE op_id=?", (op_id,))
        return True


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


def build_rtree(
    db: sqlite3.Connection, table: str = REPORTS, rtree: str = RTREE, counted=None
) -> None:
    """Fill the GeoPackage R-tree of a point table at once (sort-tile-recursive packing),
    writing SQLite's R-tree shadow tables (node, rowid, parent) directly, in the format of
    SQLite's rtree.c: each node a blob of 2 bytes depth (root only), 2 bytes cell count and
    cells of rowid + minx, maxx, miny, maxy as float32 rounded outwards, big endian; node 1
    is the root. Inserting a million points one by one costs ~15 s; this ~2 s.
    ``counted(db, minx, miny)`` gets the boxes' corners as float32 arrays (the overview).
    """
    import numpy as np

    cell = np.dtype([("id", ">i8"), ("box", ">f4", 4)])
    point = np.dtype([("head", "V8"), ("wkb", "V5"), ("x", "<f8"), ("y", "<f8")])
    total = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # from an index
    # filled in place, a slice at a time, the boxes as stored (float32): 24 bytes a point,
    # each array let go as soon as the next step has what it needs (5M points: ~240 MB top)
    fid, boxes = np.zeros(total, np.int64), np.zeros((total, 4), np.float32)
    got = 0
    cur = db.execute(
        f"SELECT fid, geom FROM {table} WHERE length(geom) = 29 ORDER BY fid LIMIT ?", (total,)
    )
    while chunk := cur.fetchmany(50_000):
        ids, geoms = zip(*chunk, strict=True)
        pts = np.frombuffer(b"".join(geoms), dtype=point)
        fid[got : got + len(ids)] = ids
        x, y = pts["x"], pts["y"]
        boxes[got : got + len(ids)] = np.stack([_down(x), _up(x), _down(y), _up(y)], axis=1)
        got += len(ids)
    fid, boxes = fid[:got], boxes[:got]
    size = db.execute(f'SELECT length(data) FROM "{rtree}_node" WHERE nodeno = 1').fetchone()[0]
    cap = (size - 4) // cell.itemsize
    for suffix in ("node", "rowid", "parent"):
        db.execute(f'DELETE FROM "{rtree}_{suffix}"')
    n = len(fid)
    # leaves: slices along x, each sorted along y and cut into runs of `cap` points
    leaves = max(1, math.ceil(n / cap))
    per_slice = math.ceil(leaves / max(1, math.ceil(math.sqrt(leaves)))) * cap
    order = np.argsort(boxes[:, 0], kind="stable")
    for i in range(0, n, per_slice):
        part = order[i : i + per_slice]
        order[i : i + per_slice] = part[np.argsort(boxes[part, 2], kind="stable")]
    leaf_ids = fid[order]
    del fid
    boxes = boxes[order]
    del order
    if counted is not None:
        counted(db, boxes[:, 0], boxes[:, 2])
    starts = np.arange(0, n, cap) if n else np.zeros(1, np.int64)
    # levels bottom-up: (child ids, boxes, start of each node's run)
    levels: list[tuple[np.ndarray | None, np.ndarray, np.ndarray]] = [(leaf_ids, boxes, starts)]
    while len(levels[-1][2]) > 1:
        _, b, st = levels[-1]
        up = np.stack(
            [
                np.minimum.reduceat(b[:, 0], st),
                np.maximum.reduceat(b[:, 1], st),
                np.minimum.reduceat(b[:, 2], st),
                np.maximum.reduceat(b[:, 3], st),
            ],
            axis=1,
        )
        levels.append((None, up, np.arange(0, len(st), cap)))
    # node numbers top-down: the root is 1
    first: list[int] = []
    no = 1
    for lvl in reversed(levels):
        first.insert(0, no)
        no += len(lvl[2])
    depth = len(levels) - 1
    node_sql = f'INSERT INTO "{rtree}_node" VALUES (?, ?)'
    for h, (members, b, st) in enumerate(levels):
        count = len(b)
        if members is None:  # an inner node's cells point at the nodes below
            members = np.arange(first[h - 1], first[h - 1] + count)
            parent = first[h] + np.arange(count) // cap
            _insert_pairs(db, f'INSERT INTO "{rtree}_parent" VALUES (?, ?)', members, parent)
        cells = np.empty(count, dtype=cell)
        cells["id"], cells["box"] = members, b
        db.executemany(node_sql, _nodes(cells, st.tolist(), first[h], cap, size, depth, h))
        del cells
    del levels, boxes
    back = np.argsort(leaf_ids, kind="stable")  # the rowid table in id order: its fast way in
    _insert_pairs(
        db, f'INSERT INTO "{rtree}_rowid" VALUES (?, ?)', leaf_ids[back], first[0] + back // cap
    )


def _nodes(cells, starts: list[int], first: int, cap: int, size: int, depth: int, height: int):
    """The node blobs of one level, one by one (a million points make 20,000 nodes)."""
    for k, s0 in enumerate(starts):
        run = cells[s0 : s0 + cap]
        head = struct.pack(">HH", depth if height == depth else 0, len(run))
        yield first + k, (head + run.tobytes()).ljust(size, b"\0")


def _insert_pairs(db: sqlite3.Connection, sql: str, a, b, chunk: int = 100_000) -> None:
    """Insert two integer arrays as rows, a slice at a time (Python ints cost 28 bytes)."""
    for i in range(0, len(a), chunk):
        db.executemany(sql, zip(a[i : i + chunk].tolist(), b[i : i + chunk].tolist(), strict=True))


def _down(v):
    """float64 -> the nearest float32 not above (as SQLite's R-tree stores a box's min)."""
    import numpy as np

    f = v.astype(np.float32)
    return np.where(f > v, np.nextafter(f, np.float32(-np.inf)), f)


def _up(v):
    import numpy as np

    f = v.astype(np.float32)
    return np.where(f < v, np.nextafter(f, np.float32(np.inf)), f)
