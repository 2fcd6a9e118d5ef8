"""Verifications: idempotency by op_id, conflicts, catalogue rules, the 1000-change batch,
PATCH with If-Match, history."""

from __future__ import annotations

import uuid

import pytest


def change(report_id, base, **kw):
    return {"op_id": str(uuid.uuid4()), "report_id": report_id, "base_revision": base, **kw}


def send(store, user, *changes):
    r = store.post("/verifications", user, json={"changes": list(changes)})
    assert r.status_code == 200, r.text
    return r.json()["results"]


def rev(store, rid):
    return store.feature(rid)["properties"]["revision"]


def test_applied_then_replay_returns_first_result_and_changes_nothing(store):
    rid = store.submit_in("D-A1-1")
    c = change(rid, rev(store, rid), status="weryfikacja", note="Jadę na miejsce.")
    first = send(store, "dzielnicowy_a11", c)[0]
    assert first["result"] == "applied"
    assert first["report"]["properties"]["status"] == "weryfikacja"
    assert first["report"]["properties"]["taken_up_at"] is not None
    assert first["revision"] == first["report"]["properties"]["revision"]
    server_rev = store.revision()
    again = send(store, "dzielnicowy_a11", c)[0]
    assert again == first
    assert store.revision() == server_rev
    hist = store.get(f"/reports/{rid}/history").json()
    assert [h["to_status"] for h in hist] == ["nowe", "weryfikacja"]
    assert hist[-1]["by"] == "dzielnicowy_a11" and hist[-1]["note"] == "Jadę na miejsce."
    assert hist[-1]["from_status"] == "nowe"


def test_same_op_id_different_body_is_422_for_whole_request(store):
    rid = store.submit_in("D-A1-1")
    other = store.submit_in("D-A1-1")
    base = rev(store, rid)
    c = change(rid, base, status="weryfikacja")
    assert send(store, "dzielnicowy_a11", c)[0]["result"] == "applied"
    server_rev = store.revision()
    ok = change(other, rev(store, other), status="weryfikacja")
    altered = {**c, "note": "inna treść"}
    r = store.post("/verifications", "dzielnicowy_a11", json={"changes": [ok, altered]})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "op_id_reused"
    assert store.revision() == server_rev  # nothing of the batch was applied
    assert store.feature(other)["properties"]["status"] == "nowe"
    # the same op_id twice inside one batch with different bodies: 422 too
    dup = change(other, rev(store, other), status="weryfikacja")
    r = store.post(
        "/verifications",
        "dzielnicowy_a11",
        json={"changes": [dup, {**dup, "status": "potwierdzone", "note": "x"}]},
    )
    assert r.status_code == 422
    assert store.feature(other)["properties"]["status"] == "nowe"


def test_op_ids_are_per_user(store):
    rid = store.submit_in("D-A1-1")
    c = change(rid, rev(store, rid), note="pierwszy")
    assert send(store, "dzielnicowy_a11", c)[0]["result"] == "applied"
    # another user re-using the id does not see the first user's result
    res = send(store, "kierownik_a1", c)[0]
    assert res["result"] == "conflict"
    assert res["current"]["properties"]["last_note"] == "pierwszy"


def test_two_officers_one_report_conflict(store):
    rid = store.submit_in("D-A1-1")
    base = rev(store, rid)
    a = send(store, "dzielnicowy_a11", change(rid, base, status="weryfikacja"))[0]
    b = send(store, "kierownik_a1", change(rid, base, status="zart_pomylka", note="żart"))[0]
    assert a["result"] == "applied"
    assert b["result"] == "conflict"
    cur = b["current"]
    assert cur["id"] == rid and cur["properties"]["status"] == "weryfikacja"
    assert cur["properties"]["revision"] == a["revision"]
    assert store.feature(rid)["properties"]["status"] == "weryfikacja"
    # the loser re-bases on the current revision and succeeds
    b2 = send(
        store,
        "kierownik_a1",
        change(rid, cur["properties"]["revision"], status="potwierdzone", note="Potwierdzam."),
    )[0]
    assert b2["result"] == "applied"
    p = b2["report"]["properties"]
    assert p["status"] == "potwierdzone" and p["verified_at"] is not None
    assert p["last_note"] == "Potwierdzam."


@pytest.mark.parametrize(
    "kw,reason",
    [
        ({"status": "wyeliminowane", "note": "x"}, "not allowed"),  # nowe → wyeliminowane
        ({"status": "potwierdzone"}, "requires a note"),
        ({"status": "potwierdzone", "note": "   "}, "requires a note"),
        ({"status": "nieznany"}, "unknown status"),
        ({"note": "x" * 2001}, "2000"),
        ({}, "nothing to change"),
    ],
)
def test_rejections(store, kw, reason):
    rid = store.submit_in("D-A1-1")
    before = store.feature(rid)
    res = send(store, "dzielnicowy_a11", change(rid, before["properties"]["revision"], **kw))[0]
    assert res["result"] == "rejected"
    assert reason in res["reason"]
    assert store.feature(rid) == before


def test_missing_report_is_rejected_not_found(store):
    res = send(store, "admin", change(987654321, 1, status="weryfikacja"))[0]
    assert res == {"op_id": res["op_id"], "result": "rejected", "reason": "report not found"}


def test_every_allowed_transition_from_meta(store):
    meta = store.get("/meta", None).json()
    needs_note = {s["code"] for s in meta["statuses"] if s["note_required"]}
    paths = {
        ("nowe", "weryfikacja"): [],
        ("nowe", "potwierdzone"): [],
        ("nowe", "niepotwierdzone"): [],
        ("nowe", "zart_pomylka"): [],
        ("weryfikacja", "potwierdzone"): ["weryfikacja"],
        ("weryfikacja", "niepotwierdzone"): ["weryfikacja"],
        ("weryfikacja", "zart_pomylka"): ["weryfikacja"],
        ("potwierdzone", "wyeliminowane"): ["potwierdzone"],
        ("potwierdzone", "przekazane"): ["potwierdzone"],
    }
    assert {(t["from"], t["to"]) for t in meta["transitions"]} == set(paths)
    for (_frm, to), prefix in paths.items():
        rid = store.submit_in("D-A1-2")
        for st in [*prefix, to]:
            note = "notatka" if st in needs_note else None
            res = send(store, "kierownik_a1", change(rid, rev(store, rid), status=st, note=note))
            assert res[0]["result"] == "applied", (st, res)
        p = store.feature(rid)["properties"]
        assert p["status"] == to
        assert p["taken_up_at"] is not None
        final = {s["code"] for s in meta["statuses"] if s["final"]} | {"potwierdzone"}
        assert (p["verified_at"] is not None) == (to in final)
        # a final status cannot move on
        if to in {s["code"] for s in meta["statuses"] if s["final"]}:
            res = send(store, "kierownik_a1", change(rid, rev(store, rid), status="nowe"))
            assert res[0]["result"] == "rejected"


def test_batch_of_1000_in_one_transaction(store):
    """Speed is bench/bench_store.py's (1,000 verifications beside its reference), not a
    timed test's: a wall-clock limit here only measures how busy the machine is."""
    ids = [store.submit_in("D-A1a-1") for _ in range(20)]
    revs = {i: rev(store, i) for i in ids}
    changes = []
    for k in range(1000):
        rid = ids[k % len(ids)]
        # first change per report applies; the later ones are conflicts (stale base)
        changes.append(change(rid, revs[rid], note=f"n{k}"))
    r = store.post("/verifications", "kierownik_a1", json={"changes": changes})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert len(results) == 1000
    assert sum(x["result"] == "applied" for x in results) == len(ids)
    assert sum(x["result"] == "conflict" for x in results) == 1000 - len(ids)


def test_batch_of_1000_applied_changes(store):
    from fixture_data import UNITS, FixtureData, reports

    since = store.revision()
    batch = [r for r in reports() if r["district_code"] == "D-A1a-1" and r["status"] == "nowe"]
    batch = (batch * (1000 // len(batch) + 1))[:1000]
    store.server.load_fixture(FixtureData(units=UNITS[:1], districts=[], reports=batch))
    feats = store.get(
        "/reports", params={"since": since, "district": store.district_id("D-A1a-1")}
    ).json()["features"]
    assert len(feats) == 1000
    changes = [
        change(f["id"], f["properties"]["revision"], status="weryfikacja", note="Przyjęte.")
        for f in feats
    ]
    r = store.post("/verifications", "kierownik_a1", json={"changes": changes})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["result"] for x in results] == ["applied"] * 1000
    revs = [x["revision"] for x in results]
    assert revs == sorted(revs) and len(set(revs)) == 1000
    assert store.feature(feats[-1]["id"])["properties"]["status"] == "weryfikacja"


def test_too_many_changes(store):
    changes = [change(1, 1, note="x") for _ in range(1001)]
    r = store.post("/verifications", "admin", json={"changes": changes})
    assert r.status_code == 422


def test_patch_if_match(store):
    rid = store.submit_in("D-A1-1")
    r = store.patch(f"/reports/{rid}", "dzielnicowy_a11", json={"status": "weryfikacja"})
    assert r.status_code == 428
    r = store.patch(
        f"/reports/{rid}",
        "dzielnicowy_a11",
        json={"status": "weryfikacja"},
        headers={"If-Match": '"1"'},
    )
    assert r.status_code == 412
    assert r.json()["current"]["properties"]["status"] == "nowe"
    assert r.json()["error"]["code"] == "stale_revision"
    etag = store.get(f"/reports/{rid}", "dzielnicowy_a11").headers["ETag"]
    r = store.patch(
        f"/reports/{rid}",
        "dzielnicowy_a11",
        json={"status": "weryfikacja"},
        headers={"If-Match": etag},
    )
    assert r.status_code == 200
    assert r.json()["properties"]["status"] == "weryfikacja"
    assert r.headers["ETag"] == f'"{r.json()["properties"]["revision"]}"'
    r = store.patch(
        f"/reports/{rid}",
        "dzielnicowy_a11",
        json={"status": "wyeliminowane", "note": "x"},
        headers={"If-Match": r.headers["ETag"]},
    )
    assert r.status_code == 422
    r = store.patch(
        f"/reports/{rid}", "dzielnicowy_a11", json={"bogus": 1}, headers={"If-Match": '"1"'}
    )
    assert r.status_code == 422
