"""Clients that misbehave, for the store's robustness tests and bench/bench_misbehaving_clients.py:
sockets that stay idle or half-open, readers that stop reading, uploads cut short. Loopback
only; every socket has a timeout."""

from __future__ import annotations

import contextlib
import socket
import time
from urllib.parse import urlsplit

import requests

FEED_PAGE = "/api/v1/reports?limit=10000"  # ~6.7 MB of GeoJSON with the demo data


def connect(url: str, rcvbuf: int | None = None, source: str | None = None) -> socket.socket:
    """A TCP connection to ``url``'s host and port (from ``source`` if given); ``rcvbuf``: a
    small receive window, so that the server's sends stall after a few kilobytes."""
    parts = urlsplit(url)
    family = socket.AF_INET6 if ":" in (parts.hostname or "") else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    if source:
        s.bind((source, 0))
    s.settimeout(5)
    s.connect((parts.hostname, parts.port))
    return s


def idle_clients(url: str, n: int) -> list[socket.socket]:
    """``n`` open sockets: even ones send nothing, odd ones a request line and stop."""
    out = []
    for i in range(n):
        try:
            s = connect(url)
            if i % 2:
                s.sendall(b"GET /api/v1/meta HTTP/1.1\r\n")
        except OSError:
            break
        out.append(s)
    return out


def stalled_readers(url: str, token: str, n: int, path: str = FEED_PAGE) -> list[socket.socket]:
    """``n`` signed-in clients that request a big feed page and never read a byte of it."""
    host = urlsplit(url).netloc
    out = []
    for _ in range(n):
        try:
            s = connect(url, rcvbuf=4096)
            s.sendall(
                f"GET {path} HTTP/1.1\r\nHost: {host}\r\n"
                f"Authorization: Bearer {token}\r\n\r\n".encode()
            )
        except OSError:
            break
        out.append(s)
    return out


def close_all(socks: list[socket.socket]) -> None:
    for s in socks:
        with contextlib.suppress(OSError):
            s.close()


def closed_by_server(s: socket.socket, within: float) -> bool:
    """Whether the server ends the connection (EOF or reset) within ``within`` seconds;
    whatever it sent before is read and dropped."""
    deadline = time.monotonic() + within
    while (left := deadline - time.monotonic()) > 0:
        s.settimeout(left)
        try:
            if not s.recv(65536):
                return True
        except (ConnectionResetError, BrokenPipeError):
            return True
        except TimeoutError:
            return False
    return False


def meta_latency(url: str, samples: int, timeout: float = 2.0) -> tuple[list[float], int]:
    """``samples`` /meta requests, each on a fresh connection: latencies (ms), failures."""
    times: list[float] = []
    failed = 0
    for _ in range(samples):
        t0 = time.perf_counter()
        try:
            requests.get(f"{url}/api/v1/meta", timeout=timeout).raise_for_status()
            times.append((time.perf_counter() - t0) * 1000)
        except requests.RequestException:
            failed += 1
        time.sleep(0.02)
    return times, failed
