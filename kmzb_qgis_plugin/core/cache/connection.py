"""The open GeoPackage of one connection: its sqlite3 connection, transactions, sync state."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ...i18n import tr
from ..errors import CacheError
from . import overview
from .gpkg import register_functions
from .schema import _LATER_TABLES, OUTSIDE, REPORTS, RTREE, SCHEMA_VERSION, create_geopackage


class Connection:
    """The cache's connection; Cache adds the writes and reads (sqlite3 connections are not
    shared across threads: one per thread)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            create_geopackage(self.path)
        try:
            self.db = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
            self.db.execute("PRAGMA busy_timeout=30000")
            register_functions(self.db)
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
        if overview.ensure(self.db):
            with self.transaction() as db:
                overview.rebuild(db, RTREE)
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
