"""Pulling reports from the real store into the cache: full, incremental, tombstones,
cancel and resume, and every failure the user can meet (faults injected by a proxy)."""

from __future__ import annotations

import json

import pytest
import requests
from conftest import admin_change
from fault_proxy import FaultProxy

from kmzb_qgis_plugin.core import errors
from kmzb_qgis_plugin.core.api_client import StoreClient, make_retry
from kmzb_qgis_plugin.core.cache import Cache
from kmzb_qgis_plugin.core.sync import pull


def total(store) -> int:
    """Reports the analityk may see now (the module's tests delete one on the way)."""
    page = requests.get(
        f"{store.api}/reports",
        params={"limit": 1000},
        timeout=30,
        headers={"Authorization": f"Bearer {store.tokens['analityk']}"},
    ).json()
    return len(page["features"])


@pytest.fixture
def cache(tmp_path):
    c = Cache(tmp_path / "cache.gpkg")
    yield c
    c.close()


@pytest.fixture
def proxy(store):
    p = FaultProxy(store.url)
    yield p
    p.close()


def client(url: str, token: str, **kw) -> StoreClient:
    kw.setdefault("retry", make_retry(total=2, backoff=0.01))
    return StoreClient(url, token, **kw)


def test_full_then_incremental_pull(store, cache):
    c = client(store.url, store.tokens["analityk"])
    first = pull(c, cache, page_size=10)
    assert first.full and first.upserted == 56 and first.pages == 6  # 7 districts x 8
    assert cache.report_count() == 56
    assert first.districts == 7
    again = pull(c, cache, page_size=10)
    assert not again.full and again.upserted == 0
    report_id = cache.db.execute("SELECT fid FROM reports WHERE status='nowe' LIMIT 1").fetchone()[
        0
    ]
    applied = admin_change(store, report_id, "weryfikacja")
    assert applied["result"] == "applied"
    after = pull(c, cache, page_size=10)
    assert after.upserted == 1
    assert cache.report(report_id)["status"] == "weryfikacja"
    assert cache.report(report_id)["revision"] == applied["revision"]
    assert cache.cursor >= applied["revision"]


def test_tombstones_drop_removed_reports(store, cache):
    c = client(store.url, store.tokens["analityk"])
    pull(c, cache)
    victim = cache.db.execute("SELECT max(fid) FROM reports").fetchone()[0]
    gone = requests.delete(
        f"{store.api}/reports/{victim}",
        timeout=30,
        headers={"Authorization": f"Bearer {store.tokens['admin']}"},
    )
    assert gone.status_code in (200, 204), gone.text
    result = pull(c, cache)
    assert result.deleted == 1
    assert cache.report(victim) is None


def test_scope_of_a_dzielnicowy(store, cache):
    c = client(store.url, store.tokens["dzielnicowy"])
    pull(c, cache)
    districts = {r[0] for r in cache.db.execute("SELECT DISTINCT district_id FROM reports")}
    assert cache.report_count() == 24 and len(districts) == 3  # the unit KMP-A1 and KP-A1a


def test_filters_change_means_a_fresh_pull(store, cache):
    c = client(store.url, store.tokens["analityk"])
    pull(c, cache, {"status": "nowe"})
    statuses = {r[0] for r in cache.db.execute("SELECT DISTINCT status FROM reports")}
    assert statuses == {"nowe"}
    result = pull(c, cache, {"bbox": "19.9,49.9,20.35,52.2"})
    assert result.full
    lons = [r[0] for r in cache.db.execute("SELECT ST_MinX(geom) FROM reports")]
    assert lons and all(19.9 <= x <= 20.35 for x in lons)


def test_cancel_then_resume(store, cache):
    c = client(store.url, store.tokens["analityk"])
    pages = []
    with pytest.raises(errors.Cancelled):
        pull(c, cache, page_size=10, progress=pages.append, is_cancelled=lambda: len(pages) >= 2)
    assert cache.report_count() == 20 and cache.cursor > 0
    result = pull(client(store.url, store.tokens["analityk"]), cache, page_size=10)
    assert cache.report_count() == total(store)
    assert result.upserted == total(store) - 20


def test_dropped_connection_mid_pull_resumes(store, proxy, cache):
    # the store goes away from the 5th request on (one drop alone Qt resends: next test)
    proxy.rule = lambda method, path, n: (
        "drop" if path.startswith("/api/v1/reports") and n >= 4 else "pass"
    )
    with pytest.raises(errors.StoreUnreachable):
        pull(client(proxy.url, store.tokens["analityk"]), cache, page_size=10)
    kept = cache.report_count()
    assert 0 < kept < total(store) and kept % 10 == 0  # whole pages only
    proxy.rule = lambda method, path, n: "pass"
    pull(client(proxy.url, store.tokens["analityk"]), cache, page_size=10)
    assert cache.report_count() == total(store)


def test_one_dropped_connection_is_sent_again(store, proxy, cache):
    """QGIS's network stack (Qt) sends a request again when its connection closes before
    any answer (Qt 5.15: up to 3 times); a pull goes on through one drop."""
    proxy.rule = lambda method, path, n: (
        "drop" if path.startswith("/api/v1/reports") and n == 4 else "pass"
    )
    result = pull(client(proxy.url, store.tokens["analityk"]), cache, page_size=10)
    assert result.upserted == total(store) == cache.report_count()
    assert [a for _, _, a in proxy.requests].count("drop") == 1


def test_transient_503_is_retried(store, proxy, cache):
    proxy.rule = lambda method, path, n: "status:503" if n in (1, 2) else "pass"
    result = pull(client(proxy.url, store.tokens["analityk"]), cache)
    assert result.upserted == total(store)
    assert [a for _, _, a in proxy.requests].count("status:503") == 2


@pytest.mark.parametrize(
    ("action", "kind", "words"),
    [
        ("status:503", errors.StoreError, "Try again later"),
        ("status:500", errors.StoreError, "store failed"),
        ("status:403", errors.Forbidden, "not allowed"),
        ("garbage", errors.BadResponse, "malformed"),
        ("cut", errors.StoreError, "broke off midway"),
        ("sleep:3", errors.StoreTimeout, "in time"),
    ],
)
def test_failures_are_typed_with_a_message(store, proxy, cache, action, kind, words):
    proxy.rule = lambda method, path, n: action if "/reports" in path else "pass"
    c = client(proxy.url, store.tokens["analityk"], timeout=(2, 1.5))
    with pytest.raises(kind) as caught:
        pull(c, cache)
    assert words in caught.value.message
    assert "Traceback" not in caught.value.message
    assert cache.report_count() == 0 and cache.cursor == 0  # nothing half-written


def test_expired_token(store, cache):
    with pytest.raises(errors.AuthExpired, match="credentials"):
        pull(client(store.url, "kmzb_not-a-valid-token"), cache)


def test_store_down(cache):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(errors.StoreUnreachable, match="Cannot reach"):
        pull(client(f"http://127.0.0.1:{port}", "t"), cache)


def test_broken_features_are_skipped_and_counted(store, proxy, cache):
    def break_two(body: bytes) -> bytes:
        page = json.loads(body)
        if page.get("features"):
            page["features"][0]["geometry"] = {"type": "Point", "coordinates": ["NaN", 1]}
            page["features"][1]["geometry"] = None
        if page.get("rows"):  # the compact rows format: id, lon, lat, ...
            page["rows"][0][1] = "NaN"
            page["rows"][1][2] = None
        return json.dumps(page).encode()

    proxy.rule = lambda method, path, n: break_two if path.startswith("/api/v1/reports") else "pass"
    result = pull(client(proxy.url, store.tokens["analityk"]), cache, page_size=100)
    assert result.skipped == 2 and result.upserted == total(store) - 2


def test_cancel_aborts_the_request_in_flight_in_a_task(store, proxy, tmp_path, qtbot):
    """Cancelling the pull task while QGIS's network stack waits for a slow page (in the
    task's thread) aborts that request at once: Cancelled well before the page would come."""
    import time

    from qgis.core import QgsApplication

    from kmzb_qgis_plugin.core.qgis_network import StoreAccess
    from kmzb_qgis_plugin.core.tasks import pull_task

    proxy.rule = (
        lambda method, path, n: "sleep:20" if path.startswith("/api/v1/reports") else "pass"
    )
    task = pull_task(StoreAccess(proxy.url, store.tokens["analityk"]), tmp_path / "c.gpkg", {})
    outcome = []
    task.done.connect(lambda result, error: outcome.append(error))
    QgsApplication.taskManager().addTask(task)
    qtbot.waitUntil(lambda: any("/reports" in r[1] for r in proxy.requests), timeout=20000)
    started = time.monotonic()
    task.cancel()
    qtbot.waitUntil(lambda: bool(outcome), timeout=10000)
    assert time.monotonic() - started < 5
    assert isinstance(outcome[0], errors.Cancelled)
