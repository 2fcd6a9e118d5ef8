"""A small database layer over sqlite3 and psycopg 3: two dialects, one calling convention.

SQL in this package is written with ``?`` placeholders; for PostgreSQL they become ``%s``.
Write transactions are serialised on both databases, so revisions are assigned and committed
in the same order (the changes feed relies on that: a reader never sees revision N+1 before
revision N):

* SQLite: a process-wide lock plus ``BEGIN IMMEDIATE`` (other processes wait on
  ``busy_timeout``), WAL journal so readers never block writers.
* PostgreSQL: ``pg_advisory_xact_lock`` at the start of every write transaction.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import queue
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from urllib.parse import unquote, urlparse

from .dialect import POSTGRESQL, SQLITE

DEFAULT_URL = "sqlite:///kmzb.db"
ENV_URL = "KMZB_STORE_DB"
_PG_WRITE_LOCK_KEY = 0x4B4D5A42  # "KMZB"
SQLITE_BUSY_TIMEOUT_MS = 60_000


@functools.cache
def _bytes_loader() -> type:
    """psycopg's own (C) loader of binary bytea, used for text: a value comes as the UTF-8
    bytes the server sent (psycopg is imported only for PostgreSQL)."""
    import psycopg

    return psycopg.adapters.get_loader(17, psycopg.pq.Format.BINARY)  # 17: bytea


class DatabaseError(Exception):
    """A configuration or connection problem worth a clear message, not a traceback."""


def resolve_url(url: str | None) -> str:
    return url or os.environ.get(ENV_URL) or DEFAULT_URL


def sqlite_path(url: str) -> str:
    """``sqlite:///rel.db`` → ``rel.db``; ``sqlite:////abs/x.db`` → ``/abs/x.db``."""
    rest = url[len("sqlite:") :]
    if rest.startswith("///"):
        rest = rest[3:]
    elif rest.startswith("//"):
        rest = rest[2:]
    rest = rest.split("?", 1)[0]
    if not rest:
        raise DatabaseError(f"no file name in database URL {url!r}")
    return unquote(rest)


def _to_pg(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


class Connection:
    """One connection; thin wrapper that translates placeholders and tracks revisions."""

    def __init__(self, db: Database, raw: Any):
        self.db = db
        self.raw = raw
        self.dialect = db.dialect
        self._revision: int | None = None
        self._revision_start: int | None = None
        self.in_write = False

    # --- statements -----------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        if self.dialect.is_sqlite:
            return sql
        cache = self.db._sql_cache
        out = cache.get(sql)
        if out is None:
            out = cache[sql] = _to_pg(sql)
        return out

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.raw.execute(self._sql(sql), params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        if self.dialect.is_sqlite:
            self.raw.executemany(sql, rows)
        else:
            with self.raw.cursor() as cur:
                cur.executemany(self._sql(sql), rows)

    def stream_bytes(self, sql: str, params: Sequence[Any], size: int) -> Iterator[list[Any]]:
        """The rows of a query in lists of up to ``size``, each list as soon as it has come,
        with text values as UTF-8 bytes, not decoded (JSON built by the database goes to the
        client as it came). PostgreSQL: in binary format, in which megabytes of text come
        through in half the time, in libpq's chunked rows mode (the server sends on while
        the caller works on a list)."""
        if self.dialect.is_sqlite:
            self.raw.text_factory = bytes
            try:
                cur = self.raw.execute(sql, params)
                while chunk := cur.fetchmany(size):
                    yield chunk
            finally:
                self.raw.text_factory = str
            return
        cur = self.raw.cursor(binary=True)
        cur.adapters.register_loader("text", _bytes_loader())
        from psycopg import pq

        chunked = pq.version() >= 170000  # libpq 17+; older: row by row, slower, same rows
        rows = cur.stream(self._sql(sql), params, size=size if chunked else 1)
        while chunk := list(itertools.islice(rows, size)):
            yield chunk

    def one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.execute(sql, params).fetchone()

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return None if row is None else row[0]

    def insert_id(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run an INSERT and return the new row's ``id``."""
        return int(self.scalar(sql + " RETURNING id", params))

    # --- revisions ------------------------------------------------------------------
    def next_revision(self) -> int:
        """The next number of the global revision sequence (inside a write transaction)."""
        if not self.in_write:
            raise RuntimeError("revisions are only handed out inside a write transaction")
        if self._revision is None:
            self._revision = self._revision_start = int(
                self.scalar("SELECT value FROM counters WHERE name = 'revision'")
            )
        self._revision += 1
        return self._revision

    def reserve_revisions(self, n: int) -> int:
        """Reserve ``n`` consecutive revisions; returns the first."""
        first = self.next_revision()
        self._revision = first + n - 1
        return first

    def current_revision(self) -> int:
        if self._revision is not None:
            return self._revision
        return int(self.scalar("SELECT value FROM counters WHERE name = 'revision'"))

    def _flush_revision(self) -> None:
        if self._revision is not None and self._revision != self._revision_start:
            self.execute("UPDATE counters SET value = ? WHERE name = 'revision'", (self._revision,))
        self._revision = self._revision_start = None

    def bump_setting_version(self, key: str) -> None:
        """Increment an integer setting (cache invalidation across processes)."""
        self.execute(
            "UPDATE settings SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = ?",
            (key,),
        )


class Database:
    """A database URL plus a small connection pool."""

    def __init__(self, url: str | None = None, pool_size: int = 16):
        self.url = resolve_url(url)
        if self.url.startswith("sqlite:"):
            self.dialect = SQLITE
            self.path = sqlite_path(self.url)
        elif self.url.startswith(("postgresql:", "postgres:")):
            self.dialect = POSTGRESQL
            self.path = None
        else:
            raise DatabaseError(
                f"unsupported database URL {self.redacted_url()!r}: use sqlite:///FILE "
                "or postgresql://USER@HOST:PORT/DB"
            )
        self._idle: queue.LifoQueue[Connection] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(pool_size)
        self._write_lock = threading.Lock()
        self._sql_cache: dict[str, str] = {}
        self._closed = False

    def redacted_url(self) -> str:
        p = urlparse(self.url)
        if p.password:
            return self.url.replace(f":{p.password}@", ":***@")
        return self.url

    # --- connections ----------------------------------------------------------------
    def _connect(self) -> Connection:
        if self.dialect.is_sqlite:
            raw = sqlite3.connect(
                self.path,
                isolation_level=None,
                check_same_thread=False,
                timeout=SQLITE_BUSY_TIMEOUT_MS / 1000,
            )
            raw.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            raw.execute("PRAGMA journal_mode = WAL")
            raw.execute("PRAGMA synchronous = NORMAL")
            raw.execute("PRAGMA foreign_keys = ON")
            raw.execute("PRAGMA cache_size = -65536")
            raw.execute("PRAGMA temp_store = MEMORY")
            return Connection(self, raw)
        try:
            import psycopg
        except ImportError as e:  # pragma: no cover - psycopg is a declared dependency
            raise DatabaseError("psycopg 3 is needed for PostgreSQL") from e
        try:
            raw = psycopg.connect(self.url, autocommit=True)
        except psycopg.OperationalError as e:
            raise DatabaseError(f"cannot connect to {self.redacted_url()}: {e}") from None
        raw.execute("SET TIME ZONE 'UTC'")
        raw.execute("SET jit = off")  # JIT costs more than it saves on these short queries
        # parallel workers take ~25 ms to start: more than a feed page's whole query, and a
        # busy store has no idle cores to lend them anyway
        raw.execute("SET max_parallel_workers_per_gather = 0")
        # a 10,000-feature page is sorted and aggregated in memory, not in temp files
        raw.execute("SET work_mem = '32MB'")
        # the working set is in RAM or on SSD (the usual advice for either): with the default
        # 4 the planner sorts a whole city cell rather than read it in index order (feed.py)
        raw.execute("SET random_page_cost = 1.1")
        # plan every statement with its actual values: a generic plan for the feed cannot
        # know whether a bbox holds 1 % or 50 % of the reports
        raw.prepare_threshold = None
        return Connection(self, raw)

    def connect(self) -> Connection:
        """A fresh connection outside the pool (the caller closes ``.raw``)."""
        return self._connect()

    @contextlib.contextmanager
    def _lease(self) -> Iterator[Connection]:
        if self._closed:
            raise DatabaseError("database closed")
        self._slots.acquire()
        try:
            try:
                conn = self._idle.get_nowait()
            except queue.Empty:
                conn = self._connect()
            ok = False
            try:
                yield conn
                ok = True
            finally:
                if ok and not self._closed and self._healthy(conn):
                    self._idle.put(conn)
                else:
                    with contextlib.suppress(Exception):
                        conn.raw.close()
        finally:
            self._slots.release()

    def _healthy(self, conn: Connection) -> bool:
        if self.dialect.is_sqlite:
            return not conn.raw.in_transaction
        from psycopg import pq

        return conn.raw.info.transaction_status == pq.TransactionStatus.IDLE

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only transaction with one consistent snapshot."""
        with self._lease() as conn:
            conn.raw.execute(self.dialect.begin_read)
            try:
                yield conn
            finally:
                conn.raw.execute(self.dialect.end_read)

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """A serialised write transaction; commits on success, rolls back on error."""
        with self._lease() as conn:
            if self.dialect.is_sqlite:
                with self._write_lock:
                    yield from self._write_body(conn, "BEGIN IMMEDIATE")
            else:
                yield from self._write_body(conn, "BEGIN")

    def _write_body(self, conn: Connection, begin: str) -> Iterator[Connection]:
        conn.raw.execute(begin)
        conn.in_write = True
        try:
            if self.dialect.is_postgresql:
                conn.raw.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_WRITE_LOCK_KEY,))
            yield conn
            conn._flush_revision()
            conn.raw.execute("COMMIT")
        except BaseException:
            conn._revision = conn._revision_start = None
            with contextlib.suppress(Exception):
                conn.raw.execute("ROLLBACK")
            raise
        finally:
            conn.in_write = False

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                conn = self._idle.get_nowait()
            except queue.Empty:
                break
            with contextlib.suppress(Exception):
                conn.raw.close()
