"""MINIMAL STAND-IN, replaced by the real module from branch ``districts`` when it lands.

Same API: ``summarize(cache, *, since=None, until=None, unit_id=None, now=None)`` ->
``list[DistrictSummary]``; ``since``/``until`` are datetimes (``until`` exclusive) or dates
(``until`` included). Only what the briefing needs, computed with one GROUP BY.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from .cache import DISTRICTS, REPORTS, Cache
from .model import Meta


@dataclass(frozen=True)
class DistrictSummary:
    district_id: int | None
    name: str
    unit_id: int | None
    officer: str
    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    to_take_up: int = 0
    to_verify: int = 0
    overdue: int = 0
    confirmed_share: float = 0.0


def _bound(value, end: bool) -> str | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.combine(value + timedelta(days=1) if end else value, time(), UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def summarize(
    cache: Cache,
    *,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    unit_id: int | None = None,
    now: datetime | None = None,
) -> list[DistrictSummary]:
    """Every cached district's load (of one unit, if given) in the period."""
    now_iso = _bound(now or datetime.now(UTC), False)
    meta = Meta.from_json(json.loads(cache.get_state("meta")))
    opened = [s.code for s in meta.statuses if not (s.final or s.note_required)]
    marks = ",".join("?" * len(opened)) or "''"
    where, params = "", []
    for op, value in ((">=", _bound(since, False)), ("<", _bound(until, True))):
        if value is not None:
            where += f" AND submitted_at {op} ?"
            params.append(value)
    counts: dict[int, dict[str, list[int]]] = {}
    for district_id, status, n, confirmed, late in cache.db.execute(
        f"SELECT district_id, status, count(*), sum(confirmations > 0), "
        f"sum((status = 'nowe' AND take_up_due < ?) OR (status IN ({marks}) AND verify_due < ?))"
        f" FROM {REPORTS} WHERE district_id IS NOT NULL{where} GROUP BY district_id, status",
        (now_iso, *opened, now_iso, *params),
    ):
        counts.setdefault(district_id, {})[status] = [n, confirmed or 0, late or 0]
    sql = f"SELECT fid, name, unit_id, officer_rank, officer_name FROM {DISTRICTS}"
    rows = cache.db.execute(
        sql + (" WHERE unit_id = ? ORDER BY fid" if unit_id is not None else " ORDER BY fid"),
        (unit_id,) if unit_id is not None else (),
    )
    out = []
    for fid, name, unit, rank, person in rows:
        tally = counts.get(fid, {})
        total = sum(v[0] for v in tally.values())
        out.append(
            DistrictSummary(
                fid,
                name or "",
                unit,
                " ".join(p for p in (rank, person) if p),
                total,
                {s: v[0] for s, v in tally.items()},
                tally.get("nowe", [0])[0],
                sum(v[0] for s, v in tally.items() if s in opened and s != "nowe"),
                sum(v[2] for v in tally.values()),
                sum(v[1] for v in tally.values()) / total if total else 0.0,
            )
        )
    return out
