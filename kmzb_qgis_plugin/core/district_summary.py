"""Load per district for a period: counts by status, to take up, to verify, overdue and
the share of reports residents confirmed, from the cached reports.

    summaries = summarize(cache, since=date(2026, 11, 1), until=date(2026, 11, 30))

One SQL ``GROUP BY district_id, status`` over the cached reports (they carry the store's
district_id); point-in-polygon only for the few reports that came without one. A report
outside every district is counted in a last row with ``district_id=None``, never dropped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from ..i18n import tr
from .cache import Cache
from .district_locate import unassigned_reports
from .model import Meta
from .session import session

# A cache filled before any pull (districts only) has no catalogue: no status is open.
NO_CATALOGUE = Meta("", "", (), (), frozenset(), 0.0, 0.0)

_ISO = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class DistrictSummary:
    """One district's load in the period (``district_id`` None: outside every district)."""

    district_id: int | None
    name: str
    unit_id: int | None
    officer: str  # rank and name, e.g. "asp. Jan Kowalski"
    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    to_take_up: int = 0  # in the catalogue's first status (Meta.new_code)
    to_verify: int = 0  # taken up, not yet verified
    overdue: int = 0  # open and past its take-up or verify deadline
    confirmed_share: float = 0.0  # 0..1: reports with at least one resident's confirmation


def _bound(value: date | datetime | str | None, end: bool) -> str | None:
    """An ISO UTC bound for submitted_at; a date as ``until`` includes that whole day."""
    if value is None or isinstance(value, str):
        return value
    if not isinstance(value, datetime):
        value = datetime.combine(value + timedelta(days=1) if end else value, time(), UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime(_ISO)


class _Tally:
    def __init__(self) -> None:
        self.by_status: dict[str, int] = defaultdict(int)
        self.confirmed = self.overdue = 0

    def add(self, status: str, count: int, confirmed: int, overdue: int) -> None:
        self.by_status[status] += count
        self.confirmed += confirmed
        self.overdue += overdue


def summarize(
    cache: Cache,
    *,
    since: date | datetime | str | None = None,
    until: date | datetime | str | None = None,
    unit_id: int | None = None,
    now: datetime | None = None,
) -> list[DistrictSummary]:
    """Every cached district's load (of one unit, if given) for reports submitted in
    [since, until]; districts without reports count zero. Ordered by district id, with the
    reports outside every district last (only when there are any and no unit is chosen)."""
    now_iso = (now or datetime.now(UTC)).astimezone(UTC).strftime(_ISO)
    meta = session(cache).meta or NO_CATALOGUE
    start, end = _bound(since, False), _bound(until, True)
    tallies: dict[int | None, _Tally] = defaultdict(_Tally)
    for district_id, status, count, confirmed, late in cache.district_tallies(
        meta, now_iso, start, end
    ):
        tallies[district_id].add(status, count, confirmed or 0, late or 0)
    _add_unassigned(cache, tallies, start, end, meta, now_iso)
    out = [
        _summary(fid, name or "", unit, officer(rank, person), tallies.get(fid), meta)
        for fid, name, unit, rank, person in cache.district_officers(unit_id)
    ]
    if unit_id is None and None in tallies:
        out.append(_summary(None, tr("Outside every district"), None, "", tallies[None], meta))
    return out


def officer(rank: str | None, name: str | None) -> str:
    """'asp. Jan Kowalski' from the rank and the name (either may be missing)."""
    return " ".join(part for part in (rank, name) if part)


def _add_unassigned(cache: Cache, tallies, start, end, meta: Meta, now_iso) -> None:
    """Reports without a district: point-in-polygon, or the outside row when flagged."""
    rows = cache.without_district(start, end)
    if not rows:
        return
    located = unassigned_reports(cache, start, end)
    for fid, status, confirmations, take_up_due, verify_due, _ in rows:
        late = meta.is_overdue(status, take_up_due, verify_due, now_iso)
        tallies[located.get(fid)].add(status, 1, int((confirmations or 0) > 0), int(late))


def _summary(fid, name, unit, who, tally: _Tally | None, meta: Meta) -> DistrictSummary:
    if tally is None:
        return DistrictSummary(fid, name, unit, who)
    total = sum(tally.by_status.values())
    to_take_up = tally.by_status.get(meta.new_code, 0)
    opened = meta.open_codes()
    to_verify = sum(n for s, n in tally.by_status.items() if s in opened and s != meta.new_code)
    return DistrictSummary(
        fid,
        name,
        unit,
        who,
        total,
        dict(tally.by_status),
        to_take_up,
        to_verify,
        tally.overdue,
        tally.confirmed / total if total else 0.0,
    )
