"""Deadlines in a few words, as an officer would say them."""

from datetime import UTC, datetime, timedelta

import pytest

from kmzb_qgis_plugin.core.deadlines import due_at, say_deadline
from kmzb_qgis_plugin.core.model import Meta

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)  # a Wednesday


def iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def report(status: str, take_up_in_h: float, verify_in_h: float) -> dict:
    return {
        "status": status,
        "take_up_due": iso(NOW + timedelta(hours=take_up_in_h)),
        "verify_due": iso(NOW + timedelta(hours=verify_in_h)),
    }


@pytest.fixture
def meta(meta_doc) -> Meta:
    return Meta.from_json(meta_doc)


@pytest.mark.parametrize(
    ("props", "said"),
    [
        (report("nowe", -27 * 24 - 5, 100), "overdue by 27 days"),
        (report("nowe", -24.5, 100), "overdue by 24 h"),
        (report("weryfikacja", -100, -49), "overdue by 2 days"),
        (report("weryfikacja", -100, -0.25), "overdue by 15 min"),
        (report("nowe", 5.6, 77), "5 h left"),
        (report("weryfikacja", -3, 0.5), "30 min left"),
        (report("nowe", 50, 122), "take up by Fri 14:00"),
        (report("weryfikacja", -10, 26), "verify by Thu 14:00"),
        (report("weryfikacja", -10, 24 * 10), "verify by 12.12 12:00"),
        (report("potwierdzone", -10, -5), ""),
    ],
)
def test_a_deadline_reads_like_a_person_says_it(meta, props, said):
    assert say_deadline(props, meta, NOW, UTC) == said


def test_the_officers_clock_sets_the_day_and_hour(meta):
    plus_two = type(UTC)(timedelta(hours=2))
    props = report("nowe", 33, 100)  # Thu 21:00 UTC is Thu 23:00 at +2
    assert say_deadline(props, meta, NOW, plus_two) == "take up by Thu 23:00"
    props = report("nowe", 35, 100)  # Thu 23:00 UTC is already Fri at +2
    assert say_deadline(props, meta, NOW, plus_two) == "take up by Fri 01:00"


def test_the_next_open_deadline_is_the_one_said(meta):
    assert due_at(report("nowe", 1, 2), meta, NOW)[0] == "take_up"
    assert due_at(report("weryfikacja", 1, 2), meta, NOW)[0] == "verify"
    assert due_at(report("niepotwierdzone", 1, 2), meta, NOW) is None
