"""Numbered schema migrations, tracked in ``schema_migrations``.

A migration is applied once, in its own transaction, by ``kmzb-store init`` (which creates a
new database or upgrades an existing one). Each version is a module ``vNNNN_name.py`` of
this package holding the SQL it runs on SQLite and on PostgreSQL as frozen text (``None``
where one database needs nothing): never edit a released one, never build one from live
code; append a new module (next free number: 9). Python strings, not .sql files, so they ship
inside any wheel of the package.
"""

from __future__ import annotations

import importlib
import pkgutil
import secrets

from .. import catalogue
from ..db import Connection, Database
from ..util import iso_now

# the version modules in the order of their numbers (vNNNN_name: zero-padded, so by name)
_VERSIONS = tuple(
    importlib.import_module(f"{__name__}.{m.name}")
    for m in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name)
    if m.name.startswith("v")
)

# A version number names one change for both databases; a change only one of them needs
# leaves a gap in the other's list (PostgreSQL has no 4, SQLite no 5, 6 and 8).
MIGRATIONS: dict[str, list[tuple[int, str, str]]] = {
    dialect: [(m.VERSION, m.NAME, script) for m in _VERSIONS if (script := getattr(m, var))]
    for dialect, var in (("sqlite", "SQLITE"), ("postgresql", "POSTGRESQL"))
}


def _initial_settings() -> list[tuple[str, str]]:
    return [
        ("take_up_hours", str(catalogue.TAKE_UP_HOURS)),
        ("verify_hours", str(catalogue.VERIFY_HOURS)),
        ("ip_salt", secrets.token_hex(32)),
        ("public_reports_per_ip_per_day", "1"),
        ("districts_version", "1"),
        ("units_version", "1"),
    ]


def _statements(script: str) -> list[str]:
    """Split a migration into statements: each ends with ``;`` at the end of a line outside
    dollar-quoted bodies."""
    out, buf = [], []
    in_dollar = False
    for line in script.splitlines():
        buf.append(line)
        if line.count("$$") % 2:
            in_dollar = not in_dollar
        if not in_dollar and line.rstrip().endswith(";"):
            out.append("\n".join(buf).strip().rstrip(";"))
            buf = []
    tail = "\n".join(buf).strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def applied_versions(conn: Connection) -> set[int]:
    if not conn.scalar(conn.dialect.table_exists("schema_migrations")):
        return set()
    return {int(r[0]) for r in conn.all("SELECT version FROM schema_migrations")}


def migrate(db: Database) -> list[int]:
    """Apply every pending migration; returns the versions applied now."""
    done: list[int] = []
    with db.write() as conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
            "name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
    for version, name, script in MIGRATIONS[db.dialect]:
        with db.write() as conn:
            if version in applied_versions(conn):
                continue
            for stmt in _statements(script):
                conn.execute(stmt)
            if version == 1:
                conn.executemany(
                    "INSERT INTO settings (key, value) VALUES (?, ?)", _initial_settings()
                )
                conn.execute("INSERT INTO counters (name, value) VALUES ('revision', 0)")
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, iso_now()),
            )
            done.append(version)
    return done


def schema_version(db: Database) -> int:
    with db.read() as conn:
        versions = applied_versions(conn)
    return max(versions, default=0)


def latest_version(dialect: str) -> int:
    return MIGRATIONS[dialect][-1][0]
