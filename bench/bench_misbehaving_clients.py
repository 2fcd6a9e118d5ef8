"""Misbehaving clients against a real store: does ``/meta`` keep answering?

    .venv/bin/python bench/bench_misbehaving_clients.py [--idle 20,70,140,300]
        [--stalled 4,8,16,32] [--workers N] [--reports N] [--serve-args '--send-timeout 5']
        [--db URL | --url URL --token T]
    scripts/with_postgres.sh sh -c '.venv/bin/python bench/bench_misbehaving_clients.py \
        --db "$KMZB_TEST_DB" --workers 2'

Loopback only. Starts ``kmzb-store serve`` over fresh SQLite demo data (or uses ``--url``
with an analyst's ``--token``), then, step by step:

* idle clients: sockets that connect and send nothing (half of them) or a request line
  and then nothing (the other half);
* stalled readers: signed-in clients that ask for a big feed page
  (``GET /api/v1/reports?limit=10000``) and never read the answer;

and while each crowd holds, it measures ``GET /api/v1/meta`` from a well-behaved client
(fresh connection each time, 2 s timeout): p50 / p99 / worst latency and how many did not
answer at all. A step "survives" when every /meta answered and p99 < 200 ms. The reference
in the same run is the first line: /meta with no crowd.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from misbehaving import (  # noqa: E402
    close_all,
    closed_by_server,
    idle_clients,
    meta_latency,
    stalled_readers,
)
from store_process import BenchStore  # noqa: E402

TARGET_MS = 200.0


def report(label: str, times: list[float], failed: int, samples: int) -> bool:
    if times:
        q = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times
        p50, p99, worst = statistics.median(times), q[-1], max(times)
        figures = f"p50 {p50:7.1f} ms  p99 {p99:7.1f} ms  max {worst:7.1f} ms"
    else:
        p99 = float("inf")
        figures = "no answer at all" + " " * 28
    ok = failed == 0 and p99 < TARGET_MS
    verdict = "survives" if ok else "FAILS"
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())  # a shared machine's noise
    print(
        f"  {label:<24} {figures}  failed {failed}/{samples}  {verdict}  [load {load}]", flush=True
    )
    return ok


def run(url, token, idle, stalled, samples: int, hold: float, close_wait: float) -> None:
    print(f"store {url}; /meta target: every request answers, p99 < {TARGET_MS:.0f} ms")
    report("no crowd (reference)", *meta_latency(url, samples), samples)
    crowds = {
        "idle clients": (idle, lambda n: idle_clients(url, n)),
        "stalled readers": (stalled, lambda n: stalled_readers(url, token, n)),
    }
    best = {}
    for label, (counts, make) in crowds.items():
        best[label] = 0
        for n in counts:
            socks = make(n)
            time.sleep(hold)
            ok = report(f"{len(socks)} {label}", *meta_latency(url, samples), samples)
            close_all(socks)
            time.sleep(1.0)
            if ok:
                best[label] = max(best[label], len(socks))
    n_idle, n_stalled = max(idle, default=0), max(stalled, default=0)
    idle_socks = idle_clients(url, n_idle)
    stalled_socks = stalled_readers(url, token, n_stalled)
    time.sleep(hold)
    both = f"{len(idle_socks)} idle + {len(stalled_socks)} stalled"
    report(both, *meta_latency(url, samples), samples)
    close_all(idle_socks + stalled_socks)
    print("survived: " + ", ".join(f"up to {n} {label}" for label, n in best.items()))
    if close_wait > 0:
        held(url, token, close_wait)


def held(url: str, token: str, wait: float) -> None:
    """How long misbehaving clients hold on: does the server close them, and when?"""
    groups = {
        "idle clients": idle_clients(url, 20),
        "stalled readers": stalled_readers(url, token, 4),
    }
    t0 = time.monotonic()
    for label, socks in groups.items():
        times = []
        for s in socks:
            if closed_by_server(s, max(0.1, t0 + wait - time.monotonic())):
                times.append(time.monotonic() - t0)
        when = f", the last after {max(times):.1f} s" if times else ""
        print(
            f"  {len(times)} of {len(socks)} {label} closed by the store within {wait:.0f} s{when}"
        )
        close_all(socks)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--idle", default="20,70,140,300", help="idle client counts, comma-separated")
    p.add_argument("--stalled", default="4,8,16,32", help="stalled reader counts")
    p.add_argument("--samples", type=int, default=40, help="/meta requests per step")
    p.add_argument("--hold", type=float, default=3.0, help="seconds a crowd holds before /meta")
    p.add_argument("--reports", type=int, default=20000)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--db", help="an empty database's URL (default: a fresh SQLite file)")
    p.add_argument(
        "--close-wait",
        type=float,
        default=45,
        help="seconds to wait for the store to close "
        "20 idle clients and 4 stalled readers (0: skip)",
    )
    p.add_argument("--serve-args", default="", help="more `serve` options, e.g. '--send-timeout 5'")
    p.add_argument("--url", help="a running store (loopback) instead of starting one")
    p.add_argument("--token", help="an analyst's token for --url")
    args = p.parse_args()
    idle = [int(x) for x in args.idle.split(",") if x]
    stalled = [int(x) for x in args.stalled.split(",") if x]
    if args.url:
        if not args.token:
            p.error("--url needs --token")
        run(
            args.url.rstrip("/"),
            args.token,
            idle,
            stalled,
            args.samples,
            args.hold,
            args.close_wait,
        )
        return 0
    with tempfile.TemporaryDirectory(prefix="kmzb-bench-") as tmp:
        store = BenchStore(Path(tmp), args.db)
        store.cli("init")
        store.cli("demo-data", "--reports", str(args.reports))
        token = store.token("bench", "analityk")
        url = store.start(workers=args.workers, extra=args.serve_args.split())
        kind = "PostgreSQL" if store.db.startswith("postgres") else "SQLite"
        print(
            f"{args.reports} demo reports, {kind}, serve --workers {args.workers} {args.serve_args}"
        )
        try:
            run(url, token, idle, stalled, args.samples, args.hold, args.close_wait)
        finally:
            store.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
