"""Locator parsing and answers: coordinates in WGS84 and PL-1992, report ids, names."""

from __future__ import annotations

import random

import pytest
from test_district_summary import DISTRICTS, report

from kmzb_qgis_plugin.core.cache import Cache, write_districts
from kmzb_qgis_plugin.core.place_search import (
    PL_1992,
    WGS84,
    Point,
    covering,
    describe,
    parse_coordinates,
    report_id,
    search,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("52.23 21.01", [Point(21.01, 52.23, WGS84)]),
        ("21.01,52.23", [Point(21.01, 52.23, WGS84)]),
        ("21.01, 52.23", [Point(21.01, 52.23, WGS84)]),
        ("52,23 21,01", [Point(21.01, 52.23, WGS84)]),
        ("52.23;21.01", [Point(21.01, 52.23, WGS84)]),
        ("-33.9 18.4", [Point(18.4, -33.9, WGS84)]),
        ("637000 486000", [Point(637000, 486000, PL_1992), Point(486000, 637000, PL_1992)]),
        ("500000.5 850000", [Point(850000, 500000.5, PL_1992)]),
        ("12345", []),
        ("Rejon 1", []),
        ("1 2 3", []),
        ("", []),
    ],
)
def test_parse_coordinates(text, expected):
    assert parse_coordinates(text) == expected


def test_pl_1992_to_wgs84():
    lon, lat = Point(637000, 486000, PL_1992).wgs84()
    assert lon == pytest.approx(21.0, abs=0.1) and lat == pytest.approx(52.2, abs=0.1)


def test_report_id():
    assert report_id("123") == 123
    assert report_id(" #45 ") == 45
    assert report_id("12a") is None


@pytest.fixture
def cache(tmp_path):
    c = Cache(tmp_path / "c.gpkg")
    write_districts(c.path, {"features": DISTRICTS})
    c.apply_page([report(7, random.Random(1), 1, 20.05, 52.05)], 7)
    yield c
    c.close()


def test_search_answers(cache):
    (point,) = search(cache, "52.05 20.15")
    assert point.kind == "point" and point.extent[:2] == pytest.approx((20.15, 52.05))
    assert point.detail.startswith("Rejon 2") and "asp. Jan Nowak 2" in point.detail
    assert "+48 1" in point.detail and "a@b.pl" in point.detail
    (far,) = search(cache, "50.0 15.0")
    assert far.detail == describe(None)
    (found,) = search(cache, "7")
    assert (found.kind, found.ident, found.extent[:2]) == ("report", 7, (20.05, 52.05))
    names = search(cache, "rejon")
    assert [p.ident for p in names] == [1, 2, 3] and names[0].kind == "district"
    officers = search(cache, "NOWAK 3")
    assert [(p.kind, p.ident, p.label) for p in officers] == [("officer", 3, "asp. Jan Nowak 3")]
    assert search(cache, "nobody") == []
    assert covering(cache, 21.05, 52.05)["name"] == "Rejon 3"
