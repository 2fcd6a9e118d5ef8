"""The demo data's entry point: :func:`generate` builds units, districts and a lazy stream of
reports, deterministic for a seed and a fixed ``now``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from .context import report_context
from .districts import build_districts
from .geography import load_towns, poland_voivodeships, select_towns
from .reports import iter_reports
from .units import build_units


@dataclass
class DemoData:
    """What :func:`generate` returns.

    ``units``: dicts with code, name, kind (KGP, KWP, KSP, KMP, KPP, KRP), parent_code.
    ``districts``: dicts with code, name, unit_code, officer_name, officer_rank, phone,
    email, geometry (shapely Polygon, EPSG:4326).
    ``reports``: a one-shot generator of report dicts (see :func:`generate`).
    ``unit_seats``: unit code -> (lon, lat) of its seat (KWP/KSP and below).
    """

    units: list[dict]
    districts: list[dict]
    reports: Iterator[dict]
    report_count: int
    seed: int
    now: datetime
    days: int
    unit_seats: dict[str, tuple[float, float]] = field(default_factory=dict)


def generate(
    reports: int = 20000,
    days: int = 60,
    seed: int = 1,
    full_scale: bool = False,
    now: datetime | None = None,
) -> DemoData:
    """Build demo units, districts and a lazy stream of ``reports`` reports.

    ``full_scale``: all ~300 KMP/KPP towns and ~8,000 districts (default: ~60 towns and
    ~800 districts). ``now``: an aware datetime; reports fall within the ``days`` days up
    to it (default: the current time, rounded down to the second). Same seed and same
    ``now`` give the same output.

    A report dict has: category, lon, lat, description (or None), submitted_at,
    status, taken_up_at, verified_at, last_note, confirmations, event_date
    (``datetime.date``), event_time (``datetime.time``), time_of_day (rano, dzien, wieczor,
    noc), days_of_week (e.g. ``"pt,sb"``), district_code (None outside every district) and
    unit_code. Datetimes are aware UTC; unset fields are None.
    """
    if reports < 0 or days < 1:
        raise ValueError("reports must be >= 0 and days >= 1")
    if now is None:
        now = datetime.now(UTC).replace(microsecond=0)
    elif now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    now = now.astimezone(UTC)
    voivs = poland_voivodeships()
    rng = np.random.default_rng(np.random.SeedSequence([seed, 1]))
    towns = select_towns(load_towns(voivs), full_scale)
    units, seats = build_units(towns)
    districts = build_districts(rng, towns, voivs, full_scale)
    ctx = report_context(rng, towns, districts, units, seats, voivs)
    return DemoData(
        units=units,
        districts=districts,
        reports=iter_reports(ctx, seed, reports, days, now),
        report_count=reports,
        seed=seed,
        now=now,
        days=days,
        unit_seats=seats,
    )
