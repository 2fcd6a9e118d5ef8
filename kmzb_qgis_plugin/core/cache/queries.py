"""Reads of the cached reports for the GUI: one report, the work queue, counts."""

from __future__ import annotations

from datetime import UTC, datetime

from ..model import Meta, quoted
from .connection import Connection
from .schema import DISTRICTS, REPORT_COLUMNS, REPORTS


class Queries(Connection):
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
