"""Per-district load from the cache, checked against an independent count in Python."""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from kmzb_qgis_plugin.core.cache import Cache, write_districts
from kmzb_qgis_plugin.core.district_locate import DistrictIndex, assign_districts
from kmzb_qgis_plugin.core.district_summary import summarize

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
ISO = "%Y-%m-%dT%H:%M:%SZ"
OPEN = ("nowe", "weryfikacja")
STATUSES = ("nowe", "weryfikacja", "potwierdzone", "niepotwierdzone")


def square(fid: int, x0: float, y0: float, unit: int) -> dict:
    ring = [[x0, y0], [x0 + 0.1, y0], [x0 + 0.1, y0 + 0.1], [x0, y0 + 0.1], [x0, y0]]
    return {
        "type": "Feature",
        "id": fid,
        "geometry": {"type": "Polygon", "coordinates": [ring]},
        "properties": {
            "name": f"Rejon {fid}",
            "unit_id": unit,
            "officer_rank": "asp.",
            "officer_name": f"Jan Nowak {fid}",
            "phone": "+48 1",
            "email": "a@b.pl",
        },
    }


DISTRICTS = [square(1, 20.0, 52.0, 10), square(2, 20.1, 52.0, 10), square(3, 21.0, 52.0, 20)]


def report(fid: int, rng: random.Random, district: int | None, x: float, y: float) -> dict:
    submitted = NOW - timedelta(hours=rng.randint(1, 24 * 20))
    return {
        "type": "Feature",
        "id": fid,
        "geometry": {"type": "Point", "coordinates": [x, y]},
        "properties": {
            "revision": fid,
            "status": rng.choice(STATUSES),
            "category": "parkowanie",
            "submitted_at": submitted.strftime(ISO),
            "take_up_due": (submitted + timedelta(days=2)).strftime(ISO),
            "verify_due": (submitted + timedelta(days=5)).strftime(ISO),
            "district_id": district,
            "confirmations": rng.choice((0, 0, 1, 3)),
        },
    }


@pytest.fixture
def filled(tmp_path, meta_doc):
    cache = Cache(tmp_path / "c.gpkg")
    cache.set_state("meta", json.dumps(meta_doc))  # a pull stores the catalogue
    write_districts(cache.path, {"features": DISTRICTS})
    rng = random.Random(5)
    features = []
    for fid in range(1, 601):
        d = rng.choice((1, 2, 3, None, None))
        if d is None:  # no district from the store: inside 2 or outside everything
            x, y = rng.choice(((20.15, 52.05), (25.0, 50.0)))
        else:
            x0, y0 = {1: (20.0, 52.0), 2: (20.1, 52.0), 3: (21.0, 52.0)}[d]
            x, y = x0 + 0.05, y0 + 0.05
        features.append(report(fid, rng, d, x, y))
    cache.apply_page(features, 600)
    yield cache, features
    cache.close()


def expected(features, since: str = "", until: str = "~") -> dict:
    """Independent count: district by the known boxes, in plain Python."""
    out: dict = {}
    now = NOW.strftime(ISO)
    for f in features:
        p = f["properties"]
        if not (since <= p["submitted_at"] < until):
            continue
        x, _ = f["geometry"]["coordinates"]
        district = p["district_id"] or (2 if x < 21 else None)
        row = out.setdefault(district, {"by": Counter(), "conf": 0, "late": 0})
        row["by"][p["status"]] += 1
        row["conf"] += p["confirmations"] > 0
        late = (p["status"] == "nowe" and p["take_up_due"] < now) or (
            p["status"] in OPEN and p["verify_due"] < now
        )
        row["late"] += late
    return out


def check(summaries, want) -> None:
    got = {s.district_id: s for s in summaries}
    assert set(got) == {1, 2, 3, None}
    for district, s in got.items():
        row = want.get(district, {"by": Counter(), "conf": 0, "late": 0})
        total = sum(row["by"].values())
        assert s.total == total
        assert s.by_status == dict(row["by"])
        assert s.to_take_up == row["by"]["nowe"]
        assert s.to_verify == row["by"]["weryfikacja"]
        assert s.overdue == row["late"]
        assert s.confirmed_share == pytest.approx(row["conf"] / total if total else 0.0)


def test_summary_matches_an_independent_count(filled):
    cache, features = filled
    summaries = summarize(cache, now=NOW)
    check(summaries, expected(features))
    first = summaries[0]
    assert (first.name, first.unit_id, first.officer) == ("Rejon 1", 10, "asp. Jan Nowak 1")
    assert summaries[-1].district_id is None  # outside every district: counted, last


def test_period_and_unit(filled):
    cache, features = filled
    since, until = date(2026, 11, 5), date(2026, 11, 15)
    summaries = summarize(cache, since=since, until=until, now=NOW)
    check(summaries, expected(features, "2026-11-05T00:00:00Z", "2026-11-16T00:00:00Z"))
    unit = summarize(cache, unit_id=20, now=NOW)
    assert [s.district_id for s in unit] == [3]


def test_assignment_fills_districts_and_flags_the_rest(filled):
    cache, features = filled
    before = summarize(cache, now=NOW)
    inside, outside = assign_districts(cache)
    missing = [f for f in features if f["properties"]["district_id"] is None]
    assert inside + outside == len(missing)
    assert outside == sum(f["geometry"]["coordinates"][0] > 21 for f in missing)
    flagged = cache.db.execute("SELECT count(*) FROM reports WHERE outside_districts = 1")
    assert flagged.fetchone()[0] == outside
    assert summarize(cache, now=NOW) == before  # same numbers, no point-in-polygon now
    assert assign_districts(cache) == (0, 0)


def test_locate_points(filled):
    cache, _ = filled
    index = DistrictIndex(cache)
    assert index.locate(20.05, 52.05) == 1
    assert index.locate(21.05, 52.01) == 3
    assert index.locate(20.1, 52.05) == 1  # shared border: the lowest id
    assert index.locate(0, 0) is None


def test_empty_cache(tmp_path):
    cache = Cache(tmp_path / "e.gpkg")
    assert summarize(cache) == []
    write_districts(cache.path, {"features": DISTRICTS})
    assert [s.total for s in summarize(cache)] == [0, 0, 0]
    cache.close()
