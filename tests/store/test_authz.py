"""Authorization matrix: every role × endpoint × own / same-unit / foreign object, with the
exact status code (403 where the object may be known, 404 where existence must not leak)."""

from __future__ import annotations

import uuid

import pytest

# A report in each of these districts; who may read / change it.
#   D-A1-1: dzielnicowy_a11's own district (unit KMP-A1)
#   D-A1-2: same unit KMP-A1, not dzielnicowy_a11's district
#   D-A1a-1: sub-unit KP-A1a of KMP-A1
#   D-A2-1: KPP-A2, sibling of KMP-A1 under KWP-A
#   D-B1-1: another province (KWP-B)
OBJECTS = ["D-A1-1", "D-A1-2", "D-A1a-1", "D-A2-1", "D-B1-1"]

READ = {  # GET /reports/{id}, /history: 200 or 404
    "admin": [200, 200, 200, 200, 200],
    "analityk_kgp": [200, 200, 200, 200, 200],
    "analityk_a": [200, 200, 200, 200, 404],
    "kierownik_a1": [200, 200, 200, 404, 404],
    "kierownik_b1": [404, 404, 404, 404, 200],
    "dzielnicowy_a11": [200, 200, 200, 404, 404],
    None: [401, 401, 401, 401, 401],
}
WRITE = {  # PATCH /reports/{id} with a note and the right If-Match
    "admin": [200, 200, 200, 200, 200],
    "analityk_kgp": [403, 403, 403, 403, 403],
    "analityk_a": [403, 403, 403, 403, 404],
    "kierownik_a1": [200, 200, 200, 404, 404],
    "kierownik_b1": [404, 404, 404, 404, 200],
    "dzielnicowy_a11": [200, 403, 403, 404, 404],
    None: [401, 401, 401, 401, 401],
}
BATCH = {  # POST /verifications result for the same change
    "admin": ["applied"] * 5,
    "analityk_kgp": ["forbidden"] * 5,
    "analityk_a": ["forbidden"] * 4 + ["rejected"],
    "kierownik_a1": ["applied"] * 3 + ["rejected"] * 2,
    "kierownik_b1": ["rejected"] * 4 + ["applied"],
    "dzielnicowy_a11": ["applied", "forbidden", "forbidden", "rejected", "rejected"],
}


@pytest.fixture(scope="module")
def objects(store):
    """One fresh report per district (submitted publicly, so it is 'nowe')."""
    return {code: store.submit_in(code) for code in OBJECTS}


@pytest.mark.parametrize("user", list(READ))
def test_read_matrix(store, objects, user):
    got = [store.get(f"/reports/{objects[c]}", user).status_code for c in OBJECTS]
    assert got == READ[user]
    got = [store.get(f"/reports/{objects[c]}/history", user).status_code for c in OBJECTS]
    assert got == READ[user]
    # attachments: none exist, so readable → 404 "no such attachment", unreadable → 404 too,
    # anonymous → 401
    got = [store.get(f"/reports/{objects[c]}/attachments/0", user).status_code for c in OBJECTS]
    assert got == [401 if user is None else 404] * 5


@pytest.mark.parametrize("user", list(WRITE))
def test_patch_matrix(store, objects, user):
    got = []
    for c in OBJECTS:
        rev = store.feature(objects[c])["properties"]["revision"]
        r = store.patch(
            f"/reports/{objects[c]}",
            user,
            json={"note": f"notatka {user}"},
            headers={"If-Match": f'"{rev}"'},
        )
        got.append(r.status_code)
        if r.status_code == 200:
            assert r.json()["properties"]["last_note"] == f"notatka {user}"
            assert r.headers["ETag"] == f'"{r.json()["properties"]["revision"]}"'
        else:
            assert set(r.json()["error"]) == {"code", "message"}
    assert got == WRITE[user]


@pytest.mark.parametrize("user", list(BATCH))
def test_verification_matrix(store, objects, user):
    changes = []
    for c in OBJECTS:
        rev = store.feature(objects[c])["properties"]["revision"]
        changes.append(
            {
                "op_id": str(uuid.uuid4()),
                "report_id": objects[c],
                "base_revision": rev,
                "note": f"batch {user}",
            }
        )
    r = store.post("/verifications", user, json={"changes": changes})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["result"] for x in results] == BATCH[user]
    assert [x["op_id"] for x in results] == [c["op_id"] for c in changes]
    for x in results:
        if x["result"] == "rejected":
            assert x["reason"] == "report not found"  # same answer as for a missing id
        if x["result"] in ("forbidden", "rejected"):
            assert "report" not in x and "current" not in x


def test_verifications_anonymous_401(store, objects):
    r = store.post(
        "/verifications",
        None,
        json={"changes": [{"op_id": "x", "report_id": objects["D-A1-1"], "base_revision": 1}]},
    )
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "user,expected",
    [
        ("admin", 204),
        ("analityk_kgp", 403),
        ("analityk_a", 403),
        ("kierownik_a1", 403),
        ("dzielnicowy_a11", 403),
        (None, 401),
    ],
)
def test_delete_matrix(store, user, expected):
    rid = store.submit_in("D-A1-1")
    assert store.delete(f"/reports/{rid}", user).status_code == expected
    assert store.get(f"/reports/{rid}").status_code == (404 if expected == 204 else 200)


def test_delete_missing_is_404_for_admin(store):
    assert store.delete("/reports/999999999").status_code == 404


@pytest.mark.parametrize("user", ["analityk_a", "kierownik_a1", "dzielnicowy_a11", None])
def test_post_districts_only_admin(store, user):
    body = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[23, 53], [23.1, 53], [23.1, 53.1], [23, 53]]],
                },
                "properties": {"code": "X-NOPE", "name": "x", "unit_code": "KMP-A1"},
            }
        ],
    }
    r = store.post("/districts", user, json=body)
    assert r.status_code == (401 if user is None else 403)
    codes = [f["properties"]["code"] for f in store.get("/districts").json()["features"]]
    assert "X-NOPE" not in codes


@pytest.mark.parametrize("path", ["/me", "/units", "/districts", "/reports"])
def test_read_endpoints_need_a_token(store, path):
    assert store.get(path, None).status_code == 401
    bad = {"Authorization": "Bearer kmzb_not-a-token"}
    import requests

    assert requests.get(store.api + path, headers=bad, timeout=30).status_code == 401
    for user in ("admin", "analityk_a", "kierownik_a1", "dzielnicowy_a11"):
        assert store.get(path, user).status_code == 200


def test_meta_and_openapi_are_public(store):
    assert store.get("/meta", None).status_code == 200
    assert store.get("/openapi.json", None).status_code == 200


def test_me(store):
    me = store.get("/me", "dzielnicowy_a11").json()
    assert me["role"] == "dzielnicowy"
    assert me["unit"]["code"] == "KMP-A1"
    assert me["districts"] == [store.district_id("D-A1-1")]
    me = store.get("/me", "admin").json()
    assert me == {"name": "admin", "role": "admin", "unit": None, "districts": []}


@pytest.mark.parametrize(
    "user,units",
    [
        ("kierownik_a1", {"KMP-A1", "KP-A1a"}),
        ("analityk_a", {"KWP-A", "KMP-A1", "KP-A1a", "KPP-A2"}),
        ("kierownik_b1", {"KMP-B1"}),
        ("dzielnicowy_a11", {"KMP-A1", "KP-A1a"}),
    ],
)
def test_feed_scope(store, user, units):
    ids = {u["id"]: u["code"] for u in store.get("/units").json()}
    feats = store.get("/reports", user, params={"limit": 50000}).json()["features"]
    assert feats
    assert {ids[f["properties"]["unit_id"]] for f in feats} <= units
    all_feats = store.get("/reports", "admin", params={"limit": 50000}).json()["features"]
    expected = {f["id"] for f in all_feats if ids.get(f["properties"]["unit_id"]) in units}
    assert {f["id"] for f in feats} == expected
