"""Issue 4/18 figures: a full pull of N reports from the store on loopback into the GeoPackage
cache, beside `ogr2ogr -f GPKG` of the same reports from a local GeoJSON file in the same
run; an incremental pull of 1,000 changes; peak memory; the QGIS main thread's worst stall;
the plugin's layers opened from the cache and rendered over the whole of Poland (where the
reports overview stands in for the reports) and at a working scale, beside a plain
single-symbol layer of the same reports as the QGIS reference.

    .venv/bin/python bench/bench_pull.py [N ...] [--parser json|orjson] [--data DIR]
        [--no-ogr | --ogr-up-to N] [--transport qgis|requests|both] [--repeat K]

Each N (default 1000000) runs in its own process (its own peak memory); several N also
give the time per million reports of each, to show the pull grows linearly, e.g.
``bench_pull.py 1000000 2500000 5000000 --data bench-data`` (git-ignored). ``--data``
keeps each N's generated store and GeoJSON there for the next run (generating 1M takes
minutes); every run works on a copy. ogr2ogr runs beside sizes up to ``--ogr-up-to``
(1M: its GeoJSON of 5M alone is 3.4 GB). The parser is the plugin's JSON parser: ``json``
is what Debian's QGIS Python has (no orjson), the default here; ``orjson`` what a venv
with orjson gets.

The transport is the store client's: ``qgis`` (QGIS's network stack, what the plugin uses),
``requests`` (its former transport, bench/requests_client.py) or ``both``: full pulls with
each, alternating, ``--repeat`` times, medians compared.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import sqlite3
import statistics
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
from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QElapsedTimer, QEventLoop, QSize, QTimer  # noqa: E402
from requests_client import RequestsStoreClient  # noqa: E402
from store_process import BenchStore  # noqa: E402

from kmzb_qgis_plugin.core import api_client  # noqa: E402
from kmzb_qgis_plugin.core.cache import REPORTS, Cache  # noqa: E402
from kmzb_qgis_plugin.core.layers import PL_1992, add_to_project  # noqa: E402
from kmzb_qgis_plugin.core.model import Meta  # noqa: E402
from kmzb_qgis_plugin.core.qgis_network import StoreAccess  # noqa: E402
from kmzb_qgis_plugin.core.tasks import pull_task  # noqa: E402

POLAND = QgsRectangle(14.0, 49.0, 24.2, 54.9)  # lon/lat
SEED = "7"
RENDER_LIMIT = 30.0  # seconds: a render still running then is cancelled (shown as more)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load() -> str:
    return "load average " + ", ".join(f"{v:.2f}" for v in os.getloadavg())


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


class RequestsAccess(StoreAccess):
    """The same store access with the former ``requests`` transport."""

    def client(self):
        return RequestsStoreClient(self.url, self.token)


def compare_transports(app, access: StoreAccess, folder: Path, repeat: int) -> dict:
    """Full pulls with QGIS's network stack and with ``requests``, alternating, each into a
    fresh cache: every time and load average, and the medians."""
    runs: dict[str, list[float]] = {"qgis": [], "requests": []}
    stalls: dict[str, list[float]] = {"qgis": [], "requests": []}
    loads: list[str] = []
    for i in range(repeat):
        for name in ("qgis", "requests") if i % 2 == 0 else ("requests", "qgis"):
            path = folder / f"transport-{name}-{i}.gpkg"
            chosen = access if name == "qgis" else RequestsAccess(access.url, access.token)
            loads.append(f"{name}: {load()}")
            seconds, stall, _ = pull_in_task(app, chosen, path)
            runs[name].append(seconds)
            stalls[name].append(stall)
            print(
                f"  {name:8} full pull {seconds:.2f} s, main thread stall {stall:.0f} ms  "
                f"[{load()}]",
                file=sys.stderr,
                flush=True,
            )
            path.unlink()
    medians = {name: statistics.median(times) for name, times in runs.items()}
    stall = {name: statistics.median(values) for name, values in stalls.items()}
    return {"runs": runs, "medians": medians, "stalls": stall, "loads": loads}


def render(layers: list, extent: QgsRectangle) -> tuple[float, float]:
    """Render layers over a lon/lat extent in EPSG:2180 (1600 x 1200 px) offscreen, as QGIS's
    canvas does (parallel job): (seconds, RENDER_LIMIT when cancelled there; the scale)."""
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(PL_1992)
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    to_pl = QgsCoordinateTransform(wgs84, PL_1992, QgsProject.instance())
    settings.setExtent(to_pl.transformBoundingBox(extent))
    settings.setOutputSize(QSize(1600, 1200))
    job = QgsMapRendererParallelJob(settings)
    loop = QEventLoop()
    job.finished.connect(loop.quit)
    cancelled = []

    def stop() -> None:
        cancelled.append(True)
        job.cancelWithoutBlocking()

    QTimer.singleShot(int(RENDER_LIMIT * 1000), stop)
    t = time.perf_counter()
    job.start()
    loop.exec()
    rendered = RENDER_LIMIT if cancelled else time.perf_counter() - t
    if job.renderedImage().isNull():
        raise SystemExit("the render gave no image")
    return rendered, settings.scale()


def render_figures(cache_path: Path) -> dict:
    """The plugin's layers (add_to_project: reports, overview, districts) opened from the
    cache and rendered over the whole of Poland and at a working scale (~1:100,000 over the
    densest part); beside them the QGIS reference: a plain single-symbol layer of the same
    reports over Poland."""
    t = time.perf_counter()
    cache = Cache(cache_path)
    meta = Meta.from_json(json.loads(cache.get_state("meta") or "{}"))
    densest = cache.db.execute(
        "SELECT ST_MinX(geom), ST_MinY(geom) FROM reports_overview ORDER BY reports DESC LIMIT 1"
    ).fetchone()
    cache.close()
    project = QgsProject()  # owns the layers: kept until the renders are done
    layers = list(add_to_project(project, cache_path, meta, "KMZB"))
    if not all(layer.isValid() for layer in layers):
        raise SystemExit("the plugin's layers do not open")
    out = {"open": time.perf_counter() - t}
    out["render"], out["render_scale"] = render(layers, POLAND)
    x, y = densest
    out["working"], out["working_scale"] = render(
        layers, QgsRectangle(x - 0.3, y - 0.12, x + 0.3, y + 0.12)
    )
    plain = QgsVectorLayer(f"{cache_path}|layername={REPORTS}", "plain", "ogr")
    out["plain"], _ = render([plain], POLAND)
    project.clear()
    return out


def replicate(n: int, keep: Path, source: Path) -> None:
    """A store of n reports from a kept store of fewer (``--replicate``): its reports again
    with ids and revisions moved past the last, as often as needed (demo-data of 5M takes
    most of an hour on this machine; a copy minutes). The copies have no history rows."""
    shutil.copy(source / "store.db", keep / "building.db")
    db = sqlite3.connect(keep / "building.db", isolation_level=None)
    columns = [row[1] for row in db.execute("PRAGMA table_info(reports)")]
    base, top = db.execute("SELECT max(id), max(revision) FROM reports").fetchone()
    moved = {
        "id": "id + ?1",
        "revision": "revision + ?2",
        "created_revision": "created_revision + ?2",
    }
    picked = ", ".join(moved.get(c, c) for c in columns)
    for k in range(1, math.ceil(n / base)):
        db.execute("BEGIN")
        db.execute(
            f"INSERT INTO reports ({', '.join(columns)}) SELECT {picked} FROM reports "
            "WHERE id <= ?3",
            (k * base, k * top, min(base, n - k * base)),
        )
        db.execute("COMMIT")
    db.execute(
        "UPDATE counters SET value = (SELECT max(revision) FROM reports) WHERE name = 'revision'"
    )
    db.close()
    shutil.copy(source / "tokens.json", keep / "tokens.json")
    (keep / "building.db").rename(keep / "store.db")


def prepare(n: int, data: Path | None, work: Path, geojson: bool = True, like: int = 0) -> tuple:
    """A store of n demo reports in ``work`` (a copy of the one kept in ``data`` if any),
    its tokens and, when ``geojson``, the same reports as GeoJSON (else None)."""
    keep = data / f"n{n}-s{SEED}" if data else work / "data"
    if not (keep / "store.db").exists() and like and data and n > like:
        keep.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        replicate(n, keep, data / f"n{like}-s{SEED}")
        took = time.perf_counter() - t
        print(f"data: {n:,} reports copied from the store of {like:,} in {took:.1f} s")
    if not (keep / "store.db").exists():
        keep.mkdir(parents=True, exist_ok=True)
        building = BenchStore(keep, f"sqlite:///{keep / 'building.db'}")
        building.cli("init")
        t = time.perf_counter()
        building.cli("demo-data", "--reports", str(n), "--seed", SEED)
        print(f"data: {n:,} demo reports loaded into SQLite in {time.perf_counter() - t:.1f} s")
        tokens = {role: building.token(f"bench-{role}", role) for role in ("analityk", "admin")}
        (keep / "tokens.json").write_text(json.dumps(tokens))
        (keep / "building.db").rename(keep / "store.db")
    BenchStore(keep).cli("init")  # a store kept from an older schema is brought up to date
    reports = keep / "reports.geojson"
    if geojson and not reports.exists():
        BenchStore(keep).cli("export", str(keep / "exporting.geojson"))
        (keep / "exporting.geojson").rename(reports)
    shutil.copy(keep / "store.db", work / "store.db")
    if geojson:
        print(f"reference input: {reports.stat().st_size / 1e6:.0f} MB GeoJSON ({keep})")
    return BenchStore(work), json.loads((keep / "tokens.json").read_text()), reports


def one(n: int, args) -> dict:
    """Every figure for n reports (in this process)."""
    if args.parser == "json":  # what the plugin parses with when there is no orjson
        api_client._loads = api_client.loads_in_steps
    app = QgsApplication([], False)
    app.initQgis()
    base_rss = rss_mb()
    out: dict = {"n": n}
    with tempfile.TemporaryDirectory(prefix="kmzb-bench-") as tmp:
        folder = Path(tmp)
        store, tokens, geojson = prepare(n, args.data, folder, not args.no_ogr, args.replicate)
        store.start()
        try:
            access = StoreAccess(store.url, tokens["analityk"])
            if args.transport == "requests":
                access = RequestsAccess(access.url, access.token)
            cache_path = folder / "cache.gpkg"
            if args.transport == "both":
                out["transports"] = compare_transports(app, access, folder, args.repeat)
            out["load_pull"] = load()
            full, stall, result = pull_in_task(app, access, cache_path)
            out.update(full=full, stall=stall, upserted=result.upserted, pages=result.pages)
            out["peak"] = rss_mb()
            print(f"pulled {result.upserted:,} in {full:.2f} s", file=sys.stderr, flush=True)
            out["load_render"] = load()
            out.update(render_figures(cache_path))
            if not args.no_ogr:
                out["load_ogr"] = load()
                t = time.perf_counter()
                subprocess.run(
                    ["ogr2ogr", "-f", "GPKG", str(folder / "ogr.gpkg"), str(geojson)], check=True
                )
                out["ogr"] = time.perf_counter() - t
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
                headers={"Authorization": f"Bearer {tokens['admin']}"},
            ).json()
            out["applied"] = sum(r["result"] == "applied" for r in answer["results"])
            out["load_incremental"] = load()
            out["incremental"], stall2, result2 = pull_in_task(app, access, cache_path)
            out["changed"] = result2.upserted
            out["stall"] = max(stall, stall2)
        finally:
            store.stop()
    out["base_rss"] = base_rss
    out["parser"] = f"{api_client._loads.__module__}.{api_client._loads.__name__}"
    out["transport"] = args.transport
    return out


def report(r: dict) -> None:
    print(f"plugin JSON parser: {r['parser']}, transport: {r['transport']}")
    if "transports" in r:
        t = r["transports"]
        q, rq = t["medians"]["qgis"], t["medians"]["requests"]
        print(
            f"transports:       full pull median QGIS network {q:.2f} s, requests {rq:.2f} s "
            f"over {len(t['runs']['qgis'])} runs each: QGIS costs {100 * (q / rq - 1):+.1f} % "
            "(keep requests only if > +10 %)"
        )
        print(
            f"                  worst main-thread stall, median: QGIS network "
            f"{t['stalls']['qgis']:.0f} ms, requests {t['stalls']['requests']:.0f} ms"
        )
        for name, times in t["runs"].items():
            print(f"  {name:8}: " + ", ".join(f"{v:.2f}" for v in times))
    print(
        f"full pull:        {r['upserted']:,} reports in {r['full']:.2f} s "
        f"({r['upserted'] / r['full']:,.0f} features/s), {r['pages']} pages  [{r['load_pull']}]"
    )
    if "ogr" in r:
        print(
            f"ogr2ogr -f GPKG:  {r['ogr']:.2f} s for the same reports from a local GeoJSON "
            f"file  [{r['load_ogr']}]"
        )
        print(
            f"ratio pull/ogr2ogr: {r['full'] / r['ogr']:.2f}  (target <= 0.20; full pull of "
            "1M target <= 8 s)"
        )
    print(
        f"incremental pull: {r['changed']:,} changed of {r['applied']:,} applied in "
        f"{r['incremental']:.2f} s (target <= 0.3 s)  [{r['load_incremental']}]"
    )
    print(
        f"peak memory:      {r['peak']:.0f} MB process ({r['base_rss']:.0f} MB QGIS before the "
        "pull; target <= 400 MB at 1M, <= 600 MB at 5M)"
    )
    print(f"main thread:      worst stall {r['stall']:.0f} ms (target <= 100 ms)")
    print(
        f"render:           layers opened in {r['open']:.2f} s, whole of Poland (1:"
        f"{r['render_scale']:,.0f}) rendered in {_secs(r['render'])} (target <= 2 s "
        f"together); 1:{r['working_scale']:,.0f} over the densest part in "
        f"{_secs(r['working'])}  [{r['load_render']}]"
    )
    print(
        f"QGIS reference:   the same reports as a plain single-symbol layer over Poland in "
        f"{_secs(r['plain'])}"
    )


def _secs(value: float) -> str:
    return f"{'more than ' if value >= RENDER_LIMIT else ''}{value:.2f} s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[1_000_000])
    ap.add_argument("--parser", choices=("json", "orjson"), default="json")
    ap.add_argument("--data", type=Path, help="keep generated stores here between runs")
    ap.add_argument("--no-ogr", action="store_true", help="skip the ogr2ogr reference")
    ap.add_argument(
        "--transport",
        choices=("qgis", "requests", "both"),
        default="qgis",
        help="the store client's transport; both: compare full pulls, alternating",
    )
    ap.add_argument("--repeat", type=int, default=3, help="full pulls per transport (both)")
    ap.add_argument(
        "--replicate",
        type=int,
        default=0,
        metavar="M",
        help="with --data: build a missing store of N > M reports from the kept one of M",
    )
    ap.add_argument(
        "--ogr-up-to",
        type=int,
        default=1_000_000,
        help="the ogr2ogr reference only for sizes up to this (default 1000000)",
    )
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:  # the child: one size, the figures as JSON on the last line
        print(json.dumps(one(args.sizes[0], args)))
        return
    results = []
    for n in args.sizes:
        print(f"== {n:,} reports")
        cmd = [sys.executable, __file__, str(n), "--one", "--parser", args.parser]
        cmd += ["--data", str(args.data), "--replicate", str(args.replicate)] if args.data else []
        cmd += ["--no-ogr"] if args.no_ogr or n > args.ogr_up_to else []
        cmd += ["--transport", args.transport, "--repeat", str(args.repeat)]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True)
        *lines, last = proc.stdout.strip().splitlines()
        print("\n".join(lines))
        results.append(json.loads(last))
        report(results[-1])
    if len(results) > 1:
        print("linearity (seconds per million reports of the full pull):")
        for r in results:
            print(
                f"  {r['n']:>10,}: {r['full']:7.2f} s, {r['full'] / r['n'] * 1e6:5.2f} s/M, "
                f"peak {r['peak']:.0f} MB  [{r['load_pull']}]"
            )


if __name__ == "__main__":
    main()
