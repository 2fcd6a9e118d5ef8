"""Load on the public map's read endpoint with `wrk` on loopback (default 1,000,000 reports).

    .venv/bin/python bench/bench_public_map.py [--reports N] [--duration S] [--no-pg]

For SQLite, then PostgreSQL + PostGIS (a throwaway cluster by scripts/with_postgres.sh):
``GET /api/v1/public/reports?bbox=…`` for a few districts, a city (a full 5,000-report page)
and the whole country, and the same request with a matching If-None-Match (304); beside
references in the same run: the signed-in feed's page for the same bbox and limit
(``GET /reports``), and ``GET /meta`` (the server's floor: no report read). Each run is
``wrk -t2 -c8 -d<S>s --latency``; req/s and the latency percentiles wrk reports.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from bench_store import MOKOTOW, WARSAW, line, load_db  # noqa: E402
from store_server import StoreServer  # noqa: E402

POLAND = "14.0,49.0,24.2,54.9"
VIEWS = {"Mokotów (a few districts)": MOKOTOW, "Warsaw (city)": WARSAW, "Poland": POLAND}
LIMIT = 5000


def wrk(url: str, seconds: int, headers: dict[str, str] | None = None) -> str:
    cmd = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", "--timeout", "30s"]
    for k, v in (headers or {}).items():
        cmd += ["-H", f"{k}: {v}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, timeout=seconds + 60)
    if out.returncode != 0:
        raise RuntimeError(out.stderr or out.stdout)
    text = out.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    pct = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)", text, re.M))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = f", {bad.group(1)} non-2xx/3xx" if bad else ""
    return f"{rps:8.1f} req/s  p50 {pct['50']:>8}  p90 {pct['90']:>8}  p99 {pct['99']:>8}{errors}"


def run(server: StoreServer, seconds: int) -> None:
    token = server.create_user("bench", "admin")
    auth = {"Authorization": f"Bearer {token}"}
    line("reference: GET /meta", wrk(f"{server.api}/meta", seconds))
    for name, bbox in VIEWS.items():
        url = f"{server.api}/public/reports?bbox={bbox}&limit={LIMIT}"
        first = requests.get(url, timeout=120)
        got = len(first.json()["features"])
        size = len(first.content) / 1e6
        line(f"public, {name} -> {got:,} ({size:.1f} MB)", wrk(url, seconds))
        etag = {"If-None-Match": first.headers["ETag"]}
        line(f"public, {name}, If-None-Match -> 304", wrk(url, seconds, etag))
        feed = f"{server.api}/reports?bbox={bbox}&limit={LIMIT}"
        line(f"reference: signed-in feed, {name}", wrk(feed, seconds, auth))


def part(n: int, seconds: int, db_url: str | None) -> None:
    with tempfile.TemporaryDirectory(prefix="kmzb-bench-") as d:
        server = StoreServer(db_url=db_url and db_url.format(tmp=d), tmp_path=d, start=False)
        try:
            load_db(server.db_url, n)
            server.start()
            run(server, seconds)
        finally:
            server.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=1_000_000)
    ap.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    ap.add_argument("--no-pg", action="store_true", help="skip the PostgreSQL part")
    ap.add_argument("--pg-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not args.pg_only:
        print(f"== SQLite, {args.reports:,} reports, 1 worker", flush=True)
        part(args.reports, args.duration, "sqlite:///{tmp}/bench.db")
    if args.no_pg:
        return 0
    if args.pg_only or os.environ.get("KMZB_TEST_DB", "").startswith("postgres"):
        print(f"== PostgreSQL + PostGIS, {args.reports:,} reports, 1 worker", flush=True)
        part(args.reports, args.duration, None)  # a fresh database on $KMZB_TEST_DB
        return 0
    cmd = [str(REPO / "scripts/with_postgres.sh"), sys.executable, __file__, "--pg-only"]
    return subprocess.call([*cmd, "--reports", str(args.reports), "--duration", str(args.duration)])


if __name__ == "__main__":
    raise SystemExit(main())
