"""A report as JSON built inside the database: its properties, Feature, rows-format array
and tombstone, as SQL expressions over the ``reports`` table.

SQLite builds them on the fly with its JSON functions; PostgreSQL keeps each report's
Feature and array built in ``reports.feature`` / ``reports.row_json`` (a trigger calls the
builders' SQL as migration 0007 froze it; building them costs 5 µs a report) and writes them
by text concatenation (json_build_object's blanks are a tenth of a page). A change of what
the builders produce needs a NEW migration that rebuilds the trigger and the stored texts
(tests/store/test_migrations.py says so).
"""

from __future__ import annotations

from .db import Connection
from .dialect import Dialect

# a report's properties in the order of its Feature and its rows array
PROPERTIES = (
    "revision", "category", "status", "description", "submitted_at", "event_date",
    "event_time", "time_of_day", "days_of_week", "unit_id", "district_id", "confirmations",
    "attachments", "take_up_due", "verify_due", "taken_up_at", "verified_at", "updated_at",
    "last_note", "source",
)  # fmt: skip
_TIMES = frozenset(
    ("submitted_at", "take_up_due", "verify_due", "taken_up_at", "verified_at", "updated_at")
)
_DATES = frozenset(("event_date",))


def properties_sql(dialect: str, a: str = "r", source: bool = True) -> list[tuple[str, str]]:
    """(key, SQL expression over table alias ``a``) of a report's properties, in order
    (without ``source`` for the migrations older than the column, 0007)."""
    d = Dialect(dialect)

    def value(key: str) -> str:
        column = f"{a}.{key}"
        if key in _TIMES:
            return d.iso_time(column)
        return d.iso_date(column) if key in _DATES else column

    return [(k, value(k)) for k in PROPERTIES if source or k != "source"]


ROW_COLUMNS = ("id", "lon", "lat", *PROPERTIES)

# what anyone may see of a report on the public map: no notes (the store has no flag that
# makes a police note public), no unit, district or attachments, never the reporter's IP
PUBLIC_KEYS = frozenset(
    (
        "category",
        "status",
        "description",
        "submitted_at",
        "event_date",
        "updated_at",
        "confirmations",
    )
)


def _pg_value(expr: str) -> str:
    """PostgreSQL: ``expr`` as JSON text (null when NULL), for JSON written by concatenation
    (json_build_object writes ``"key" : value, ``; its blanks are a tenth of a page)."""
    return f"coalesce(to_json({expr})::text, 'null')"


def build_feature_sql(
    dialect: str, a: str = "r", keys: frozenset[str] | None = None, source: bool = True
) -> str:
    """SQL expression building one report (table alias ``a``) as a GeoJSON Feature (text),
    with only the properties in ``keys`` when given. SQLite: its JSON functions; PostgreSQL:
    text concatenation."""
    fields = [(k, v) for k, v in properties_sql(dialect, a, source) if keys is None or k in keys]
    if Dialect(dialect).is_sqlite:
        props = ", ".join(f"'{k}', {v}" for k, v in fields)
        return (
            f"json_object('type', 'Feature', 'id', {a}.id, 'geometry', json_object('type', "
            f"'Point', 'coordinates', json_array({a}.lon, {a}.lat)), 'properties', "
            f"json_object({props}))"
        )
    props = " || ',' || ".join(f"'\"{k}\":' || {_pg_value(v)}" for k, v in fields)
    return (
        f'\'{{"type":"Feature","id":\' || {a}.id || \',"geometry":{{"type":'
        f'"Point","coordinates":[\' || {_pg_value(a + ".lon")} || \',\' || '
        f"{_pg_value(a + '.lat')} || ']}},\"properties\":{{' || {props} || '}}}}'"
    )


def build_row_sql(dialect: str, a: str = "r", source: bool = True) -> str:
    """SQL expression: one report (alias ``a``) as a JSON array in ROW_COLUMNS order (text)."""
    values = [
        f"{a}.id",
        f"{a}.lon",
        f"{a}.lat",
        *(v for _, v in properties_sql(dialect, a, source)),
    ]
    if Dialect(dialect).is_sqlite:
        return f"json_array({', '.join(values)})"
    return "'[' || " + " || ',' || ".join(_pg_value(v) for v in values) + " || ']'"


def feature_sql(dialect: str) -> str:
    """The Feature text of report ``r``: built by SQLite on the fly, kept built by
    PostgreSQL in ``reports.feature``."""
    return build_feature_sql(dialect) if Dialect(dialect).is_sqlite else "r.feature"


def row_sql(dialect: str) -> str:
    """The rows-format array of report ``r``; on PostgreSQL kept in ``reports.row_json``."""
    return build_row_sql(dialect) if Dialect(dialect).is_sqlite else "r.row_json"


def tombstone_sql(dialect: str) -> str:
    """The Feature of a report ``r`` that left the caller's view: its id and revision."""
    d = Dialect(dialect)
    props = d.json_object(f"'revision', r.revision, 'deleted', {d.json_true}")
    return d.json_text(
        d.json_object(f"'type', 'Feature', 'id', r.id, 'geometry', NULL, 'properties', {props}")
    )


def feature_json(conn: Connection, report_id: int) -> str | None:
    """One (non-deleted) report as a Feature (text), or None."""
    row = conn.one(
        f"SELECT {feature_sql(conn.dialect)} FROM reports r WHERE r.id = ? "
        f"AND r.deleted = {conn.dialect.false}",
        (report_id,),
    )
    return None if row is None else row[0]
