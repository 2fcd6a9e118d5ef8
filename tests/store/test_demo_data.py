"""Demo data: deterministic, Polish-looking, and consistent with the catalogue."""

from __future__ import annotations

import os
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

import numpy as np
import pytest
import shapely
from shapely import STRtree

from kmzb_store import catalogue, demo
from kmzb_store.demo import DemoDataError, generate

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
N = 20000
POLAND_BBOX = (14.07, 49.0, 24.15, 54.84)


def test_world_map_is_installed():
    """Everything below needs QGIS's world_map.gpkg; say so plainly when it is missing."""
    assert os.path.isfile(demo.WORLD_MAP_GPKG), (
        f"{demo.WORLD_MAP_GPKG} is missing: install Debian's qgis (make setup)"
    )


@pytest.fixture(scope="module")
def data():
    d = generate(reports=N, days=60, seed=1, now=NOW)
    return d, list(d.reports)


def _comparable(d, reports):
    units = d.units
    districts = [{**x, "geometry": x["geometry"].wkb} for x in d.districts]
    return units, districts, reports


def test_same_seed_same_output_and_other_seed_differs(data):
    d, reports = data
    again = generate(reports=N, days=60, seed=1, now=NOW)
    assert _comparable(d, reports) == _comparable(again, list(again.reports))
    other = generate(reports=2000, days=60, seed=2, now=NOW)
    other_reports = list(other.reports)
    assert [x["geometry"].wkb for x in other.districts] != [x["geometry"].wkb for x in d.districts]
    assert [(r["lon"], r["lat"]) for r in other_reports] != [
        (r["lon"], r["lat"]) for r in reports[:2000]
    ]


def test_units_form_the_police_hierarchy(data):
    d, _ = data
    units = {u["code"]: u for u in d.units}
    assert len(units) == len(d.units)
    assert all(set(u) == {"code", "name", "kind", "parent_code"} for u in d.units)
    assert units["KGP"]["parent_code"] is None
    provincial = [u for u in d.units if u["kind"] in ("KWP", "KSP")]
    assert len(provincial) == 17
    assert {u["parent_code"] for u in provincial} == {"KGP"}
    assert units["KSP"]["name"] == "Komenda Stołeczna Policji"
    assert units["KWP-RADOM"]["name"].endswith("w Radomiu")
    assert units["KWP-LODZ"]["name"] == "Komenda Wojewódzka Policji w Łodzi"
    assert units["KWP-WROCLAW"]["name"] == "Komenda Wojewódzka Policji we Wrocławiu"
    assert units["KMP-LODZ"] == {
        "code": "KMP-LODZ",
        "name": "Komenda Miejska Policji w Łodzi",
        "kind": "KMP",
        "parent_code": "KWP-LODZ",
    }
    local = [u for u in d.units if u["kind"] in ("KMP", "KPP", "KRP")]
    assert 50 <= len(local) <= 80
    for u in local:
        assert units[u["parent_code"]]["kind"] in ("KWP", "KSP")
    # Warsaw's district HQs and its suburbs answer to KSP, not to the KWP in Radom
    assert units["KRP-WARSZAWA-I"]["parent_code"] == "KSP"
    # every provincial HQ has local units under it
    assert {u["parent_code"] for u in local} == {u["code"] for u in provincial}
    assert set(d.unit_seats) >= {u["code"] for u in local}


def test_districts_are_valid_disjoint_polygons_in_poland(data):
    d, _ = data
    assert 600 <= len(d.districts) <= 1000
    codes = [x["code"] for x in d.districts]
    assert len(set(codes)) == len(codes)
    units = {u["code"]: u for u in d.units}
    voivs = demo.poland_voivodeships()
    poland = shapely.union_all(list(voivs.values())).buffer(1e-6)
    geoms = np.array([x["geometry"] for x in d.districts])
    for x in d.districts:
        assert set(x) == {
            "code", "name", "unit_code", "officer_name", "officer_rank", "phone", "email",
            "geometry",
        }  # fmt: skip
        g = x["geometry"]
        assert g.geom_type in ("Polygon", "MultiPolygon")
        assert g.is_valid and not g.is_empty and g.area > 0
        assert units[x["unit_code"]]["kind"] in ("KMP", "KPP", "KRP")
        assert x["code"].startswith(x["unit_code"] + "-R")
        assert x["name"].startswith("Rejon ")
        assert x["officer_rank"] in ("sierż.", "st. sierż.", "mł. asp.", "asp.", "st. asp.",
                                     "podkom.")  # fmt: skip
        assert x["phone"].startswith("+48 47 ") and len(x["phone"]) == len("+48 47 843 12 34")
        assert x["email"].endswith(".policja.gov.pl") and x["email"].isascii()
        assert len(x["officer_name"].split()) == 2
    assert shapely.contains(poland, geoms).all()
    assert len({x["email"] for x in d.districts}) == len(d.districts)
    tree = STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    pairs = left < right
    overlap = shapely.area(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]]))
    assert overlap.sum() < 1e-9


def test_category_mix_follows_the_catalogue_weights(data):
    _, reports = data
    active = [c for c in catalogue.CATEGORIES if c.active]
    total = sum(c.weight for c in active)
    counts = Counter(r["category"] for r in reports)
    assert set(counts) <= {c.code for c in active}
    for c in active:
        assert abs(counts[c.code] / N - c.weight / total) < 0.02, c.code
    top3 = counts["predkosc"] + counts["parkowanie"] + counts["alkohol"]
    assert 0.65 < top3 / N < 0.8


def test_statuses_are_consistent_with_timestamps_and_deadlines(data):
    _, reports = data
    assert len(reports) == N
    take_up = timedelta(hours=catalogue.TAKE_UP_HOURS)
    verify = timedelta(hours=catalogue.VERIFY_HOURS)
    overdue_take_up = overdue_verify = 0
    for r in reports:
        st = r["status"]
        assert st in catalogue.STATUS_CODES
        sub = r["submitted_at"]
        assert sub.tzinfo is not None and sub.utcoffset() == timedelta(0)
        assert NOW - timedelta(days=60) < sub <= NOW
        if st == "nowe":
            assert r["taken_up_at"] is None and r["verified_at"] is None
            assert r["last_note"] is None
            overdue_take_up += NOW - sub > take_up
            continue
        assert sub <= r["taken_up_at"] <= NOW
        if st == "weryfikacja":
            assert r["verified_at"] is None
            overdue_verify += NOW - sub > verify
            continue
        assert st in catalogue.VERIFIED_STATUSES
        assert r["taken_up_at"] <= r["verified_at"] <= NOW
        if catalogue.STATUS_BY_CODE[st].note_required:
            assert r["last_note"]
    assert overdue_take_up > 5
    assert overdue_verify > 5


def test_status_paths_follow_the_transitions(data):
    _, reports = data
    for r in reports:
        st = r["status"]
        path = ["nowe"]
        if r["taken_up_at"] is not None and r["taken_up_at"] != r["verified_at"]:
            path.append("weryfikacja")
        if st in ("wyeliminowane", "przekazane"):
            path.append("potwierdzone")
        if st != path[-1]:
            path.append(st)
        assert path[-1] == st
        for a, b in pairwise(path):
            assert catalogue.transition_allowed(a, b), (a, b, r)


def test_about_half_of_verified_reports_are_confirmed(data):
    _, reports = data
    verified = [r for r in reports if r["status"] in catalogue.VERIFIED_STATUSES]
    assert len(verified) > 0.8 * N  # 60 days: most reports are long verified
    confirmed = [r for r in verified if r["status"] in ("potwierdzone", "wyeliminowane",
                                                        "przekazane")]  # fmt: skip
    share = len(confirmed) / len(verified)
    assert 0.45 < share < 0.57
    # recent reports are mostly still open
    recent = [r for r in reports if NOW - r["submitted_at"] < timedelta(hours=12)]
    assert sum(r["status"] in ("nowe", "weryfikacja") for r in recent) > 0.6 * len(recent)


def test_locations_districts_and_units(data):
    d, reports = data
    by_code = {x["code"]: x for x in d.districts}
    units = {u["code"] for u in d.units}
    lon = np.array([r["lon"] for r in reports])
    lat = np.array([r["lat"] for r in reports])
    assert (lon > POLAND_BBOX[0]).all() and (lon < POLAND_BBOX[2]).all()
    assert (lat > POLAND_BBOX[1]).all() and (lat < POLAND_BBOX[3]).all()
    outside = [r for r in reports if r["district_code"] is None]
    assert 0 < len(outside) < 0.1 * N
    for r in reports[:3000]:
        assert r["unit_code"] in units
        if r["district_code"] is not None:
            x = by_code[r["district_code"]]
            assert x["unit_code"] == r["unit_code"]
            assert x["geometry"].contains(shapely.Point(r["lon"], r["lat"]))
    geoms = [x["geometry"] for x in d.districts]
    tree = STRtree(geoms)
    for r in outside[:200]:
        assert not tree.query(shapely.Point(r["lon"], r["lat"]), predicate="within").size
    # reports cluster in towns: the busiest district holds far more than an even share
    per_district = Counter(r["district_code"] for r in reports if r["district_code"])
    assert per_district.most_common(1)[0][1] > 5 * N / len(d.districts)


def test_optional_fields_descriptions_and_confirmations(data):
    _, reports = data
    descriptions = [r["description"] for r in reports]
    assert any(x is None for x in descriptions)
    assert all(x is None or 0 < len(x) <= 500 for x in descriptions)
    assert "<script>alert(1)</script>" in descriptions
    assert "<img src=x onerror=alert(1)>" in descriptions
    conf = np.array([r["confirmations"] for r in reports])
    assert (conf >= 0).all() and np.median(conf) == 0 and conf.max() >= 20
    tods = Counter(r["time_of_day"] for r in reports)
    assert set(tods) == {None, "rano", "dzien", "wieczor", "noc"}
    day_codes = {"pn", "wt", "sr", "cz", "pt", "sb", "nd"}
    with_days = [r["days_of_week"] for r in reports if r["days_of_week"]]
    assert with_days and all(set(x.split(",")) <= day_codes for x in with_days)
    with_date = [r for r in reports if r["event_date"] is not None]
    assert 0.15 * N < len(with_date) < 0.35 * N
    for r in with_date:
        assert isinstance(r["event_date"], date)
        assert r["event_date"] <= r["submitted_at"].date() + timedelta(days=1)
        if r["event_time"] is not None:
            assert isinstance(r["event_time"], time)
    assert all(r["event_time"] is None for r in reports if r["event_date"] is None)
    keys = {
        "category", "lon", "lat", "description", "submitted_at", "status", "taken_up_at",
        "verified_at", "last_note", "confirmations", "event_date", "event_time", "time_of_day",
        "days_of_week", "district_code", "unit_code",
    }  # fmt: skip
    assert all(set(r) == keys for r in reports[:100])


def test_alcohol_reports_lean_to_evenings_and_weekends(data):
    _, reports = data
    alcohol = [r for r in reports if r["category"] == "alkohol"]
    parking = [r for r in reports if r["category"] == "parkowanie"]

    def weekend_share(rs):
        return sum(r["submitted_at"].weekday() >= 4 for r in rs) / len(rs)

    def evening_share(rs):  # 18-24 local time, roughly 16-23 UTC
        return sum(16 <= r["submitted_at"].hour <= 22 for r in rs) / len(rs)

    assert weekend_share(alcohol) > weekend_share(parking) + 0.05
    assert evening_share(alcohol) > evening_share(parking) + 0.1
    # few reports are sent in the small hours
    assert sum(r["submitted_at"].hour in (1, 2) for r in reports) < 0.03 * N


def test_reports_are_lazy():
    d = generate(reports=10**9, days=5, seed=3, now=NOW)
    first = next(d.reports)
    assert first["category"] in catalogue.CATEGORY_CODES
    assert d.report_count == 10**9


def test_defaults_and_argument_checks():
    d = generate(reports=10, days=1, seed=4)
    reports = list(d.reports)
    assert len(reports) == 10
    assert all(d.now - timedelta(days=1) < r["submitted_at"] <= d.now for r in reports)
    with pytest.raises(ValueError):
        generate(reports=1, now=datetime(2026, 1, 1))  # naive
    with pytest.raises(ValueError):
        generate(reports=1, days=0)


def test_missing_world_map_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("KMZB_WORLD_MAP_GPKG", str(tmp_path / "nope.gpkg"))
    with pytest.raises(DemoDataError, match=r"nope\.gpkg.*world_map\.gpkg"):
        generate(reports=1, now=NOW)


def test_polish_place_names():
    loc = demo.w_locative
    assert loc("Łódź") == "w Łodzi"
    assert loc("Kraków") == "w Krakowie"
    assert loc("Wrocław") == "we Wrocławiu"
    assert loc("Gdańsk") == "w Gdańsku"
    assert loc("Katowice") == "w Katowicach"
    assert loc("Zielona Góra") == "w Zielonej Górze"
    assert loc("Gorzów Wielkopolski") == "w Gorzowie Wielkopolskim"
    assert demo.ascii_code("Gorzów Wielkopolski") == "GORZOW-WIELKOPOLSKI"
    assert demo.ascii_code("Łódź") == "LODZ"


def test_full_scale_shape():  # about 2 s: the national picture of --full-scale
    d = generate(reports=1000, full_scale=True, now=NOW)
    local = [u for u in d.units if u["kind"] in ("KMP", "KPP", "KRP")]
    assert 280 <= len(local) <= 360
    assert 7000 <= len(d.districts) <= 9000
