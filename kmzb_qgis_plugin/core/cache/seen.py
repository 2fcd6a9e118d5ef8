"""What the user was told of (notifications): reports shown once per kind."""

from __future__ import annotations

from ..model import Meta
from .connection import Connection
from .schema import NEW_ID_BASE, REPORTS


class Seen(Connection):
    """The kmzb_seen marks: which reports the user was told of, per kind."""

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
