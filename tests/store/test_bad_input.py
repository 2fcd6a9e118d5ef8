"""Bad input never gets a 500 and is never stored: the error is {"error": {code, message}}
with a 4xx status, and the server revision does not move."""

from __future__ import annotations

import json

import pytest
import requests
from conftest import fresh_ip

GOOD = {"category": "parkowanie", "lon": 20.05, "lat": 52.05}


def raw_post(store, path, data, ctype="application/json", user=None):
    headers = {"Content-Type": ctype, "X-Forwarded-For": fresh_ip()}
    if user:
        headers["Authorization"] = f"Bearer {store.tokens[user]}"
    return requests.post(store.api + path, data=data, headers=headers, timeout=60)


def assert_error(r, *statuses):
    assert r.status_code in statuses, (r.status_code, r.text[:300])
    body = r.json()
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] and body["error"]["message"]


PUBLIC_BAD = [
    (b"{not json", 400),
    (b'{"category": "parkowanie", "lon": NaN, "lat": 52.0}', 400),
    (b'{"category": "parkowanie", "lon": Infinity, "lat": 52.0}', 400),
    (b'{"category": "parkowanie", "lon": 1e999, "lat": 52.0}', 400),
    (b"[" * 100000 + b"]" * 100000, 400),
    (b"", 400),
    (b"[]", 422),
    (b'"text"', 422),
    (json.dumps({**GOOD, "lon": 13.9}).encode(), 422),
    (json.dumps({**GOOD, "lon": 24.3}).encode(), 422),
    (json.dumps({**GOOD, "lat": 48.9}).encode(), 422),
    (json.dumps({**GOOD, "lat": 55.0}).encode(), 422),
    (json.dumps({**GOOD, "lon": "20.05"}).encode(), 422),
    (json.dumps({**GOOD, "lon": True}).encode(), 422),
    (json.dumps({**GOOD, "lat": None}).encode(), 422),
    (json.dumps({**GOOD, "category": "nieznana"}).encode(), 422),
    (json.dumps({**GOOD, "category": "utoniecia"}).encode(), 422),  # no longer active
    (json.dumps({**GOOD, "category": 5}).encode(), 422),
    (json.dumps({**GOOD, "description": "x" * 501}).encode(), 422),
    (json.dumps({**GOOD, "description": 12}).encode(), 422),
    (json.dumps({**GOOD, "description": "a\u0000b"}).encode(), 422),
    (b'{"category": "parkowanie", "lon": 20.05, "lat": 52.05, "description": "\\ud800"}', 400),
    (json.dumps({**GOOD, "event_date": "2026-13-01"}).encode(), 422),
    (json.dumps({**GOOD, "event_date": "2999-01-01"}).encode(), 422),
    (json.dumps({**GOOD, "event_time": "25:00"}).encode(), 422),
    (json.dumps({**GOOD, "days_of_week": "pn,xx"}).encode(), 422),
    (json.dumps({**GOOD, "time_of_day": ["noc"]}).encode(), 422),
    (json.dumps({**GOOD, "extra": 1}).encode(), 422),
    (json.dumps({**GOOD, "nested": {"a": [[[[[]]]]]}}).encode(), 422),
]


@pytest.mark.parametrize("body,status", PUBLIC_BAD, ids=range(len(PUBLIC_BAD)))
def test_bad_public_reports(store, body, status):
    before = store.revision()
    assert_error(raw_post(store, "/public/reports", body), status)
    assert store.revision() == before


def test_wrong_content_type_and_broken_multipart(store):
    before = store.revision()
    assert_error(raw_post(store, "/public/reports", b"a=b", "text/plain"), 422)
    assert_error(
        raw_post(store, "/public/reports", b"--xx\r\nbroken", "multipart/form-data; boundary=xx"),
        400,
        422,
    )
    r = requests.post(
        store.api + "/public/reports",
        files=[("report", (None, "{bad json", "application/json"))],
        headers={"X-Forwarded-For": fresh_ip()},
        timeout=30,
    )
    assert_error(r, 400)
    r = requests.post(
        store.api + "/public/reports",
        files=[("other", (None, json.dumps(GOOD), "application/json"))],
        headers={"X-Forwarded-For": fresh_ip()},
        timeout=30,
    )
    assert_error(r, 422)
    assert store.revision() == before


def test_oversized_bodies_413(store):
    before = store.revision()
    big = json.dumps({**GOOD, "description": "x" * (7 * 1024 * 1024)}).encode()
    assert_error(raw_post(store, "/public/reports", big), 413)

    def chunks():  # no Content-Length: the limit applies while streaming
        for _ in range(8):
            yield b" " * (1024 * 1024)

    r = requests.post(
        store.api + "/public/reports",
        data=chunks(),
        headers={"Content-Type": "application/json", "X-Forwarded-For": fresh_ip()},
        timeout=60,
    )
    assert_error(r, 413)
    r = raw_post(store, "/verifications", big, user="admin")
    assert_error(r, 413)
    assert store.revision() == before


def test_bad_verification_bodies(store):
    before = store.revision()
    cases = [
        (b"{", 400),
        (b"[]", 422),
        (b'{"changes": "x"}', 422),
        (b'{"changes": [{"op_id": "a", "report_id": "1", "base_revision": 1}]}', 422),
        (b'{"changes": [{"op_id": "a", "report_id": 1.5, "base_revision": 1}]}', 422),
        (b'{"changes": [{"op_id": "a", "report_id": 1, "base_revision": NaN}]}', 422),
        (b'{"changes": [{"op_id": "", "report_id": 1, "base_revision": 1}]}', 422),
        (b'{"changes": [{"op_id": "a", "report_id": 1e400, "base_revision": 1}]}', 422),
        (
            b'{"changes": [{"op_id": "a", "report_id": 99999999999999999999999, '
            b'"base_revision": 1}]}',
            422,
        ),
        (b'{"changes": [{"op_id": "a\\u0000", "report_id": 1, "base_revision": 1}]}', 422),
        (b'{"changes": [{"op_id": "\\udfff", "report_id": 1, "base_revision": 1}]}', 422),
        (b'{"changes": [{"op_id": "a", "report_id": 1, "base_revision": 1, "x": 1}]}', 422),
        (b'{"changes": [{"op_id": "a", "report_id": 1, "base_revision": 1, "note": 5}]}', 422),
        (b'{"changes": [' + b"[" * 5000 + b"]" * 5000 + b"]}", 400),
    ]
    for body, status in cases:
        assert_error(raw_post(store, "/verifications", body, user="admin"), status)
    assert store.revision() == before


@pytest.mark.parametrize(
    "params",
    [
        {"bbox": "1,2,3"},
        {"bbox": "a,b,c,d"},
        {"bbox": "20,52,19,53"},
        {"bbox": "nan,52,21,53"},
        {"bbox": "-500,52,21,53"},
        {"status": "nowe,bogus"},
        {"status": ""},
        {"category": "nope"},
        {"unit": "abc"},
        {"unit": 10**30},
        {"district": -1},
        {"since": 10**30},
        {"submitted_from": "2026-02-30"},
        {"submitted_to": "yesterday"},
    ],
)
def test_bad_feed_queries(store, params):
    assert_error(store.get("/reports", "admin", params=params), 422)


@pytest.mark.parametrize(
    "path", ["/reports/0", "/reports/abc", "/reports/99999999999999999999", "/reports/-1"]
)
def test_bad_report_ids(store, path):
    assert_error(store.get(path, "admin"), 404, 422)


def test_unknown_route_and_method(store):
    assert_error(store.get("/nothing-here", "admin"), 404)
    r = requests.put(store.api + "/meta", timeout=30)
    assert_error(r, 405)


def _fc(geometry, **props):
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {"code": "BAD-1", "name": "zły", "unit_code": "KMP-A1", **props},
            }
        ],
    }


SQUARE = [[[23, 53], [23.1, 53], [23.1, 53.1], [23, 53.1], [23, 53]]]
BAD_DISTRICTS = [
    _fc(
        {
            "type": "Polygon",
            "coordinates": [[[23, 53], [23.1, 53.1], [23.1, 53], [23, 53.1], [23, 53]]],
        }
    ),  # bow-tie
    _fc({"type": "Polygon", "coordinates": [[[23, 53], [23.1, 53]]]}),  # too few points
    _fc({"type": "Polygon", "coordinates": [[[10, 53], [10.1, 53], [10.1, 53.1], [10, 53]]]}),
    _fc({"type": "Point", "coordinates": [23, 53]}),
    _fc({"type": "Polygon", "coordinates": "x"}),
    _fc({"type": "Polygon", "coordinates": [[["a", 53], [23.1, 53], [23.1, 53.1], [23, 53]]]}),
    _fc(None),
    _fc({"type": "Polygon", "coordinates": SQUARE}, unit_code="NOPE"),
    _fc({"type": "Polygon", "coordinates": SQUARE}, name=None),
    _fc({"type": "Polygon", "coordinates": SQUARE}, code=""),
    _fc({"type": "Polygon", "coordinates": SQUARE}, name=["x"]),
    _fc({"type": "Polygon", "coordinates": SQUARE}, unit_code=None, unit_id=10**20),
    {"type": "FeatureCollection", "features": []},
    {"type": "FeatureCollection", "features": [1]},
    {"type": "Feature"},
    [],
]


@pytest.mark.parametrize("body", BAD_DISTRICTS, ids=range(len(BAD_DISTRICTS)))
def test_bad_districts(store, body):
    before = store.get("/districts").json()
    assert_error(store.post("/districts", "admin", json=body), 422)
    assert store.get("/districts").json() == before


def test_nan_in_district_geometry(store):
    body = b'{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": ' + (
        b'{"type": "Polygon", "coordinates": [[[NaN, 53], [23.1, 53], [23.1, 53.1], [23, 53]]]},'
        b' "properties": {"code": "BAD-2", "name": "x", "unit_code": "KMP-A1"}}]}'
    )
    assert_error(raw_post(store, "/districts", body, user="admin"), 400)
