"""A real KMZB store for tests: ``python -m kmzb_store serve`` as a subprocess on a free
loopback port, over a fresh database.

Database: ``db_url`` if given, else ``$KMZB_TEST_DB``: ``sqlite`` (or unset) means a temp
SQLite file; a ``postgresql://…`` URL names a cluster on which a fresh database
``kmzb_<random>`` (with PostGIS) is created for this server and dropped at ``close()``.

    with StoreServer(tmp_path=tmp) as store:
        store.load_fixture(units=..., districts=..., reports=...)
        token = store.create_user("jan", "dzielnicowy", districts=["D1"])
        requests.get(store.api + "/me", headers={"Authorization": f"Bearer {token}"})
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

import requests

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_admin_connect(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def create_pg_database(cluster_url: str) -> str:
    """CREATE DATABASE kmzb_<random> + PostGIS on the cluster of ``cluster_url``."""
    name = "kmzb_" + secrets.token_hex(6)
    with _pg_admin_connect(cluster_url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    p = urlparse(cluster_url)
    url = urlunparse(p._replace(path="/" + name))
    with _pg_admin_connect(url) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    return url


def drop_pg_database(cluster_url: str, url: str) -> None:
    name = urlparse(url).path.lstrip("/")
    with _pg_admin_connect(cluster_url) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


@dataclass
class FixtureData:
    """The shape ``kmzb_store.loader.load`` takes (same as demo.DemoData)."""

    units: list[dict]
    districts: list[dict]
    reports: list[dict] = field(default_factory=list)

    @property
    def report_count(self) -> int:
        return len(self.reports)


class StoreServer:
    def __init__(
        self,
        db_url: str | None = None,
        tmp_path: str | os.PathLike | None = None,
        workers: int = 1,
        start: bool = True,
        serve_args: tuple[str, ...] = (),
    ):
        self.tmp = Path(tmp_path) if tmp_path else Path(tempfile.mkdtemp(prefix="kmzb-store-"))
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.workers = workers
        self.serve_args = tuple(serve_args)  # more `serve` options, e.g. ("--send-timeout", "2")
        self._cluster_url: str | None = None
        if db_url is None:
            env = os.environ.get("KMZB_TEST_DB", "sqlite")
            if env.startswith("postgres"):
                self._cluster_url = env
                db_url = create_pg_database(env)
            else:
                db_url = f"sqlite:///{self.tmp / 'store.db'}"
        self.db_url = db_url
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self.log_path = self.tmp / "server.log"
        self._log = None
        self.run_cli("init")
        if start:
            self.start()

    @property
    def dialect(self) -> str:
        return "sqlite" if self.db_url.startswith("sqlite") else "postgresql"

    # --- process control ------------------------------------------------------------
    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "KMZB_STORE_DB"}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        return env

    def run_cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cp = subprocess.run(
            [sys.executable, "-m", "kmzb_store", "--db", self.db_url, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check and cp.returncode != 0:
            raise RuntimeError(f"kmzb-store {' '.join(args)} failed: {cp.stderr}{cp.stdout}")
        return cp

    def start(self, timeout: float = 30) -> None:
        for _attempt in range(3):
            self.port = free_port()
            self._log = open(self.log_path, "a", encoding="utf-8")  # noqa: SIM115
            cmd = [sys.executable, "-m", "kmzb_store", "--db", self.db_url, "serve"]
            cmd += ["--host", "127.0.0.1", "--port", str(self.port)]
            cmd += ["--workers", str(self.workers), *self.serve_args]
            self.proc = subprocess.Popen(
                cmd,
                env=self.env,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    break
                with contextlib.suppress(requests.RequestException):
                    if requests.get(self.api + "/meta", timeout=2).status_code == 200:
                        return
                time.sleep(0.1)
            self._terminate(signal.SIGKILL)
        raise RuntimeError(f"store did not start; log:\n{self.log_text()[-3000:]}")

    def _terminate(self, sig: int, wait: float = 10) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(wait)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(wait)
        self.proc = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def stop(self) -> None:
        self._terminate(signal.SIGTERM)

    def kill(self) -> None:
        """SIGKILL the server (and its workers): a crash, for recovery tests."""
        self._terminate(signal.SIGKILL)

    def restart(self) -> None:
        self.stop()
        self.start()

    def close(self) -> None:
        self.stop()
        if self._cluster_url:
            with contextlib.suppress(Exception):
                drop_pg_database(self._cluster_url, self.db_url)
            self._cluster_url = None

    def __enter__(self) -> StoreServer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- addresses and helpers ------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api(self) -> str:
        return self.url + "/api/v1"

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def create_user(
        self, name: str, role: str, unit: str | None = None, districts: tuple | list = ()
    ) -> str:
        args = ["create-user", name, "--role", role]
        if unit is not None:
            args += ["--unit", str(unit)]
        for d in districts:
            args += ["--district", str(d)]
        return self.run_cli(*args).stdout.strip().splitlines()[-1]

    def load_demo(self, reports: int = 2000, days: int = 30, seed: int = 1) -> str:
        """Demo data through the CLI (needs the demo part, kmzb_store.demo)."""
        return self.run_cli(
            "demo-data", "--reports", str(reports), "--days", str(days), "--seed", str(seed)
        ).stdout

    def load_fixture(self, data: Any) -> Any:
        """Load units/districts/reports (a FixtureData or DemoData) with the store's loader."""
        from kmzb_store.db import Database
        from kmzb_store.loader import load

        db = Database(self.db_url)
        try:
            return load(db, data, log=lambda *_: None)
        finally:
            db.close()

    def session(self, token: str | None = None) -> requests.Session:
        s = requests.Session()
        if token:
            s.headers["Authorization"] = f"Bearer {token}"
        return s
