"""Report writes: feed pages (checked rows, broken ones skipped and counted), the store's
answers to our own changes, deletions, and the bulk mode of a first pull.

A bulk page writes the R-tree directly with GDAL's triggers set aside for the
transaction; a first pull sets the R-tree and the secondary indexes aside and builds them
once at its end (begin_bulk / end_bulk, build_rtree).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import NamedTuple

from . import overview
from .connection import Connection
from .gpkg import _xy, build_rtree
from .rows import (
    UPSERT,
    UPSERT_PREPARED,
    UPSERT_UNLESS_PENDING,
    _good_point,
    _NotAsTheyCame,
    feature_row,
    prepared_rows,
    rows_one_by_one,
    rows_upsert,
)
from .schema import _INDEXES, REPORTS, RTREE


class Written(NamedTuple):
    """What one feed page did to the cache."""

    upserted: int
    deleted: int
    skipped: int  # broken features, never stored (also summed in the state skipped_features)


class ReportWrites(Connection):
    """Writes of the reports table (and its R-tree)."""

    def apply_page(
        self, features: Iterable[dict], cursor: int | None, state: dict[str, str] | None = None
    ) -> Written:
        """Write one feed page and move the cursor, atomically.

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
    ) -> Written:
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

    def _apply(self, write, gone, cursor, state) -> Written:
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
        return Written(upserted, len(gone), bad)

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
                    with overview.moving(self.db, RTREE, [r[i] for r in good]):
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
                with overview.moving(self.db, RTREE, [p[0] for p in points]):
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
                build_rtree(db, counted=overview.from_boxes)
            except ImportError:  # no numpy (QGIS ships it): SQLite's own, ~7x slower
                db.execute(f"DELETE FROM {RTREE}")
                db.execute(
                    f"INSERT INTO {RTREE} SELECT fid, ST_MinX(geom), ST_MaxX(geom), "
                    f"ST_MinY(geom), ST_MaxY(geom) FROM {REPORTS} WHERE NOT ST_IsEmpty(geom)"
                )
                overview.rebuild(db, RTREE)
            self.set_state("bulk", None)

    def delete_rows(self, report_ids: list[int]) -> None:
        with self._bulk_triggers_off(self.db):
            self.db.executemany(f"DELETE FROM {REPORTS} WHERE fid=?", [(i,) for i in report_ids])
            with overview.moving(self.db, RTREE, report_ids):
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
            overview.rebuild(db, RTREE)
            self.set_state("cursor", "0")

    def finish_pull(self) -> None:
        """After the last page: the exact feature count for GDAL, fresh statistics."""
        with self.transaction() as db:
            db.execute(
                "UPDATE gpkg_ogr_contents SET feature_count="
                f"(SELECT count(*) FROM {REPORTS}) WHERE table_name=?",
                (REPORTS,),
            )
