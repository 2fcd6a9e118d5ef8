"""The store keeps serving when clients misbehave (issue 19): idle and half-open sockets,
readers that stop reading, uploads cut short, IPv6 address rotation, "+1" floods. One real
``serve --workers 2`` with short read and send timeouts, over demo data big enough that a
feed page (~8 MB) cannot hide in the socket buffers; loopback only, every wait bounded."""

from __future__ import annotations

import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from misbehaving import (
    close_all,
    closed_by_server,
    connect,
    idle_clients,
    meta_latency,
    stalled_readers,
)
from store_server import StoreServer

READ_TIMEOUT = 2
SEND_TIMEOUT = 3
BIG_PAGE = "/api/v1/reports?limit=12000"
WARSAW = (21.01, 52.23)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = StoreServer(
        tmp_path=tmp_path_factory.mktemp("misbehaving"),
        workers=2,
        serve_args=("--read-timeout", str(READ_TIMEOUT), "--send-timeout", str(SEND_TIMEOUT)),
    )
    try:
        srv.load_demo(reports=12000, days=30)
        srv.token = srv.create_user("analityk", "analityk", unit="KGP")
        yield srv
    finally:
        srv.close()


def assert_meta_answers(url: str) -> None:
    """Every /meta answers, and fast (the median: one slow sample on a busy CI machine is
    not the store failing)."""
    times, failed = meta_latency(url, 10, timeout=5)
    assert failed == 0, f"{failed} of 10 /meta requests got no answer"
    assert statistics.median(times) < 200, f"/meta took {times} ms"


def submit(server: StoreServer, forwarded_for: str, **kw) -> requests.Response:
    return requests.post(
        server.api + "/public/reports",
        json={"category": "parkowanie", "lon": WARSAW[0], "lat": WARSAW[1]},
        headers={"X-Forwarded-For": forwarded_for},
        timeout=30,
        **kw,
    )


def feature_ids(server: StoreServer, n: int) -> list[int]:
    r = requests.get(
        server.api + "/reports",
        params={"limit": n},
        headers={"Authorization": f"Bearer {server.token}"},
        timeout=30,
    )
    return [f["id"] for f in r.json()["features"]]


# --- 1. idle and half-open connections ------------------------------------------------
def test_idle_and_half_open_clients_neither_stop_the_store_nor_stay(server):
    socks = idle_clients(server.url, 140)
    try:
        assert len(socks) == 140
        assert_meta_answers(server.url)
        t0 = time.monotonic()
        closed = [closed_by_server(s, READ_TIMEOUT + 4 - (time.monotonic() - t0)) for s in socks]
        assert all(closed), f"{closed.count(False)} of 140 idle sockets still open"
    finally:
        close_all(socks)
    assert_meta_answers(server.url)


def test_keep_alive_connection_is_closed_when_no_next_request_comes(server):
    s = connect(server.url)
    try:
        s.sendall(b"GET /api/v1/meta HTTP/1.1\r\nHost: x\r\n\r\n")
        assert s.recv(12).startswith(b"HTTP/1.1 200")
        s.sendall(b"GET /api/v1/meta HTTP/1.1\r\n")  # the next request never completes
        assert closed_by_server(s, READ_TIMEOUT + 4)
    finally:
        s.close()


# --- 2. readers that stop reading -----------------------------------------------------
def test_stalled_readers_cost_a_slot_each_not_the_service(server):
    socks = stalled_readers(server.url, server.token, 16, BIG_PAGE)
    try:
        assert len(socks) == 16
        time.sleep(0.5)
        assert_meta_answers(server.url)
        # a well-behaved page still comes (at worst once a stalled reader is dropped)
        r = requests.get(
            server.api + "/reports",
            params={"limit": 50},
            headers={"Authorization": f"Bearer {server.token}"},
            timeout=SEND_TIMEOUT + 15,
        )
        assert r.status_code == 200 and len(r.json()["features"]) == 50
        t0 = time.monotonic()
        dropped = [closed_by_server(s, SEND_TIMEOUT + 8 - (time.monotonic() - t0)) for s in socks]
        assert all(dropped), f"{dropped.count(False)} of 16 stalled readers not dropped"
    finally:
        close_all(socks)
    assert "dropped a client that read nothing" in server.log_text()
    # every pooled connection came back: 24 pages at once, each complete
    with ThreadPoolExecutor(24) as pool:
        pages = list(
            pool.map(
                lambda _: requests.get(
                    server.api + "/reports",
                    params={"limit": 2000},
                    headers={"Authorization": f"Bearer {server.token}"},
                    timeout=60,
                ),
                range(24),
            )
        )
    assert [p.status_code for p in pages] == [200] * 24
    assert all(len(p.json()["features"]) == 2000 for p in pages)


# --- 3. uploads cut short -------------------------------------------------------------
def _cut_upload(server: StoreServer, path: str, ctype: str, body: bytes) -> None:
    s = connect(server.url)
    s.sendall(
        f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: {ctype}\r\n"
        f"Content-Length: {len(body) + 5000}\r\n\r\n".encode()
        + body
    )
    time.sleep(0.2)
    s.close()


def test_client_hanging_up_mid_body_is_one_info_line(server):
    before = len(server.log_text())
    for _ in range(5):
        _cut_upload(server, "/api/v1/public/reports", "application/json", b'{"category":')
        _cut_upload(
            server,
            "/api/v1/public/reports",
            "multipart/form-data; boundary=XX",
            b'--XX\r\nContent-Disposition: form-data; name="report"\r\n\r\n{"cat',
        )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        log = server.log_text()[before:]
        if log.count("client left during POST /api/v1/public/reports") == 10:
            break
        time.sleep(0.2)
    assert log.count("INFO kmzb_store: client left during POST /api/v1/public/reports") == 10
    assert "Traceback" not in log and "unexpected error" not in log
    assert "ERROR" not in log
    assert_meta_answers(server.url)


def test_stalled_upload_is_closed_after_the_read_timeout(server):
    before = len(server.log_text())
    s = connect(server.url)
    try:
        s.sendall(
            b"POST /api/v1/public/reports HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
        )
        assert closed_by_server(s, READ_TIMEOUT + 4)
    finally:
        s.close()
    time.sleep(0.5)
    log = server.log_text()[before:]
    assert "the request body stalled" in log and "Traceback" not in log


# --- 4. one report a day per IPv4 address, per IPv6 /64 -------------------------------
def test_ipv6_counts_per_64_and_ipv4_per_address(server):
    assert submit(server, "2001:db8:19:1::1").status_code == 201
    for other in ("2001:db8:19:1::2", "2001:db8:19:1:ffff:ffff:ffff:ffff"):
        again = submit(server, other)  # the same /64: the same household or phone
        assert again.status_code == 429, other
        assert int(again.headers["Retry-After"]) > 23 * 3600
    assert submit(server, "2001:db8:19:2::1").status_code == 201  # the next /64
    assert submit(server, "198.51.100.19").status_code == 201
    assert submit(server, "198.51.100.20").status_code == 201  # IPv4: per address
    assert submit(server, "::ffff:198.51.100.20").status_code == 429  # the same, mapped


def test_ipv6_prefix_is_configurable(server):
    server.run_cli("config", "ipv6_prefix", "56")
    try:
        assert submit(server, "2001:db8:56:1::1").status_code == 201
        assert submit(server, "2001:db8:56:2::1").status_code == 429  # one /56 now
        assert submit(server, "2001:db8:56:100::1").status_code == 201  # the next /56
    finally:
        server.run_cli("config", "ipv6_prefix", "64")
    assert submit(server, "2001:db8:56:3::1").status_code == 201
    assert server.run_cli("config", "ipv6_prefix").stdout.strip() == "64"
    assert server.run_cli("config", "ipv6_prefix", "8", check=False).returncode == 2


def test_forwarded_for_is_believed_only_from_a_trusted_proxy(server):
    """127.0.0.2 is not a trusted proxy (the default trusts 127.0.0.1): what it puts in
    X-Forwarded-For is ignored, and all its requests count as 127.0.0.2."""

    def from_untrusted(forwarded_for: str) -> int:
        s = connect(server.url, source="127.0.0.2")
        body = b'{"category": "parkowanie", "lon": 21.01, "lat": 52.23}'
        try:
            s.sendall(
                b"POST /api/v1/public/reports HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + f"X-Forwarded-For: {forwarded_for}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            return int(s.recv(64).split()[1])
        finally:
            s.close()

    assert from_untrusted("2001:db8:77:1::1") == 201
    assert from_untrusted("2001:db8:77:2::1") == 429
    assert from_untrusted("203.0.113.77") == 429
    assert submit(server, "2001:db8:77:2::1").status_code == 201  # via the trusted proxy


# --- 5. "+1" follows the same one-per-address-per-day rule -----------------------------
def test_confirmations_one_per_address_per_day(server):
    a, b, c = feature_ids(server, 3)
    url = server.api + "/public/reports/{}/confirmations"

    def confirm(rid: int, ip: str) -> requests.Response:
        return requests.post(url.format(rid), headers={"X-Forwarded-For": ip}, timeout=30)

    assert confirm(a, "203.0.113.5").status_code == 201
    second = confirm(b, "203.0.113.5")
    assert second.status_code == 429 and second.json()["error"]["code"] == "rate_limited"
    assert int(second.headers["Retry-After"]) > 23 * 3600
    assert confirm(a, "203.0.113.5").status_code == 409  # the same report: already counted
    assert confirm(b, "2001:db8:5:5::1").status_code == 201
    assert confirm(c, "2001:db8:5:5::2").status_code == 429  # the same /64
    assert confirm(c, "203.0.113.6").status_code == 201
    # a report and a "+1" are counted apart: one of each a day
    assert submit(server, "203.0.113.5").status_code == 201


def test_a_page_that_finds_no_stream_slot_is_a_503(tmp_path, monkeypatch):
    """In-process: with every stream slot taken, a page waits STREAM_WAIT, then is refused
    with a clear, retryable answer (no thread waits meanwhile: /meta answers)."""
    from starlette.testclient import TestClient

    from kmzb_store.api import responses
    from kmzb_store.api.app import create_app
    from kmzb_store.auth import UserSpec, create_user
    from kmzb_store.db import Database
    from kmzb_store.migrations import migrate

    url = f"sqlite:///{tmp_path / 'slots.db'}"
    db = Database(url)
    migrate(db)
    with db.write() as conn:
        token = create_user(conn, UserSpec("admin", "admin", None, []))
    db.close()
    monkeypatch.setattr(responses, "STREAM_SLOTS", 0)
    monkeypatch.setattr(responses, "STREAM_WAIT", 0.3)
    with TestClient(create_app(url)) as client:
        r = client.get("/api/v1/reports", headers={"Authorization": f"Bearer {token}"})
        assert client.get("/api/v1/meta").status_code == 200
    assert r.status_code == 503 and r.headers["Retry-After"] == "5"
    assert r.json()["error"]["code"] == "busy"


def test_serve_refuses_a_timeout_that_is_no_timeout(server):
    for bad in ("0", "-1", "7200"):
        cp = server.run_cli("serve", "--port", "1", "--send-timeout", bad, check=False)
        assert cp.returncode == 2 and "--send-timeout" in cp.stderr, cp.stderr
    cp = server.run_cli("serve", "--port", "1", "--read-timeout", "x", check=False)
    assert cp.returncode == 2 and "--read-timeout" in cp.stderr
