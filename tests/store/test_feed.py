"""The changes feed: paging by cursor, filters, tombstones (status change, deletion, a move
out of the caller's scope), GeoJSON shape."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

from fixture_data import DISTRICTS, REPORTS_PER_DISTRICT


def pull_all(store, user="admin", since=0, limit=7, **params):
    feats, pages = [], 0
    while True:
        page = store.get("/reports", user, params={"since": since, "limit": limit, **params})
        assert page.status_code == 200, page.text
        body = page.json()
        pages += 1
        feats += body["features"]
        if body["next_since"] is None:
            assert len(body["features"]) < limit or not body["features"]
            return feats, pages, body["server_revision"]
        assert len(body["features"]) == limit
        assert body["next_since"] == body["features"][-1]["properties"]["revision"]
        since = body["next_since"]


def verify(store, user, report_id, status=None, note=None):
    rev = store.feature(report_id)["properties"]["revision"]
    change = {"op_id": str(uuid.uuid4()), "report_id": report_id, "base_revision": rev}
    if status:
        change["status"] = status
    if note:
        change["note"] = note
    r = store.post("/verifications", user, json={"changes": [change]})
    assert r.status_code == 200, r.text
    return r.json()["results"][0]


def test_paging_equals_one_page_and_is_ordered(store):
    one = store.get("/reports", params={"limit": 50000}).json()
    assert one["type"] == "FeatureCollection" and one["next_since"] is None
    feats, pages, server_rev = pull_all(store, limit=7)
    assert pages > 3
    assert [f["id"] for f in feats] == [f["id"] for f in one["features"]]
    revs = [f["properties"]["revision"] for f in feats]
    assert revs == sorted(revs) and len(set(revs)) == len(revs)
    assert max(revs) <= server_rev
    assert len(feats) >= len(DISTRICTS) * REPORTS_PER_DISTRICT - 20  # a few may be deleted
    assert all(f["geometry"] is not None for f in feats)  # no tombstones at since=0


def test_feature_shape(store):
    f = store.get("/reports", params={"limit": 1}).json()["features"][0]
    assert f["type"] == "Feature" and isinstance(f["id"], int)
    assert f["geometry"]["type"] == "Point" and len(f["geometry"]["coordinates"]) == 2
    expected = {
        "revision", "category", "status", "description", "submitted_at", "event_date",
        "event_time", "time_of_day", "days_of_week", "unit_id", "district_id",
        "confirmations", "attachments", "take_up_due", "verify_due", "taken_up_at",
        "verified_at", "updated_at", "last_note", "source",
    }  # fmt: skip
    assert set(f["properties"]) == expected
    p = f["properties"]
    assert p["submitted_at"].endswith("Z") and len(p["submitted_at"]) == 20
    meta = store.get("/meta", None).json()
    sub = datetime.fromisoformat(p["submitted_at"].replace("Z", "+00:00"))
    due = datetime.fromisoformat(p["take_up_due"].replace("Z", "+00:00"))
    assert due - sub == timedelta(hours=meta["deadlines"]["take_up_hours"])
    due = datetime.fromisoformat(p["verify_due"].replace("Z", "+00:00"))
    assert due - sub == timedelta(hours=meta["deadlines"]["verify_hours"])


def test_filters_match_python_filtering(store):
    everything, _, _ = pull_all(store, limit=50000)
    a11 = store.district_id("D-A1-1")
    kmp_a1 = store.unit_id("KMP-A1")
    sub_units = {kmp_a1, store.unit_id("KP-A1a")}
    today = datetime.now(UTC).date()
    day_from, day_to = today - timedelta(days=7), today - timedelta(days=4)
    cases = [
        ({"status": "nowe,weryfikacja"}, lambda p, g: p["status"] in ("nowe", "weryfikacja")),
        ({"category": "alkohol"}, lambda p, g: p["category"] == "alkohol"),
        ({"district": a11}, lambda p, g: p["district_id"] == a11),
        ({"unit": kmp_a1}, lambda p, g: p["unit_id"] in sub_units),
        (
            {"bbox": "20.05,52.0,20.25,52.1"},
            lambda p, g: 20.05 <= g[0] <= 20.25 and 52.0 <= g[1] <= 52.1,
        ),
        (
            {"submitted_from": str(day_from), "submitted_to": str(day_to)},
            lambda p, g: str(day_from) <= p["submitted_at"][:10] <= str(day_to),
        ),
    ]
    for params, pred in cases:
        got, _, _ = pull_all(store, limit=5, **params)
        want = [f["id"] for f in everything if pred(f["properties"], f["geometry"]["coordinates"])]
        assert want, params
        assert [f["id"] for f in got] == want, params


def test_tombstone_when_no_longer_matching_filter(store):
    rid = store.submit_in("D-A1-2")
    since = store.revision()
    before = store.get("/reports", params={"since": 0, "status": "nowe", "limit": 50000}).json()
    assert rid in {f["id"] for f in before["features"]}
    assert verify(store, "kierownik_a1", rid, status="weryfikacja")["result"] == "applied"
    page = store.get("/reports", params={"since": since, "status": "nowe"}).json()
    mine = [f for f in page["features"] if f["id"] == rid]
    assert len(mine) == 1
    assert mine[0]["geometry"] is None
    assert mine[0]["properties"]["deleted"] is True
    assert mine[0]["properties"]["revision"] > since
    assert set(mine[0]["properties"]) == {"revision", "deleted"}
    # without the filter it is a normal feature
    page = store.get("/reports", params={"since": since}).json()
    f = next(f for f in page["features"] if f["id"] == rid)
    assert f["properties"]["status"] == "weryfikacja"


def test_no_tombstone_for_reports_created_after_since_that_never_matched(store):
    since = store.revision()
    rid = store.submit_in("D-A1-2", category="predkosc")
    page = store.get("/reports", params={"since": since, "category": "parkowanie"}).json()
    assert rid not in {f["id"] for f in page["features"]}
    page = store.get("/reports", params={"since": since, "category": "predkosc"}).json()
    assert rid in {f["id"] for f in page["features"]}


def test_delete_gives_tombstone(store):
    rid = store.submit_in("D-A1-1")
    since = store.revision()
    assert store.delete(f"/reports/{rid}").status_code == 204
    for user in ("admin", "kierownik_a1", "dzielnicowy_a11"):
        page = store.get("/reports", user, params={"since": since}).json()
        mine = [f for f in page["features"] if f["id"] == rid]
        assert mine and mine[0]["geometry"] is None and mine[0]["properties"]["deleted"], user
    # a reader who never could see it gets nothing about it
    page = store.get("/reports", "kierownik_b1", params={"since": since}).json()
    assert rid not in {f["id"] for f in page["features"]}
    # a full pull does not list it at all
    everything = store.get("/reports", params={"limit": 50000}).json()["features"]
    assert rid not in {f["id"] for f in everything}
    assert store.get(f"/reports/{rid}").status_code == 404


def test_report_moved_out_of_scope_gives_tombstone(store):
    """A district change moves a report from KPP-T1 to KPP-T2: the KPP-T1 officer gets a
    tombstone, the new unit sees it, history records the move."""
    t1, t2 = store.unit_id("KPP-T1"), store.unit_id("KPP-T2")
    rid = store.submit(22.08, 50.05)
    f = store.feature(rid)
    assert f["properties"]["unit_id"] == t1
    assert f["properties"]["district_id"] == store.district_id("D-T1-1")
    since = store.revision()
    # D-T2-1 grows west over the report's place; D-T1-1 shrinks away from it
    fc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[22, 50], [22.05, 50], [22.05, 50.1], [22, 50.1], [22, 50]]],
                },
                "properties": {"code": "D-T1-1", "name": "T1 mały", "unit_code": "KPP-T1"},
            },
            {
                "type": "Feature",
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [[22.05, 50], [22.2, 50], [22.2, 50.1], [22.05, 50.1], [22.05, 50]]
                    ],
                },
                "properties": {"code": "D-T2-1", "name": "T2 duży", "unit_id": t2},
            },
        ],
    }
    r = store.post("/districts", json=fc)
    assert r.status_code == 200, r.text
    assert r.json()["updated"] == 2 and r.json()["created"] == 0
    assert r.json()["reports_moved"] >= 1
    moved = store.feature(rid)["properties"]
    assert moved["unit_id"] == t2 and moved["district_id"] == store.district_id("D-T2-1")
    assert moved["revision"] > since
    page = store.get("/reports", "dzielnicowy_t1", params={"since": since}).json()
    mine = [f for f in page["features"] if f["id"] == rid]
    assert mine and mine[0]["geometry"] is None and mine[0]["properties"]["deleted"] is True
    assert store.get(f"/reports/{rid}", "dzielnicowy_t1").status_code == 404
    hist = store.get(f"/reports/{rid}/history").json()
    assert "D-T1-1" in hist[-1]["note"] and "D-T2-1" in hist[-1]["note"]
    assert hist[-1]["by"] == "admin"
    # the districts endpoint shows the new shape
    d = next(
        f for f in store.get("/districts").json()["features"] if f["properties"]["code"] == "D-T2-1"
    )
    assert d["properties"]["name"] == "T2 duży"
    assert d["geometry"]["type"] == "MultiPolygon"


def test_limit_is_capped_and_validated(store):
    r = store.get("/reports", params={"limit": 10**9})
    assert r.status_code == 200 and len(r.json()["features"]) <= 50000
    for bad in ({"limit": 0}, {"limit": -5}, {"since": -1}, {"limit": "abc"}):
        r = store.get("/reports", params=bad)
        assert r.status_code == 422, bad
        assert r.json()["error"]["code"]


def test_new_report_gets_district_and_unit_by_point_in_polygon(store):
    for code in ("D-A1-1", "D-A1a-1", "D-B1-1"):
        rid = store.submit_in(code)
        p = store.feature(rid)["properties"]
        assert p["district_id"] == store.district_id(code)
        assert p["unit_id"] == store.unit_id(DISTRICTS[code][0])
        assert p["status"] == "nowe" and p["confirmations"] == 0
    # outside every district: no district, the nearest district's unit
    rid = store.submit(18.3, 50.05)
    p = store.feature(rid)["properties"]
    assert p["district_id"] is None and p["unit_id"] == store.unit_id("KMP-B1")


def test_districts_endpoint(store):
    fc = store.get("/districts", "dzielnicowy_a11").json()
    codes = {f["properties"]["code"] for f in fc["features"]}
    assert set(DISTRICTS) <= codes
    f = next(f for f in fc["features"] if f["properties"]["code"] == "D-A1-1")
    assert f["properties"]["unit_name"] == "KMP A1"
    assert f["properties"]["officer_name"] == "Jan Kowalski D-A1-1"
    assert set(f["properties"]) == {
        "id", "code", "name", "unit_id", "unit_name", "officer_name", "officer_rank",
        "phone", "email",
    }  # fmt: skip
    only = store.get("/districts", params={"unit": store.unit_id("KMP-A1")}).json()
    assert {f["properties"]["code"] for f in only["features"]} == {
        "D-A1-1",
        "D-A1-2",
        "D-A1a-1",
    }
    box = store.get("/districts", params={"bbox": "17.9,49.9,18.2,50.2"}).json()
    assert {f["properties"]["code"] for f in box["features"]} == {"D-B1-1"}


def as_rows(page: dict) -> tuple[list, list[int]]:
    """A GeoJSON page in the terms of the rows format: (rows, tombstone ids)."""
    rows, deleted = [], []
    for f in page["features"]:
        if f["properties"].get("deleted"):
            deleted.append(f["id"])
            continue
        lon, lat = f["geometry"]["coordinates"]
        rows.append([f["id"], lon, lat, *f["properties"].values()])
    return rows, deleted


def test_rows_format_carries_the_same_pages(store):
    """``format=rows`` pages hold what the GeoJSON pages hold, paged and filtered alike,
    tombstones included."""
    rid = store.submit_in("D-A1-1")
    since = store.revision()
    assert store.delete(f"/reports/{rid}").status_code == 204
    cases = [
        ("admin", 0, {}),
        ("kierownik_a1", 0, {"status": "nowe,weryfikacja"}),
        ("admin", since - 30, {}),
        ("dzielnicowy_a11", since - 30, {}),
        ("admin", since - 30, {"category": "parkowanie", "bbox": "14,49,24.2,54.9"}),
    ]
    for user, start, params in cases:
        cursor, rows_pages = start, 0
        while True:
            q = {"since": cursor, "limit": 9, **params}
            geo = store.get("/reports", user, params=q).json()
            r = store.get("/reports", user, params={**q, "format": "rows"})
            assert r.status_code == 200, r.text
            page = r.json()
            assert page["type"] == "ReportRows"
            assert page["columns"][:4] == ["id", "lon", "lat", "revision"]
            assert (page["rows"], page["deleted"]) == as_rows(geo), (user, params)
            assert page["next_since"] == geo["next_since"]
            revs = [f["properties"]["revision"] for f in geo["features"]] or [cursor]
            assert page["last_revision"] == max(revs)
            rows_pages += 1
            if page["next_since"] is None:
                break
            cursor = page["next_since"]
        assert rows_pages >= 1
    page = store.get("/reports", params={"since": since, "format": "rows"}).json()
    assert rid in page["deleted"]
    bad = store.get("/reports", params={"format": "csv"})
    assert bad.status_code == 422


def _all_pages(db, who, f, since, rows):
    """Every page of the feed from ``since`` (limit 7), as the bytes sent."""
    from kmzb_store import feed

    pages = []
    while True:
        with db.read() as conn:
            page = feed.feed_page(conn, who, f, since, 7, rows)
        pages.append(page)
        cursor = json.loads(page)["next_since"]
        if cursor is None:
            return pages
        since = cursor


def _changes_and_readers(store):
    """A move within a unit and a deletion after ``since``; a database handle (the caller
    closes it); an admin and a unit's (KMP-A1) principal. Returns (since, moved id, db,
    admin, unit)."""
    from kmzb_store.auth import Principal
    from kmzb_store.db import Database

    since = store.revision()
    moved = store.submit_in("D-A1-2")
    assert verify(store, "kierownik_a1", moved, status="weryfikacja")["result"] == "applied"
    assert store.delete(f"/reports/{store.submit_in('D-A1-1')}").status_code == 204
    admin = Principal(user_id=0, name="t", role="admin", unit_id=None, read_units=None)
    unit = Principal(0, "k", "kierownik", None, read_units=frozenset({store.unit_id("KMP-A1")}))
    return since, moved, Database(store.server.db_url), admin, unit


def test_bbox_pages_equal_whichever_plan_reads_them(store, monkeypatch):
    """A bbox is read by different plans by its size: SQLite through reports_rtree when it
    holds few reports, else by the revision index; PostgreSQL by merging the revision-ordered
    scans of its grid cells (fine or coarse) when it covers few cells, mostly whole, else by
    the revision index or the GiST. Every plan gives the same pages, first pull and changes
    (tombstones), GeoJSON and rows, for an admin and for a unit's scope."""
    from kmzb_store import feed, pg_grid

    since, moved, db, admin, unit = _changes_and_readers(store)
    boxes = {
        (14.0, 49.0, 24.2, 54.9): False,  # all of Poland: too many cells for the grid
        (19.95, 51.9, 20.35, 52.2): True,  # 8 x 6 cells, the reports' row inside
        (20.03, 52.02, 20.27, 52.08): True,  # edge cells only, cutting the row of reports
        (20.042, 52.0, 20.3, 52.2): True,  # a sliver column holding a report (20.0444)
        (20.0, 50.0, 20.0001, 50.0001): True,  # nothing in it
        (19.5, 51.6, 21.05, 52.6): True,  # coarse: an edge column cutting a row of reports
        (19.5, 51.6, 21.03, 52.6): True,  # coarse: a sliver column holding 2 reports
    }
    calls = []
    grid_page_sql = pg_grid.grid_page_sql
    monkeypatch.setattr(
        pg_grid, "grid_page_sql", lambda *a: calls.append(a[0].shift) or grid_page_sql(*a)
    )
    plans = {  # (RTREE_MAX_HITS, GRID_MAX_CELLS, GRID_MIN_COVER, GRID_LEVELS)
        "plain": (0, 0, 1.0, pg_grid.GRID_LEVELS),  # never
        "index": (10**9, 1000, 0.0, pg_grid.GRID_LEVELS),  # always if it may: the fine grid
        "coarse": (10**9, 1000, 0.0, pg_grid.GRID_LEVELS[1:]),  # the coarse grid
    }
    try:
        for bbox, fits_grid in boxes.items():
            f = feed.FeedFilter(bbox=bbox)
            for who, start, rows in [
                (admin, 0, False), (admin, 0, True), (unit, 0, False),
                (admin, since, False), (unit, since, True),
            ]:  # fmt: skip
                got = {}
                for plan, (rtree, cells, cover, levels) in plans.items():
                    monkeypatch.setattr(feed, "RTREE_MAX_HITS", rtree)
                    monkeypatch.setattr(pg_grid, "GRID_MAX_CELLS", cells)
                    monkeypatch.setattr(pg_grid, "GRID_MIN_COVER", cover)
                    monkeypatch.setattr(pg_grid, "GRID_LEVELS", levels)
                    calls.clear()
                    got[plan] = _all_pages(db, who, f, start, rows)
                    grid = db.dialect == "postgresql" and plan != "plain" and fits_grid
                    assert bool(calls) == grid, (bbox, plan)
                    assert not grid or calls[0] == levels[0][0], (bbox, plan)
                assert got["plain"] == got["index"] == got["coarse"], (bbox, who.role, start, rows)
        last = _all_pages(db, admin, feed.FeedFilter(bbox=(19.95, 51.9, 20.35, 52.2)), since, 0)
        changed = {f["id"]: f for page in last for f in json.loads(page)["features"]}
        assert changed[moved]["properties"]["status"] == "weryfikacja"
    finally:
        db.close()


def test_pages_streamed_in_any_pieces_are_the_same_bytes(store, monkeypatch):
    """A page goes out in pieces as the database hands over its rows (feed.STREAM_ROWS at a
    time): wherever the pieces split the rows (also between tombstones only, in the rows
    format), the page is the same bytes, and it is valid JSON."""
    from kmzb_store import feed

    since, _moved, db, admin, unit = _changes_and_readers(store)
    try:
        for who, start, rows in [
            (admin, 0, False), (admin, 0, True), (admin, since, False), (unit, since, True),
        ]:  # fmt: skip
            pages = {}
            for size in (10**6, 1, 2, 3):
                monkeypatch.setattr(feed, "STREAM_ROWS", size)
                pages[size] = _all_pages(db, who, feed.FeedFilter(), start, rows)
            assert pages[1] == pages[2] == pages[3] == pages[10**6], (who.role, start, rows)
            for page in pages[1]:
                assert set(json.loads(page)) >= {"type", "next_since", "server_revision"}
            if start == 0:  # a full page of 7: the head with the first row, 6 rows, the tail
                monkeypatch.setattr(feed, "STREAM_ROWS", 1)
                with db.read() as conn:
                    pieces = list(feed.feed_stream(conn, who, feed.FeedFilter(), 0, 7, rows))
                assert len(pieces) == 8 and b"".join(pieces) == pages[1][0]
    finally:
        db.close()


def test_clients_leaving_mid_page_give_back_the_store_connections(tmp_path):
    """A client that goes away in the middle of a streamed page (~5 MB) leaves no database
    connection taken and no query running: after 40 abandoned pages (the pool holds 16
    connections) the store answers at once and the pages it serves are whole."""
    import socket

    from store_server import StoreServer

    with StoreServer(tmp_path=tmp_path) as server:
        server.load_demo(reports=8000)
        token = server.create_user("reader", "admin")
        request = (
            f"GET /api/v1/reports?limit=50000 HTTP/1.1\r\nHost: x\r\n"
            f"Authorization: Bearer {token}\r\n\r\n"
        ).encode()
        for _ in range(40):
            with socket.socket() as s:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a slow reader
                s.connect(("127.0.0.1", server.port))
                s.sendall(request)
                head = s.recv(1024)
                assert head.startswith(b"HTTP/1.1 200") and b"chunked" in head.lower()
        r = server.session(token).get(server.api + "/reports", params={"limit": 50000}, timeout=10)
        assert r.status_code == 200
        assert len(r.json()["features"]) == 8000 and "content-length" not in r.headers
        if server.dialect == "postgresql":
            import psycopg

            with psycopg.connect(server.db_url, autocommit=True) as con:
                busy = con.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid() AND state <> 'idle'"
                ).fetchone()[0]
            assert busy == 0
