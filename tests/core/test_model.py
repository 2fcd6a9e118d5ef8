from datetime import UTC, datetime, timedelta

import pytest

from kmzb_qgis_plugin.core.errors import BadResponse
from kmzb_qgis_plugin.core.model import Meta, deadlines

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_meta_parses_the_store_catalogue(meta_doc):
    meta = Meta.from_json(meta_doc)
    assert [s.code for s in meta.allowed_targets("weryfikacja")] == [
        "potwierdzone",
        "niepotwierdzone",
        "zart_pomylka",
    ]
    assert meta.allowed_targets("niepotwierdzone") == []
    assert meta.status("nowe").color == "#2e9d3a"
    assert meta.take_up_hours == 48


@pytest.mark.parametrize("broken", [[], {"statuses": []}, {"statuses": "x"}, None])
def test_malformed_meta_is_a_clear_error(broken):
    with pytest.raises(BadResponse):
        Meta.from_json(broken)


def test_check_change_mirrors_the_store_rules(meta_doc):
    meta = Meta.from_json(meta_doc)
    assert meta.check_change("nowe", "weryfikacja", None) == ""
    assert "note" in meta.check_change("weryfikacja", "potwierdzone", "  ")
    assert meta.check_change("weryfikacja", "potwierdzone", "Na miejscu, potwierdzam.") == ""
    assert "does not allow" in meta.check_change("niepotwierdzone", "nowe", "x")
    assert meta.check_change("nowe", None, "") != ""


def test_deadlines_count_from_the_feed_times(meta_doc):
    meta = Meta.from_json(meta_doc)
    submitted = NOW - timedelta(hours=50)
    props = {
        "status": "nowe",
        "take_up_due": iso(submitted + timedelta(hours=48)),
        "verify_due": iso(submitted + timedelta(hours=120)),
    }
    state = deadlines(props, meta, NOW)
    assert state.take_up_left_h == pytest.approx(-2.0)
    assert state.verify_left_h == pytest.approx(70.0)
    assert state.overdue
    taken = deadlines({**props, "status": "weryfikacja"}, meta, NOW)
    assert taken.take_up_left_h is None and not taken.overdue
    done = deadlines({**props, "status": "potwierdzone"}, meta, NOW)
    assert done.verify_left_h is None and not done.overdue
