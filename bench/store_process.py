"""Run a real store for a benchmark: init, demo data, users, serve on a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

CLI = [sys.executable, "-m", "kmzb_store"]
REPO = Path(__file__).resolve().parents[1]
# this checkout's store, whatever the working directory or the venv's editable install
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BenchStore:
    def __init__(self, folder: Path, db_url: str | None = None) -> None:
        self.folder = folder
        self.db = db_url or f"sqlite:///{folder / 'store.db'}"
        self.proc: subprocess.Popen | None = None
        self.url = ""

    def cli(self, *args: str) -> str:
        out = subprocess.run(
            [*CLI, "--db", self.db, *args], capture_output=True, text=True, check=True, env=ENV
        )
        return out.stdout.strip()

    def token(self, name: str, role: str, unit: str = "KGP") -> str:
        return self.cli("create-user", name, "--role", role, "--unit", unit).splitlines()[-1]

    def start(self, workers: int = 1, extra: list[str] | None = None) -> str:
        port = free_port()
        log = open(self.folder / "serve.log", "w")  # noqa: SIM115 - lives as long as the server
        self.proc = subprocess.Popen(
            [*CLI, "--db", self.db, "serve", "--port", str(port), "--workers", str(workers)]
            + (extra or []),
            stdout=log,
            stderr=subprocess.STDOUT,
            env=ENV,
        )
        self.url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                requests.get(f"{self.url}/api/v1/meta", timeout=1).raise_for_status()
                return self.url
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("store did not start; see serve.log")

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate()
            self.proc.wait(10)
