"""What differs between SQLite and PostgreSQL in the SQL the store writes, in one place.

``Database.dialect`` and ``Connection.dialect`` are a :class:`Dialect`. It is a ``str``
(its name, ``"sqlite"`` or ``"postgresql"``) so that it can key dicts such as
``REPORT_INDEXES`` and be compared with a name; the spelling of SQL itself comes from its
attributes, never from ``if dialect == …`` at the call site.
"""

from __future__ import annotations

import json


class Dialect(str):
    """The SQL spelling of one database: boolean literals, ISO time text, IN lists."""

    @property
    def is_sqlite(self) -> bool:
        return self == "sqlite"

    @property
    def false(self) -> str:
        return "0" if self.is_sqlite else "false"

    @property
    def true(self) -> str:
        return "1" if self.is_sqlite else "true"

    def iso_time(self, expr: str) -> str:
        """``expr`` (a stored time) as text ``YYYY-MM-DDTHH:MM:SSZ``. SQLite stores it as
        that text already; PostgreSQL's timestamptz is written out with to_char, not through
        a function, so that the planner need not call one."""
        if self.is_sqlite:
            return expr
        return f"to_char({expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

    def in_list(self, column: str, values: list) -> tuple[str, list]:
        """``column IN values`` as SQL with a single parameter (one plan whatever the count)."""
        if self.is_sqlite:
            return f"{column} IN (SELECT value FROM json_each(?))", [json.dumps(list(values))]
        return f"{column} = ANY(?)", [list(values)]


SQLITE = Dialect("sqlite")
POSTGRESQL = Dialect("postgresql")
