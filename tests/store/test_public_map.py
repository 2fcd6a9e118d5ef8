"""The public map's read endpoint: only public fields, by bbox, bounded pages, ETag/304."""

from __future__ import annotations

import requests
from conftest import fresh_ip
from fixture_data import DISTRICTS

from kmzb_store.feed import PUBLIC_MAX_LIMIT
from kmzb_store.report_sql import PUBLIC_KEYS

# an area of its own (no fixture district, no other test reports here)
BOX = (16.30, 53.70, 16.40, 53.80)
BBOX = ",".join(map(str, BOX))


def public(store, bbox=BBOX, headers=None, **params) -> requests.Response:
    return requests.get(
        store.api + "/public/reports",
        params={"bbox": bbox, **params},
        headers=headers or {},
        timeout=60,
    )


def ids(body: dict) -> list[int]:
    return [f["id"] for f in body["features"]]


def submit_in_box(store, n: int, **fields) -> list[int]:
    x0, y0, x1, y1 = BOX
    return [
        store.submit(x0 + (x1 - x0) * (i + 1) / (n + 2), y0 + (y1 - y0) / 2, **fields)
        for i in range(n)
    ]


def test_only_public_fields_of_the_reports_in_the_bbox(store):
    mine = submit_in_box(store, 3, description="Dziura w chodniku")
    store.submit(BOX[2] + 0.05, BOX[1] + 0.05)  # just outside
    r = store.patch(
        f"/reports/{mine[0]}",
        json={"status": "weryfikacja", "note": "NOTATKA-POLICJI"},
        headers={"If-Match": f'"{store.feature(mine[0])["properties"]["revision"]}"'},
    )
    assert r.status_code == 200, r.text
    r = public(store)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["type"] == "FeatureCollection" and body["next_since"] is None
    feed = store.get("/reports", params={"bbox": BBOX}).json()["features"]
    assert sorted(ids(body)) == sorted(mine) == sorted(f["id"] for f in feed)
    private = {f["id"]: f for f in feed}
    for f in body["features"]:
        assert set(f["properties"]) == PUBLIC_KEYS
        assert f["geometry"] == private[f["id"]]["geometry"]
        for k in PUBLIC_KEYS:
            assert f["properties"][k] == private[f["id"]]["properties"][k], k
    assert {f["properties"]["status"] for f in body["features"]} == {"nowe", "weryfikacja"}
    assert "NOTATKA-POLICJI" not in r.text


def test_no_police_notes_and_no_addresses_in_a_fixture_district(store):
    bbox = ",".join(map(str, DISTRICTS["D-B1-1"][1]))
    feed = store.get("/reports", params={"bbox": bbox}).json()["features"]
    assert any(f["properties"]["last_note"] for f in feed)  # there are notes to leak
    r = public(store, bbox)
    assert sorted(ids(r.json())) == sorted(f["id"] for f in feed)
    assert "last_note" not in r.text and "Sprawdzone na miejscu" not in r.text
    assert "198.18." not in r.text and "unit_id" not in r.text


def test_bounded_pages_follow_the_cursor(store):
    mine = submit_in_box(store, 4)
    every = ids(public(store).json())
    assert set(mine) <= set(every)
    seen, since = [], 0
    while True:
        body = public(store, limit=2, since=since).json()
        assert len(body["features"]) <= 2
        seen += ids(body)
        if body["next_since"] is None:
            break
        since = body["next_since"]
    assert sorted(seen) == sorted(every) and len(seen) == len(set(seen))
    r = public(store, limit=PUBLIC_MAX_LIMIT + 1)
    assert r.status_code == 422


def test_etag_gives_304_until_something_changes(store):
    (rid,) = submit_in_box(store, 1)
    r = public(store)
    etag = r.headers["ETag"]
    assert "no-cache" in r.headers["Cache-Control"]
    again = public(store, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["ETag"] == etag
    c = requests.post(
        f"{store.api}/public/reports/{rid}/confirmations",
        headers={"X-Forwarded-For": fresh_ip()},
        timeout=60,
    )
    assert c.status_code == 201, c.text
    changed = public(store, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    mine = next(f for f in changed.json()["features"] if f["id"] == rid)
    assert mine["properties"]["confirmations"] == 1


def test_deleted_reports_leave_the_public_map(store):
    (rid,) = submit_in_box(store, 1)
    assert rid in ids(public(store).json())
    assert store.delete(f"/reports/{rid}").status_code == 204
    assert rid not in ids(public(store).json())


def test_bad_bbox_is_a_clear_422(store):
    for bad in ("", "1,2,3", "20,50,19,51", "a,b,c,d"):
        r = public(store, bad)
        assert r.status_code == 422, bad
        assert r.json()["error"]["code"] in ("invalid_bbox", "invalid_request")
    r = requests.get(store.api + "/public/reports", timeout=60)
    assert r.status_code == 422
