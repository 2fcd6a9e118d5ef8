"""Weekly counts, the day × hour table and period changes in Polish local time."""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np

from kmzb_qgis_plugin.core.analysis.trends import (
    day_hour_counts,
    local_midnight,
    period_change,
    weekly_counts,
)


def seconds(*stamps: str) -> np.ndarray:
    return np.array([datetime.fromisoformat(s).replace(tzinfo=UTC).timestamp() for s in stamps])


def test_weeks_start_on_local_monday_and_keep_empty_weeks():
    t = seconds(
        "2026-03-22T22:30:00",  # Sun 23:30 CET -> week of 16 March
        "2026-03-22T23:30:00",  # Mon 00:30 CET -> week of 23 March
        "2026-03-29T21:59:00",  # Sun 23:59 CEST (after the switch) -> week of 23 March
        "2026-04-14T12:00:00",  # Tue -> week of 13 April (6 April empty)
    )
    weeks, counts = weekly_counts(t)
    assert weeks == [
        date(2026, 3, 16),
        date(2026, 3, 23),
        date(2026, 3, 30),
        date(2026, 4, 6),
        date(2026, 4, 13),
    ]
    assert counts.tolist() == [1, 2, 0, 0, 1]


def test_day_hour_table_in_local_time():
    t = seconds("2026-01-05T07:15:00", "2026-07-05T07:15:00", "2026-07-05T07:45:00")
    table = day_hour_counts(t)
    assert table.shape == (7, 24)
    assert table[0, 8] == 1  # Monday 5 January, 08:15 CET
    assert table[6, 9] == 2  # Sunday 5 July, 09:15 and 09:45 CEST
    assert table.sum() == 3


def test_period_change_per_key():
    t = seconds(
        "2026-03-01T10:00:00",
        "2026-03-02T10:00:00",
        "2026-03-03T10:00:00",
        "2026-03-10T10:00:00",
        "2026-03-11T10:00:00",
        "2026-03-12T10:00:00",
        "2026-03-12T11:00:00",
    )
    keys = np.array(["a", "a", "b", "a", "c", "c", "c"])
    first = (local_midnight(date(2026, 3, 1)), local_midnight(date(2026, 3, 8)))
    second = (local_midnight(date(2026, 3, 8)), local_midnight(date(2026, 3, 15)))
    changes = {c.key: c for c in period_change(keys, t, first, second)}
    assert (changes["a"].before, changes["a"].after, changes["a"].percent) == (2, 1, -50.0)
    assert (changes["b"].before, changes["b"].after, changes["b"].percent) == (1, 0, -100.0)
    assert (changes["c"].before, changes["c"].after, changes["c"].percent) == (0, 3, None)
    assert [c.key for c in period_change(keys, t, first, second)] == ["a", "c", "b"]
