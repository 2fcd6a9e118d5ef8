"""Concurrency and durability: 20 parallel writers against a 2-worker server (no "database
is locked", no lost or duplicated revision), and a SIGKILL of the server loses nothing that
was acknowledged."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from conftest import Store, fresh_ip, make_store
from fixture_data import district_center

WRITERS = 20
ROUNDS = 6


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory):
    server, st = make_store(tmp_path_factory, "workers", workers=2)
    try:
        yield st
    finally:
        server.close()


def test_twenty_parallel_writers(two_workers: Store):
    st = two_workers
    start_rev = st.revision()
    # a shared report every writer tries to change from the same base: exactly one wins
    shared = st.submit_in("D-A1-2")
    shared_base = st.feature(shared)["properties"]["revision"]
    barrier = threading.Barrier(WRITERS)
    statuses: list[int] = []
    created: list[int] = []
    results: list[str] = []
    lock = threading.Lock()

    def writer(k: int) -> None:
        s = requests.Session()
        s.headers["Authorization"] = f"Bearer {st.tokens['kierownik_a1']}"
        barrier.wait()
        for r in range(ROUNDS):
            lon, lat = district_center("D-A1-1" if k % 2 else "D-A1-2")
            pub = requests.post(
                st.api + "/public/reports",
                json={"category": "predkosc", "lon": lon, "lat": lat},
                headers={"X-Forwarded-For": fresh_ip()},
                timeout=60,
            )
            changes = [
                {
                    "op_id": str(uuid.uuid4()),
                    "report_id": shared,
                    "base_revision": shared_base,
                    "note": f"writer {k} round {r}",
                }
            ]
            ver = s.post(st.api + "/verifications", json={"changes": changes}, timeout=60)
            with lock:
                statuses.extend([pub.status_code, ver.status_code])
                if pub.status_code == 201:
                    created.append(pub.json()["id"])
                if ver.status_code == 200:
                    results.append(ver.json()["results"][0]["result"])

    with ThreadPoolExecutor(WRITERS) as pool:
        list(pool.map(writer, range(WRITERS)))
    assert statuses.count(201) == WRITERS * ROUNDS, sorted(set(statuses))
    assert statuses.count(200) == WRITERS * ROUNDS
    assert results.count("applied") == 1
    assert results.count("conflict") == WRITERS * ROUNDS - 1
    log = st.server.log_text()
    assert log.count("Started server process") >= 2  # two worker processes share the DB
    assert "database is locked" not in log
    assert "internal_error" not in log and "Traceback" not in log
    # every created report is there once, with its own revision, all after start_rev
    feed = st.get("/reports", params={"since": start_rev, "limit": 50000}).json()["features"]
    ids = [f["id"] for f in feed]
    assert len(ids) == len(set(ids))
    assert set(created) <= set(ids)
    revs = [f["properties"]["revision"] for f in feed]
    assert revs == sorted(revs) and len(set(revs)) == len(revs)


def test_history_revisions_are_unique_under_load(two_workers: Store):
    st = two_workers
    rid = st.submit_in("D-A1-1")

    def bump(k: int) -> str:
        # each thread re-reads and retries until its note lands (optimistic concurrency)
        for _ in range(50):
            base = st.feature(rid)["properties"]["revision"]
            change = {
                "op_id": str(uuid.uuid4()),
                "report_id": rid,
                "base_revision": base,
                "note": f"n{k}",
            }
            r = st.post("/verifications", "kierownik_a1", json={"changes": [change]})
            if r.json()["results"][0]["result"] == "applied":
                return "ok"
        return "gave up"

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(bump, range(8)))
    assert outcomes == ["ok"] * 8
    hist = st.get(f"/reports/{rid}/history").json()
    assert len(hist) == 9
    revs = [h["revision"] for h in hist]
    assert revs == sorted(revs) and len(set(revs)) == 9
    assert {h["note"] for h in hist[1:]} == {f"n{k}" for k in range(8)}


def test_kill_and_restart_loses_nothing_acknowledged(two_workers: Store):
    st = two_workers
    acked = [st.submit_in("D-B1-1") for _ in range(5)]
    rid = acked[0]
    base = st.feature(rid)["properties"]["revision"]
    op = {"op_id": str(uuid.uuid4()), "report_id": rid, "base_revision": base}
    op["status"] = "weryfikacja"
    first = st.post("/verifications", "kierownik_b1", json={"changes": [op]}).json()
    assert first["results"][0]["result"] == "applied"
    st.server.kill()
    with pytest.raises(requests.ConnectionError):
        requests.get(st.api + "/meta", timeout=5)
    st.server.start()
    st.api = st.server.api
    for i in acked:
        assert st.get(f"/reports/{i}").status_code == 200
    assert st.feature(rid)["properties"]["status"] == "weryfikacja"
    # the outbox re-sends after the crash: same op_id → same result, nothing applied twice
    again = st.post("/verifications", "kierownik_b1", json={"changes": [op]}).json()
    assert again == first
    hist = st.get(f"/reports/{rid}/history").json()
    assert [h["to_status"] for h in hist] == ["nowe", "weryfikacja"]
