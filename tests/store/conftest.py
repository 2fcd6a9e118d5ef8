"""Fixtures: one real store server per test session (SQLite or PostgreSQL by KMZB_TEST_DB),
loaded with the known fixture data, and users of every role."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from fixture_data import district_center, fixture_data
from store_server import StoreServer

USERS = {
    "admin": ("admin", None, ()),
    "analityk_a": ("analityk", "KWP-A", ()),
    "analityk_kgp": ("analityk", "KGP", ()),
    "kierownik_a1": ("kierownik", "KMP-A1", ()),
    "kierownik_b1": ("kierownik", "KMP-B1", ()),
    "dzielnicowy_a11": ("dzielnicowy", None, ("D-A1-1",)),
    "dzielnicowy_t1": ("dzielnicowy", None, ("D-T1-1",)),
}

_ip_counter = itertools.count(1)


def fresh_ip() -> str:
    """A distinct client address per call (sent as X-Forwarded-For from loopback)."""
    n = next(_ip_counter)
    return f"198.18.{n // 250}.{n % 250 + 1}"


class Store:
    """The running server plus what the tests need to talk to it."""

    def __init__(self, server: StoreServer, tokens: dict[str, str]):
        self.server = server
        self.tokens = tokens
        self.api = server.api
        self.ids: dict[str, dict] = {}

    def headers(self, user: str | None) -> dict:
        return {"Authorization": f"Bearer {self.tokens[user]}"} if user else {}

    def get(self, path: str, user: str | None = "admin", **kw) -> requests.Response:
        return requests.get(self.api + path, headers=self.headers(user), timeout=60, **kw)

    def post(self, path: str, user: str | None = "admin", **kw) -> requests.Response:
        headers = {**self.headers(user), **kw.pop("headers", {})}
        return requests.post(self.api + path, headers=headers, timeout=60, **kw)

    def patch(self, path: str, user: str | None = "admin", **kw) -> requests.Response:
        headers = {**self.headers(user), **kw.pop("headers", {})}
        return requests.patch(self.api + path, headers=headers, timeout=60, **kw)

    def delete(self, path: str, user: str | None = "admin", **kw) -> requests.Response:
        return requests.delete(self.api + path, headers=self.headers(user), timeout=60, **kw)

    def submit(self, lon: float, lat: float, category: str = "parkowanie", **fields) -> int:
        r = requests.post(
            self.api + "/public/reports",
            json={"category": category, "lon": lon, "lat": lat, **fields},
            headers={"X-Forwarded-For": fresh_ip()},
            timeout=60,
        )
        assert r.status_code == 201, r.text
        return r.json()["id"]

    def submit_in(self, district: str, **fields) -> int:
        lon, lat = district_center(district)
        return self.submit(lon, lat, **fields)

    def feature(self, report_id: int, user: str = "admin") -> dict:
        r = self.get(f"/reports/{report_id}", user)
        assert r.status_code == 200, r.text
        return r.json()

    def revision(self) -> int:
        return self.get("/reports", params={"limit": 1}).json()["server_revision"]

    def district_id(self, code: str) -> int:
        for f in self.get("/districts").json()["features"]:
            if f["properties"]["code"] == code:
                return f["id"]
        raise KeyError(code)

    def unit_id(self, code: str) -> int:
        return next(u["id"] for u in self.get("/units").json() if u["code"] == code)


def make_store(tmp_path_factory, name: str, **kw) -> tuple[StoreServer, Store]:
    server = StoreServer(tmp_path=tmp_path_factory.mktemp(name), **kw)
    server.load_fixture(fixture_data())
    tokens = {
        user: server.create_user(user, role, unit, districts)
        for user, (role, unit, districts) in USERS.items()
    }
    return server, Store(server, tokens)


@pytest.fixture(scope="session")
def store(tmp_path_factory):
    server, st = make_store(tmp_path_factory, "store")
    try:
        yield st
    finally:
        server.close()
