import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kmzb_qgis_plugin.core.errors import BadResponse
from kmzb_qgis_plugin.core.model import Meta, deadlines, quoted
from kmzb_store.catalogue import NEW_STATUS, STATUSES

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


def test_the_domain_rules_come_from_the_catalogue(meta_doc):
    meta = Meta.from_json(meta_doc)
    assert meta.new_code == "nowe" == NEW_STATUS  # the store starts every report there
    assert meta.open_codes() == ["nowe", "weryfikacja"]
    assert meta.done_codes() == [
        "potwierdzone",
        "niepotwierdzone",
        "zart_pomylka",
        "wyeliminowane",
        "przekazane",
    ]
    assert quoted(["a'b", "c"]) == "'a''b', 'c'"
    assert quoted([]) == "''"


def test_overdue_and_due_agree_in_sql_and_python(meta_doc):
    meta = Meta.from_json(meta_doc)
    now, past, later = iso(NOW), iso(NOW - timedelta(hours=1)), iso(NOW + timedelta(hours=1))
    rows = [
        (status, take, verify)
        for status in [s.code for s in meta.statuses]
        for take in (past, later, None)
        for verify in (past, later, None)
    ]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE r(status, take_up_due, verify_due)")
    db.executemany("INSERT INTO r VALUES (?, ?, ?)", rows)
    got = db.execute(
        f"SELECT status, take_up_due, verify_due, coalesce({meta.overdue_sql('r.')}, 0), "
        f"{meta.due_sql('r.')} FROM r",
        (now, now),
    ).fetchall()
    late = 0
    for status, take, verify, overdue, due in got:
        assert bool(overdue) == meta.is_overdue(status, take, verify, now)
        assert due == (take if status == meta.new_code else verify)
        props = {"status": status, "take_up_due": take, "verify_due": verify}
        assert deadlines(props, meta, NOW).overdue == bool(overdue)
        late += bool(overdue)
    # new: take-up past (3) or only verify past (2); weryfikacja: verify past (3)
    assert late == 3 + 2 + 3


def test_the_qgis_expressions_name_the_catalogue_codes(meta_doc):
    meta = Meta.from_json(meta_doc)
    assert "\"status\" = 'nowe'" in meta.take_up_left_expression()
    assert "'przekazane'" in meta.verify_left_expression()
    overdue = meta.overdue_expression()
    assert "'weryfikacja'" in overdue and "'potwierdzone'" not in overdue


def test_no_status_code_is_written_outside_the_catalogue():
    """Open, overdue and done are Meta's rules: the plugin names no status itself."""
    plugin = Path(__file__).parents[2] / "kmzb_qgis_plugin"
    codes = "|".join(re.escape(s.code) for s in STATUSES)
    literal = re.compile(rf"""["']({codes})["']""")
    found = [
        f"{path.relative_to(plugin)}:{n}: {line.strip()}"
        for path in plugin.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert found == []
