"""Notifications: what is news after a pull, told once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kmzb_qgis_plugin.core.cache import Cache
from kmzb_qgis_plugin.core.model import Meta
from kmzb_qgis_plugin.core.notifications import take_news


def test_news_told_once_own_districts_and_deadlines_within_12_h(tmp_path, meta_doc):
    """New reports in my district, deadlines within 12 h: each told of once; nothing of
    other districts; after the first pull the reports already there are no news."""
    meta = Meta.from_json(meta_doc)
    now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)

    def report(fid, district, status="nowe", take_up_in_h=40.0, verify_in_h=100.0):
        due = [now + timedelta(hours=h) for h in (take_up_in_h, verify_in_h)]
        props = {
            "revision": fid,
            "category": "parkowanie",
            "status": status,
            "district_id": district,
            "take_up_due": due[0].strftime("%Y-%m-%dT%H:%M:%SZ"),
            "verify_due": due[1].strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        return {"id": fid, "geometry": {"coordinates": [20.0, 52.0]}, "properties": props}

    cache = Cache(tmp_path / "c.gpkg")
    me = {"role": "dzielnicowy", "districts": [7]}
    cache.apply_page([report(1, 7), report(2, 7, take_up_in_h=5)], 2)
    first = take_news(cache, meta, me, first_pull=True, now=now)
    assert first.new == [] and first.due_soon == [2]
    cache.apply_page(
        [
            report(3, 7),  # new in my district
            report(4, 8),  # new elsewhere
            report(5, 7, "weryfikacja", -1, 11),  # verify within 12 h
            report(6, 7, "weryfikacja", -1, 13),  # later
            report(7, 7, "niepotwierdzone", -1, 1),  # closed
        ],
        7,
    )
    news = take_news(cache, meta, me, now=now)
    assert news.new == [3] and news.due_soon == [5] and news.ids == [3, 5]
    assert not take_news(cache, meta, me, now=now)  # told once
    later = take_news(cache, meta, me, now=now + timedelta(hours=2))
    assert later.due_soon == [6] and later.new == []  # 6 is due in 11 h now
    old = Cache(tmp_path / "old.gpkg")  # filled before notes existed: the first look is a start
    old.apply_page([report(1, 7), report(3, 7, take_up_in_h=5)], 3)
    start = take_news(old, meta, me, now=now)
    assert start.new == [] and start.due_soon == [3]
    old.apply_page([report(4, 7)], 4)
    assert take_news(old, meta, me, now=now).new == [4]
    old.close()
    boss = take_news(cache, meta, {"role": "kierownik"}, now=now + timedelta(hours=2))
    assert boss.new == [4]  # the unit's, not only district 7's
    cache.close()
