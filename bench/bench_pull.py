"""Issue 4 figures: a full pull of N reports from the store on loopback into the GeoPackage
cache, beside `ogr2ogr -f GPKG` of the same reports from a local GeoJSON file in the same
run; an incremental pull of 1,000 changes; peak memory; the QGIS main thread's worst stall.

    .venv/bin/python bench/bench_pull.py [N=1000000] [--parser json|orjson]

The parser is the plugin's JSON parser: ``json`` is what Debian's QGIS Python has (no
orjson), the default here; ``orjson`` what a venv with orjson gets.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import requests  # noqa: E402
from qgis.core import QgsApplication  # noqa: E402
from qgis.PyQt.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: E402
from store_process import BenchStore  # noqa: E402

from kmzb_qgis_plugin.core import api_client  # noqa: E402
from kmzb_qgis_plugin.core.cache import Cache  # noqa: E402
from kmzb_qgis_plugin.core.qgis_network import StoreAccess  # noqa: E402
from kmzb_qgis_plugin.core.tasks import pull_task  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pull_in_task(app, access: StoreAccess, cache_path: Path) -> tuple[float, float, object]:
    """Run the plugin's own pull task; measure wall time and the main thread's worst stall
    (how late a 20 ms timer fires)."""
    task = pull_task(access, cache_path, {})
    outcome = {}
    task.done.connect(lambda result, error: outcome.update(result=result, error=error))
    worst = [0.0]
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        worst[0] = max(worst[0], now - last[0] - 20)
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(20)
    loop = QEventLoop()  # the main thread idles in Qt's event loop, as in QGIS
    task.done.connect(lambda *_: loop.quit())
    started = time.perf_counter()
    QgsApplication.taskManager().addTask(task)
    if "result" not in outcome:
        loop.exec()
    elapsed = time.perf_counter() - started
    timer.stop()
    if outcome["error"] is not None:
        raise SystemExit(f"pull failed: {outcome['error'].message}\n{outcome['error'].detail}")
    return elapsed, worst[0], outcome["result"]


def load() -> str:
    return "load average " + ", ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=1_000_000)
    ap.add_argument("--parser", choices=("json", "orjson"), default="json")
    args = ap.parse_args()
    n = args.n
    if args.parser == "json":
        api_client._loads = json.loads
    app = QgsApplication([], False)
    app.initQgis()
    base_rss = rss_mb()
    with tempfile.TemporaryDirectory(prefix="kmzb-bench-") as tmp:
        folder = Path(tmp)
        store = BenchStore(folder)
        store.cli("init")
        t = time.perf_counter()
        store.cli("demo-data", "--reports", str(n), "--seed", "7")
        print(f"data: {n:,} demo reports loaded into SQLite in {time.perf_counter() - t:.1f} s")
        analyst = store.token("bench-analityk", "analityk")
        admin = store.token("bench-admin", "admin")
        geojson = folder / "reports.geojson"
        store.cli("export", str(geojson))
        print(f"reference input: {geojson.stat().st_size / 1e6:.0f} MB GeoJSON")
        store.start()
        try:
            access = StoreAccess(store.url, analyst, {}, True)
            cache_path = folder / "cache.gpkg"
            load_pull = load()
            full, stall, result = pull_in_task(app, access, cache_path)
            peak = rss_mb()

            load_ogr = load()
            t = time.perf_counter()
            subprocess.run(
                ["ogr2ogr", "-f", "GPKG", str(folder / "ogr.gpkg"), str(geojson)], check=True
            )
            ogr = time.perf_counter() - t

            cache = Cache(cache_path)
            rows = cache.db.execute(
                "SELECT fid, revision FROM reports WHERE status='nowe' LIMIT 1000"
            ).fetchall()
            cache.close()
            changes = [
                {
                    "op_id": str(uuid.uuid4()),
                    "report_id": fid,
                    "base_revision": rev,
                    "status": "weryfikacja",
                }
                for fid, rev in rows
            ]
            answer = requests.post(
                f"{store.url}/api/v1/verifications",
                json={"changes": changes},
                timeout=60,
                headers={"Authorization": f"Bearer {admin}"},
            ).json()
            applied = sum(r["result"] == "applied" for r in answer["results"])
            load_incremental = load()
            incremental, stall2, result2 = pull_in_task(app, access, cache_path)
        finally:
            store.stop()
    print(f"plugin JSON parser: {api_client._loads.__module__}")
    print(
        f"full pull:        {result.upserted:,} reports in {full:.2f} s "
        f"({result.upserted / full:,.0f} features/s), {result.pages} pages  [{load_pull}]"
    )
    print(
        f"ogr2ogr -f GPKG:  {ogr:.2f} s for the same reports from a local GeoJSON file  "
        f"[{load_ogr}]"
    )
    print(f"ratio pull/ogr2ogr: {full / ogr:.2f}  (target <= 0.40; full pull target <= 15 s)")
    print(
        f"incremental pull: {result2.upserted:,} changed of {applied:,} applied in "
        f"{incremental:.2f} s (target <= 1 s)  [{load_incremental}]"
    )
    print(
        f"peak memory:      {peak:.0f} MB process ({base_rss:.0f} MB QGIS before the pull; "
        f"target <= 400 MB)"
    )
    print(f"main thread:      worst stall {max(stall, stall2):.0f} ms (target <= 200 ms)")


if __name__ == "__main__":
    main()
