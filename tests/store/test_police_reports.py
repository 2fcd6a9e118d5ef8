"""Police-sourced threats: POST /reports (idempotent by op_id, scoped on the server), the
source on every report, in the feed (both formats), as a filter, in /meta and in exports."""

from __future__ import annotations

import json

from fixture_data import district_center, police_threat


def threat(district: str, source: str = "debata_spoleczna", **kw) -> dict:
    return police_threat(*district_center(district), source, **kw)


def add(store, user, *items) -> list[dict]:
    r = store.post("/reports", user, json={"reports": list(items)})
    assert r.status_code == 200, r.text
    return r.json()["results"]


def test_meta_lists_the_sources_and_which_are_the_polices(store):
    sources = {s["code"]: s for s in store.get("/meta", None).json()["sources"]}
    assert set(sources) == {
        "obywatel",
        "debata_spoleczna",
        "spotkanie",
        "obserwacja_wlasna",
        "systemy_policyjne",
    }
    assert not sources["obywatel"]["police"] and sources["spotkanie"]["police"]
    assert sources["debata_spoleczna"]["name_pl"] == "debata społeczna"


def test_a_dzielnicowy_adds_a_threat_in_own_district_once(store):
    item = threat("D-A1-1", event_date="2026-11-30", event_time="21:30")
    first = add(store, "dzielnicowy_a11", item)[0]
    assert first["result"] == "applied", first
    props = first["report"]["properties"]
    assert props["source"] == "debata_spoleczna" and props["status"] == "nowe"
    assert props["district_id"] == store.district_id("D-A1-1")
    assert props["event_time"] == "21:30" and props["take_up_due"]
    server_rev = store.revision()
    again = add(store, "dzielnicowy_a11", item)[0]
    assert again == first  # re-sent: the first result, nothing added
    assert store.revision() == server_rev
    assert store.feature(first["id"])["properties"]["source"] == "debata_spoleczna"
    history = store.get(f"/reports/{first['id']}/history").json()
    assert [(h["by"], h["to_status"]) for h in history] == [("dzielnicowy_a11", "nowe")]
    changed = {**item, "description": "inna treść"}
    r = store.post("/reports", "dzielnicowy_a11", json={"reports": [changed]})
    assert r.status_code == 422 and r.json()["error"]["code"] == "op_id_reused"


def test_scope_is_checked_on_the_server(store):
    before = store.revision()
    outside = add(store, "dzielnicowy_a11", threat("D-A1-2"))[0]
    assert outside["result"] == "forbidden" and "id" not in outside
    assert add(store, "kierownik_b1", threat("D-A1-1"))[0]["result"] == "forbidden"
    assert add(store, "analityk_a", threat("D-B1-1"))[0]["result"] == "forbidden"
    assert store.revision() == before  # nothing stored
    assert add(store, "kierownik_a1", threat("D-A1-2", "spotkanie"))[0]["result"] == "applied"
    assert add(store, "analityk_a", threat("D-A2-1", "systemy_policyjne"))[0]["result"] == (
        "applied"
    )
    r = store.post("/reports", None, json={"reports": [threat("D-A1-1")]})
    assert r.status_code == 401


def test_bad_items_are_refused_with_a_reason(store):
    results = add(
        store,
        "admin",
        threat("D-A1-1", source="obywatel"),  # residents use the public intake
        threat("D-A1-1", source="plotka"),
        threat("D-A1-1", category="nie_ma_takiej"),
        {**threat("D-A1-1"), "lon": 30.0},
        threat("D-A1-1", event_time="25:00"),
    )
    assert [r["result"] for r in results] == ["rejected"] * 5
    assert "source" in results[0]["reason"] and "category" in results[2]["reason"].lower()
    r = store.post("/reports", "admin", json={"reports": [{"op_id": "x"}]})
    assert r.status_code == 422


def test_the_feed_carries_and_filters_the_source(store):
    since = store.revision()
    citizen = store.submit_in("D-A1-1")
    police = add(store, "dzielnicowy_a11", threat("D-A1-1", "obserwacja_wlasna"))[0]["id"]
    page = store.get("/reports", params={"since": since}).json()
    by_id = {f["id"]: f["properties"]["source"] for f in page["features"]}
    assert by_id == {citizen: "obywatel", police: "obserwacja_wlasna"}
    rows = store.get("/reports", params={"since": since, "format": "rows"}).json()
    at = rows["columns"].index("source")
    assert {r[0]: r[at] for r in rows["rows"]} == by_id
    only = store.get("/reports", params={"source": "obserwacja_wlasna"}).json()
    assert only["features"] and {f["properties"]["source"] for f in only["features"]} == {
        "obserwacja_wlasna"
    }
    assert police in {f["id"] for f in only["features"]}
    r = store.get("/reports", params={"source": "plotka"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_filter"


def test_export_keeps_the_source(store, tmp_path):
    from kmzb_store.db import Database
    from kmzb_store.export import export

    police = add(store, "admin", threat("D-T1-1", "systemy_policyjne"))[0]["id"]
    db = Database(store.server.db_url)
    try:
        path = tmp_path / "out.geojson"
        export(db, str(path))
    finally:
        db.close()
    features = {f["id"]: f for f in json.loads(path.read_text())["features"]}
    assert features[police]["properties"]["source"] == "systemy_policyjne"
    assert {f["properties"]["source"] for f in features.values()} >= {"obywatel"}
