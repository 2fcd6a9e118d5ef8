"""Reads of the cached reports: one report, the work queue and counts for the GUI, the
figures of a briefing and of the load per district."""

from __future__ import annotations

from datetime import UTC, datetime

from ..model import Meta, quoted
from .connection import Connection
from .schema import DISTRICTS, OUTSIDE, REPORT_COLUMNS, REPORTS


class Queries(Connection):
    """Reads of the reports table."""

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
        where, params = _open_reports(meta, districts)
        cur = self.db.execute(
            f"SELECT fid, category, status, submitted_at, take_up_due, verify_due, district_id, "
            f"pending, {meta.due_sql()} AS due, {meta.overdue_sql()} "
            f"AS overdue FROM {REPORTS} WHERE {where} ORDER BY overdue DESC, due ASC "
            f"LIMIT {int(limit)}",
            [now, now, *params],
        )
        return _dicts(cur)

    def queue_counts(self, meta: Meta, districts: list[int] | None = None) -> list[dict]:
        """Per district: to take up, to verify, overdue (for a kierownik's view)."""
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        where, params = _open_reports(meta, districts, "r.")
        cur = self.db.execute(
            f"SELECT r.district_id, d.name, sum(r.status = {quoted([meta.new_code])}) "
            f"AS to_take_up, count(*) AS to_verify, sum({meta.overdue_sql('r.')}) AS overdue "
            f"FROM {REPORTS} r LEFT JOIN {DISTRICTS} d "
            f"ON d.fid = r.district_id WHERE {where} GROUP BY r.district_id "
            "ORDER BY overdue DESC, to_verify DESC",
            [now, now, *params],
        )
        return _dicts(cur)

    def report_point(self, report_id: int) -> tuple[bytes, str, str] | None:
        """(point blob, category, status) of a cached report."""
        return self.db.execute(
            f"SELECT geom, category, status FROM {REPORTS} WHERE fid = ?", (report_id,)
        ).fetchone()

    # --- a briefing: ``where`` is its filter on the reports (Scope.report_filter) ---------
    def reported_districts(self) -> set[int | None]:
        """The districts holding a cached report (the pulled area)."""
        return {r[0] for r in self.db.execute(f"SELECT DISTINCT district_id FROM {REPORTS}")}

    def count_where(self, where: str) -> int:
        return self.db.execute(f"SELECT count(*) FROM {REPORTS} WHERE {where}").fetchone()[0]

    def status_counts(self, where: str) -> dict[str, int]:
        return dict(
            self.db.execute(f"SELECT status, count(*) FROM {REPORTS} WHERE {where} GROUP BY status")
        )

    def top_categories(self, where: str, limit: int) -> list[tuple[str, int]]:
        """(category, count), most first."""
        return self.db.execute(
            f"SELECT category, count(*) AS n FROM {REPORTS} WHERE {where} "
            f"GROUP BY category ORDER BY n DESC, category LIMIT {int(limit)}"
        ).fetchall()

    def overdue_reports(self, meta: Meta, where: str, now_iso: str) -> list[tuple]:
        """(id, category, status, district name, deadline missed) of the overdue reports,
        the longest overdue first; ``where`` qualifies the reports' columns with "r."."""
        return self.db.execute(
            f"SELECT r.fid, r.category, r.status, d.name, {meta.due_sql('r.')} AS due "
            f"FROM {REPORTS} r LEFT JOIN {DISTRICTS} d ON d.fid = r.district_id "
            f"WHERE {where} AND {meta.overdue_sql('r.')} ORDER BY due, r.fid",
            [now_iso, now_iso],
        ).fetchall()

    # --- the load per district: reports submitted in [since, until) (ISO UTC) ----------
    def district_tallies(
        self, meta: Meta, now_iso: str, since: str | None, until: str | None
    ) -> list[tuple]:
        """(district id, status, count, confirmed, overdue) of the reports with a district."""
        where, params = submitted_between(since, until)
        return self.db.execute(
            f"SELECT district_id, status, count(*), sum(confirmations > 0), "
            f"sum({meta.overdue_sql()}) FROM {REPORTS} WHERE district_id IS NOT NULL{where} "
            "GROUP BY district_id, status",
            (now_iso, now_iso, *params),
        ).fetchall()

    def without_district(self, since: str | None, until: str | None) -> list[tuple]:
        """(id, status, confirmations, take_up_due, verify_due, flagged outside) of the
        reports without a district."""
        where, params = submitted_between(since, until)
        return self.db.execute(
            f"SELECT fid, status, confirmations, take_up_due, verify_due, {OUTSIDE} "
            f"FROM {REPORTS} WHERE district_id IS NULL{where}",
            params,
        ).fetchall()

    def unassigned_points(self, since: str | None = None, until: str | None = None) -> list:
        """(id, point blob) of the reports without a district and not yet flagged outside."""
        where, params = submitted_between(since, until)
        return self.db.execute(
            f"SELECT fid, geom FROM {REPORTS} WHERE district_id IS NULL AND {OUTSIDE} = 0{where}",
            params,
        ).fetchall()


def submitted_between(since: str | None, until: str | None) -> tuple[str, tuple]:
    """SQL appended to a WHERE on the reports: submitted in [since, until)."""
    where, params = "", []
    if since is not None:
        where += " AND submitted_at >= ?"
        params.append(since)
    if until is not None:
        where += " AND submitted_at < ?"
        params.append(until)
    return where, tuple(params)


def _open_reports(meta: Meta, districts: list[int] | None, table: str = "") -> tuple[str, list]:
    """WHERE of the open reports (in these districts) and its parameters; ``table``
    qualifies the columns ("r." in a join)."""
    where = f"{table}status IN ({quoted(meta.open_codes())})"
    if districts is None:
        return where, []
    marks = ",".join("?" * len(districts)) or "NULL"
    return f"{where} AND {table}district_id IN ({marks})", list(districts)


def _dicts(cur) -> list[dict]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur]
