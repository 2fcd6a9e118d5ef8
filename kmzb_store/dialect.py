"""What differs between SQLite and PostgreSQL in the SQL the store writes, in one place.

``Database.dialect`` and ``Connection.dialect`` are a :class:`Dialect`. It is a ``str``
(its name, ``"sqlite"`` or ``"postgresql"``) so that it can key dicts such as
``REPORT_INDEXES`` and be compared with a name; the spelling of SQL itself comes from its
attributes, never from ``if dialect == …`` at the call site. Where the two databases take
different strategies (SQLite's R-tree against PostgreSQL's grid, PRAGMAs against SET), the
call site branches on ``is_sqlite`` / ``is_postgresql`` and says why.
"""

from __future__ import annotations

import json


class Dialect(str):
    """The SQL spelling of one database: read transactions, boolean literals, ISO times
    and dates, JSON objects, IN lists, geometries as WKB, whether a table exists."""

    @property
    def is_sqlite(self) -> bool:
        return self == "sqlite"

    @property
    def is_postgresql(self) -> bool:
        return self == "postgresql"

    @property
    def false(self) -> str:
        return "0" if self.is_sqlite else "false"

    @property
    def true(self) -> str:
        return "1" if self.is_sqlite else "true"

    @property
    def begin_read(self) -> str:
        """Start of a read-only transaction with one snapshot (SQLite's deferred BEGIN
        takes it at the first read and keeps it)."""
        return "BEGIN" if self.is_sqlite else "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

    @property
    def end_read(self) -> str:
        """End of a read-only transaction (it wrote nothing)."""
        return "COMMIT" if self.is_sqlite else "ROLLBACK"

    def iso_time(self, expr: str) -> str:
        """``expr`` (a stored time) as text ``YYYY-MM-DDTHH:MM:SSZ``. SQLite stores it as
        that text already; PostgreSQL's timestamptz is written out with to_char, not through
        a function, so that the planner need not call one."""
        if self.is_sqlite:
            return expr
        return f"to_char({expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

    def iso_date(self, expr: str) -> str:
        """``expr`` (a stored date) as text ``YYYY-MM-DD`` (SQLite stores that text)."""
        return expr if self.is_sqlite else f"to_char({expr}, 'YYYY-MM-DD')"

    def json_object(self, args: str) -> str:
        """A JSON object of ``args`` ('key', value, …) as SQL (see ``json_text``)."""
        return f"json_object({args})" if self.is_sqlite else f"json_build_object({args})"

    def json_text(self, expr: str) -> str:
        """A JSON value built by SQL as its text (SQLite's JSON already is text)."""
        return expr if self.is_sqlite else f"({expr})::text"

    @property
    def json_true(self) -> str:
        """JSON ``true`` as a value of ``json_object`` (SQLite's 1 would stay a number)."""
        return "json('true')" if self.is_sqlite else "true"

    def in_list(self, column: str, values: list) -> tuple[str, list]:
        """``column IN values`` as SQL with a single parameter (one plan whatever the count)."""
        if self.is_sqlite:
            return f"{column} IN (SELECT value FROM json_each(?))", [json.dumps(list(values))]
        return f"{column} = ANY(?)", [list(values)]

    def wkb(self, column: str) -> str:
        """A geometry column as WKB: SQLite stores WKB; PostGIS writes it out."""
        return column if self.is_sqlite else f"ST_AsBinary({column})"

    def table_exists(self, name: str) -> str:
        """A query of one row, one value: whether table ``name`` (a fixed name) exists."""
        if self.is_sqlite:
            return f"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{name}'"
        return f"SELECT to_regclass('{name}') IS NOT NULL"


SQLITE = Dialect("sqlite")
POSTGRESQL = Dialect("postgresql")
