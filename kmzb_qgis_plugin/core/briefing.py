"""What a briefing shows, read from the local cache: no widgets, no layout.

The district table comes from ``district_summary.summarize``; this module adds the scope
(unit or district and period), the top categories, the overdue list and the footer facts,
so the layout code only places them on paper.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from ..i18n import tr
from .cache import Cache
from .district_summary import DistrictSummary, summarize
from .errors import KmzbError
from .model import Meta
from .session import session

TOP_CATEGORIES = 5
OVERDUE_ROWS = 25


class BriefingError(KmzbError):
    """The briefing cannot be made as asked (unknown unit, empty period, ...)."""


@dataclass(frozen=True)
class Scope:
    """Which reports a briefing covers: districts (all of a unit, or one) and a period."""

    label: str
    district_ids: tuple[int, ...]
    unit_id: int | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive

    def report_filter(self, table: str = "") -> str:
        """SQL WHERE on the cached reports (also a QGIS subset string of the layer);
        ``table`` qualifies the columns ("r." in a join)."""
        ids = ",".join(str(int(i)) for i in self.district_ids) or "NULL"
        where = [f'{table}"district_id" IN ({ids})']
        if self.since:
            where.append(f"{table}\"submitted_at\" >= '{iso(self.since)}'")
        if self.until:
            where.append(f"{table}\"submitted_at\" < '{iso(self.until)}'")
        return " AND ".join(where)

    def district_filter(self) -> str:
        ids = ",".join(str(int(i)) for i in self.district_ids) or "NULL"
        return f'"fid" IN ({ids})'


@dataclass(frozen=True)
class OverdueReport:
    report_id: int
    category: str
    status: str
    district: str
    due: str  # the deadline missed, as stored (UTC)


@dataclass
class Briefing:
    scope: Scope
    author: str
    generated_at: datetime
    total: int
    districts: list[DistrictSummary]
    by_status: list[tuple[str, int]]  # (status name, count), catalogue order
    top_categories: list[tuple[str, int]]  # (category name, count), most first
    overdue: list[OverdueReport]
    overdue_total: int
    notes: list[str] = field(default_factory=list)


def iso(moment: datetime) -> str:
    """The cache's timestamp format (UTC, second precision, 'Z')."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def resolve_scope(
    cache: Cache,
    unit: str = "",
    district: str = "",
    since: date | None = None,
    until: date | None = None,
) -> Scope:
    """The districts and period of a briefing; ``until`` is the last day included.

    ``unit`` and ``district`` match an id, a code or a name of the cached districts (a
    unit is the districts' own city or county HQ); both empty means every cached district
    that holds a cached report: the area that was pulled.
    """
    if since and until and since > until:
        raise BriefingError(
            tr("The period starts ({}) after it ends ({}).").format(since.isoformat(), until)
        )
    rows = cache.district_names()
    if not rows:
        raise BriefingError(tr("No districts in the local cache: pull reports first."))
    label = tr("all districts in the cache")
    unit_id = None
    if not (district.strip() or unit.strip()):  # the pulled area, not the whole country
        pulled = cache.reported_districts()
        rows = [r for r in rows if r[0] in pulled] or rows
    if district.strip():
        key = district.strip().casefold()
        rows = [r for r in rows if key in (str(r[0]), (r[1] or "").casefold(), r[2].casefold())]
        if not rows:
            raise BriefingError(tr("No district “{}” in the local cache.").format(district))
        label = rows[0][2]
        unit_id = rows[0][3]
    elif unit.strip():
        key = unit.strip().casefold()
        rows = [r for r in rows if key in (str(r[3]), (r[4] or "").casefold())]
        if not rows:
            raise BriefingError(tr("No police unit “{}” in the local cache.").format(unit))
        label = rows[0][4] or tr("unit {}").format(rows[0][3])
        unit_id = rows[0][3]
    return Scope(
        label,
        tuple(r[0] for r in rows),
        unit_id,
        day_start(since) if since else None,
        day_start(until + timedelta(days=1)) if until else None,
    )


def gather(
    cache: Cache,
    meta: Meta,
    scope: Scope,
    *,
    author: str = "",
    language: str = "pl",
    now: datetime | None = None,
) -> Briefing:
    """Everything a briefing shows; BriefingError when the scope holds no report."""
    now = now or datetime.now(UTC)
    where = scope.report_filter()
    total = cache.count_where(where)
    if not total:
        raise BriefingError(
            tr(
                "No reports for {} in the period {}: nothing to brief. Pull reports for this "
                "period or choose a wider one."
            ).format(scope.label, period_text(scope))
        )
    chosen = set(scope.district_ids)
    districts = [
        d
        for d in summarize(
            cache, since=scope.since, until=scope.until, unit_id=scope.unit_id, now=now
        )
        if d.district_id in chosen and d.total
    ]
    counts = cache.status_counts(where)
    by_status = [(s.name(language), counts.get(s.code, 0)) for s in meta.statuses]
    top = cache.top_categories(where, TOP_CATEGORIES)
    overdue, overdue_total = _overdue(cache, meta, scope, now, language)
    return Briefing(
        scope=scope,
        author=author or _cached_user(cache),
        generated_at=now,
        total=total,
        districts=districts,
        by_status=by_status,
        top_categories=[(_category_name(meta, c, language), n) for c, n in top],
        overdue=overdue,
        overdue_total=overdue_total,
    )


def _overdue(
    cache: Cache, meta: Meta, scope: Scope, now: datetime, language: str
) -> tuple[list[OverdueReport], int]:
    rows = cache.overdue_reports(meta, scope.report_filter("r."), iso(now))
    shown = [
        OverdueReport(
            fid,
            _category_name(meta, category, language),
            _status_name(meta, status, language),
            name or "",
            due or "",
        )
        for fid, category, status, name, due in rows[:OVERDUE_ROWS]
    ]
    return shown, len(rows)


def _category_name(meta: Meta, code: str, language: str) -> str:
    category = meta.category(code)
    return category.name(language) if category else code


def _status_name(meta: Meta, code: str, language: str) -> str:
    status = meta.status(code)
    return status.name(language) if status else code


def _cached_user(cache: Cache) -> str:
    me = session(cache).me
    unit = (me.get("unit") or {}).get("name")
    return f"{me.get('name', '')} ({unit})" if unit else me.get("name", "")


def period_text(scope: Scope) -> str:
    """'2026-11-01 – 2026-11-30' with open ends shown as such."""
    start = scope.since.date().isoformat() if scope.since else tr("the beginning")
    end = (scope.until - timedelta(days=1)).date().isoformat() if scope.until else tr("today")
    return f"{start} – {end}"
