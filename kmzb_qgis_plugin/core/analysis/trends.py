"""Trends: counts per week, day of week × hour of day, and the change between two periods.

Times come as epoch seconds (UTC) and are read in Polish local time (Europe/Warsaw), the
time an analyst and a commander think in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

LOCAL = ZoneInfo("Europe/Warsaw")
WEEK = 7 * 86400


def _offset_seconds(hour: int) -> float:
    """Warsaw's UTC offset at the start of an epoch hour (never None for an aware time)."""
    offset = datetime.fromtimestamp(hour * 3600, UTC).astimezone(LOCAL).utcoffset()
    return offset.total_seconds() if offset is not None else 0.0


def local_seconds(t: np.ndarray) -> np.ndarray:
    """Epoch seconds shifted by the Polish UTC offset in force at each instant."""
    hours = np.floor(t / 3600).astype(np.int64)
    unique, inverse = np.unique(hours, return_inverse=True)
    offsets = np.array([_offset_seconds(int(h)) for h in unique])
    return t + offsets[inverse]


def local_midnight(day: date) -> float:
    """Epoch seconds of the start of a Polish calendar day."""
    return datetime(day.year, day.month, day.day, tzinfo=LOCAL).timestamp()


def local_day(moment: float) -> date:
    """The Polish calendar day of an instant."""
    return datetime.fromtimestamp(moment, UTC).astimezone(LOCAL).date()


def weekly_counts(t: np.ndarray) -> tuple[list[date], np.ndarray]:
    """Reports per ISO week (Monday to Sunday, local time), empty weeks included."""
    days = np.floor(local_seconds(t) / 86400).astype(np.int64)  # days since 1970-01-01 (Thu)
    monday = days - (days + 3) % 7
    first, last = int(monday.min()), int(monday.max())
    counts = np.bincount((monday - first) // 7, minlength=(last - first) // 7 + 1)
    epoch = date(1970, 1, 1)
    return [epoch + timedelta(days=first + 7 * k) for k in range(len(counts))], counts


def day_hour_counts(t: np.ndarray) -> np.ndarray:
    """A 7 × 24 table: rows Monday..Sunday, columns the local hour 0..23."""
    local = local_seconds(t)
    days = np.floor(local / 86400).astype(np.int64)
    weekday = (days + 3) % 7  # 1970-01-01 was a Thursday (3 with Monday = 0)
    hour = np.floor((local % 86400) / 3600).astype(np.int64)
    return np.bincount(weekday * 24 + hour, minlength=7 * 24).reshape(7, 24)


@dataclass
class Change:
    key: str
    before: int
    after: int

    @property
    def percent(self) -> float | None:
        """Percent change from the first period to the second; None when it had none."""
        return None if self.before == 0 else 100.0 * (self.after - self.before) / self.before


def period_change(
    keys: np.ndarray, t: np.ndarray, first: tuple[float, float], second: tuple[float, float]
) -> list[Change]:
    """Counts per key in [start, end) of each period and the change, biggest first."""
    before = Counter(keys[(t >= first[0]) & (t < first[1])].tolist())
    after = Counter(keys[(t >= second[0]) & (t < second[1])].tolist())
    changes = [Change(str(k), before[k], after[k]) for k in set(before) | set(after)]
    return sorted(changes, key=lambda c: (-(c.before + c.after), c.key))
