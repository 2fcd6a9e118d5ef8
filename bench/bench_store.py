"""Benchmark of the KMZB store at full scale (default 1,000,000 reports, ~8,000 districts).

    .venv/bin/python bench/bench_store.py [--reports N] [--no-pg]

SQLite part: bulk load, the full changes feed served page by page over HTTP (features/s),
beside a reference (the same rows read with a plain SELECT and turned into GeoJSON with
json.dumps per feature, the usual ORM-style way), and a batch of 1,000 verifications.
PostgreSQL part (re-runs this script under scripts/with_postgres.sh, a throwaway cluster):
bulk load with COPY, bbox pages of the feed (target < 50 ms), 1,000 verifications.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import orjson
import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from store_server import StoreServer  # noqa: E402

from kmzb_store.db import Database  # noqa: E402
from kmzb_store.loader import load  # noqa: E402

WARSAW = "20.85,52.10,21.27,52.37"  # city bbox (~10 % of all reports)
KRAKOW = "19.85,49.98,20.10,50.12"
GDANSK = "18.45,54.30,18.75,54.45"
MOKOTOW = "21.00,52.17,21.05,52.20"  # a few districts
REGIONS = {  # bigger map views: 10,000-report pages only
    "Upper Silesia 0.7°x0.3° (fine grid)": "18.6,50.1,19.3,50.4",
    "around Łódź 1°x0.5° (coarse grid)": "18.96,51.51,19.96,52.01",
    "Podlasie 2°x1° (coarse grid)": "22.16,52.63,24.16,53.63",
    "Pomerania, rural 2°x1° (coarse grid)": "15.5,52.7,17.5,53.7",
    "Masovia 4°x2.5° (revision order)": "19.2,51.0,23.2,53.5",
    "east, 4°x2° (revision order)": "21.16,52.13,25.16,54.13",
    "Poland (revision order)": "14.0,49.0,24.2,54.9",
}


def line(label: str, value: str) -> None:
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"  {label:<58} {value}  [load {load}]", flush=True)


def demo(n: int):
    try:
        from kmzb_store.demo import generate
    except ImportError:  # fallback: random points in Poland
        return _simple(n)
    return generate(n, 365, 1, True, datetime.now(UTC).replace(microsecond=0))


def _simple(n: int):
    import random

    from shapely.geometry import box

    from kmzb_store import catalogue

    class Data:
        pass

    d = Data()
    d.units = [{"code": "KGP", "name": "KGP", "kind": "KGP", "parent_code": None}]
    d.districts = []
    for i in range(4000):
        x, y = 14.2 + (i % 80) * 0.12, 49.1 + (i // 80) * 0.11
        d.districts.append(
            {
                "code": f"D{i}",
                "name": f"R{i}",
                "unit_code": "KGP",
                "geometry": box(x, y, x + 0.12, y + 0.11),
            }
        )
    now = datetime.now(UTC).replace(microsecond=0)
    cats = [c.code for c in catalogue.CATEGORIES if c.active]
    rnd = random.Random(1)
    d.report_count = n
    d.reports = (
        {
            "category": rnd.choice(cats),
            "lon": rnd.uniform(14.2, 23.8),
            "lat": rnd.uniform(49.1, 54.5),
            "description": "opis",
            "submitted_at": now,
            "status": "nowe",
            "unit_code": "KGP",
            "district_code": None,
        }
        for _ in range(n)
    )
    return d


def load_db(url: str, n: int) -> None:
    db = Database(url)
    t0 = time.perf_counter()
    data = demo(n)
    stats = load(db, data, log=lambda *_: None)
    db.close()
    dt = time.perf_counter() - t0
    line(f"bulk load ({stats.reports:,} reports, {stats.history:,} history rows)", f"{dt:6.1f} s")


def full_feed(
    server: StoreServer, token: str, limit: int, fmt: str = "geojson"
) -> tuple[float, float, int]:
    s = requests.Session()
    s.headers["Authorization"] = f"Bearer {token}"
    since, n, net, parse = 0, 0, 0.0, 0.0
    while True:
        t0 = time.perf_counter()
        params = {"since": since, "limit": limit, "format": fmt}
        r = s.get(server.api + "/reports", params=params, timeout=300)
        t1 = time.perf_counter()
        page = orjson.loads(r.content)
        t2 = time.perf_counter()
        net += t1 - t0
        parse += t2 - t1
        n += len(page["features" if fmt == "geojson" else "rows"])
        if page["next_since"] is None:
            return net, parse, n
        since = page["next_since"]


def reference_select_json(url: str) -> tuple[float, int]:
    """The same rows read with a plain SELECT and dumped with json per feature."""
    import sqlite3

    from kmzb_store.db import sqlite_path

    con = sqlite3.connect(sqlite_path(url))
    cols = (
        "id, lon, lat, revision, category, status, description, submitted_at, event_date, "
        "event_time, time_of_day, days_of_week, unit_id, district_id, confirmations, "
        "attachments, take_up_due, verify_due, taken_up_at, verified_at, updated_at, last_note"
    )
    names = cols.split(", ")[3:]
    t0 = time.perf_counter()
    n, since = 0, 0
    while True:
        rows = con.execute(
            f"SELECT {cols} FROM reports WHERE revision > ? AND deleted = 0 "
            "ORDER BY revision LIMIT 50000",
            (since,),
        ).fetchall()
        if not rows:
            break
        feats = [
            {
                "type": "Feature",
                "id": r[0],
                "geometry": {"type": "Point", "coordinates": [r[1], r[2]]},
                "properties": dict(zip(names, r[3:], strict=True)),
            }
            for r in rows
        ]
        json.dumps({"type": "FeatureCollection", "features": feats})
        n += len(rows)
        since = rows[-1][3]
    return time.perf_counter() - t0, n


def batch_1000(server: StoreServer, token: str) -> float:
    s = requests.Session()
    s.headers["Authorization"] = f"Bearer {token}"
    feats = s.get(
        server.api + "/reports", params={"status": "nowe,weryfikacja", "limit": 1000}, timeout=60
    ).json()["features"]
    target = {"nowe": "weryfikacja", "weryfikacja": "potwierdzone"}
    changes = [
        {
            "op_id": str(uuid.uuid4()),
            "report_id": f["id"],
            "base_revision": f["properties"]["revision"],
            "status": target[f["properties"]["status"]],
            "note": "Sprawdzone na miejscu.",
        }
        for f in feats
    ]
    t0 = time.perf_counter()
    r = s.post(server.api + "/verifications", json={"changes": changes}, timeout=60)
    dt = time.perf_counter() - t0
    res = r.json()["results"]
    applied = sum(x["result"] == "applied" for x in res)
    assert applied == len(changes) == 1000, (applied, len(changes))
    return dt


def bbox_pages(
    server: StoreServer, token: str, bbox: str, limit: int, fmt: str = "geojson"
) -> tuple[float, int]:
    """Median time of 10 requests (after one warm-up) for the first page of a bbox, through
    requests as the plugin asks, the body read whole; and the number of features."""
    s = requests.Session()
    s.headers["Authorization"] = f"Bearer {token}"
    times, n = [], 0
    params = {"bbox": bbox, "limit": limit, "format": fmt}
    for _ in range(11):
        t0 = time.perf_counter()
        r = s.get(server.api + "/reports", params=params, timeout=60)
        times.append(time.perf_counter() - t0)
        n = len(orjson.loads(r.content)["features" if fmt == "geojson" else "rows"])
    return statistics.median(times[1:]), n


def sqlite_part(n: int, tmp: Path) -> None:
    print(f"== SQLite, {n:,} reports", flush=True)
    url = f"sqlite:///{tmp / 'bench.db'}"
    server = StoreServer(db_url=url, tmp_path=tmp, start=False)
    load_db(url, n)
    server.start()
    token = server.create_user("bench", "admin")
    try:
        for fmt, limit in (("geojson", 10000), ("geojson", 50000), ("rows", 20000)):
            net, parse, got = full_feed(server, token, limit, fmt)
            line(
                f"full feed over HTTP, {fmt}, limit {limit} ({got:,} features)",
                f"{net:6.1f} s = {got / net:,.0f} features/s (client parse +{parse:.1f} s)",
            )
            if fmt == "geojson" and limit == 10000:
                line("  target >= 100,000 features/s", f"ratio {got / net / 100_000:.2f}x")
        dt, got = reference_select_json(url)
        line(
            f"reference: SELECT + json.dumps per feature ({got:,})",
            f"{dt:6.1f} s = {got / dt:,.0f} features/s",
        )
        line("reference (DESIGN.md): ogr2ogr GeoJSON -> GPKG of 1M points", "  37.0 s")
        for name, bbox in (("Warsaw", WARSAW), ("Mokotów", MOKOTOW)):
            med, got = bbox_pages(server, token, bbox, 10000)
            line(f"bbox page ({name}, limit 10000 -> {got:,} features)", f"{med * 1000:6.1f} ms")
        line("1,000 verifications in one batch", f"{batch_1000(server, token) * 1000:6.0f} ms")
    finally:
        server.close()


def over_socket(url: str, socket_dir: str) -> str:
    """The same database reached through the cluster's Unix socket."""
    p = urlsplit(url)
    user = p.netloc.split("@")[0]
    return urlunsplit(p._replace(netloc=f"{user}@", query=f"host={socket_dir}&port={p.port}"))


def pg_part(n: int, tmp: Path) -> None:
    print(f"== PostgreSQL + PostGIS, {n:,} reports", flush=True)
    server = StoreServer(tmp_path=tmp, start=False)  # fresh database on $KMZB_TEST_DB
    load_db(server.db_url, n)
    server.start()
    token = server.create_user("bench", "admin")
    links = [("TCP", server.db_url)]
    if os.environ.get("KMZB_TEST_PGSOCKET"):
        links.append(("socket", over_socket(server.db_url, os.environ["KMZB_TEST_PGSOCKET"])))
    try:
        for link, url in links:  # the store reaches PostgreSQL over loopback TCP, or its socket
            server.stop()
            server.db_url = url
            server.start()
            for name, bbox in (
                ("Warsaw", WARSAW),
                ("Kraków", KRAKOW),
                ("Gdańsk", GDANSK),
                ("Mokotów", MOKOTOW),
            ):
                for fmt in ("geojson", "rows"):
                    for limit in (1000, 5000, 10000):
                        med, got = bbox_pages(server, token, bbox, limit, fmt)
                        target = "  (target < 50 ms)" if limit == 10000 else ""
                        line(
                            f"bbox page, {link} ({name}, {fmt}, limit {limit} -> {got:,})",
                            f"{med * 1000:6.1f} ms{target}",
                        )
            for name, bbox in REGIONS.items():
                for fmt in ("geojson", "rows"):
                    med, got = bbox_pages(server, token, bbox, 10000, fmt)
                    line(f"bbox page, {link}, {name}, {fmt} -> {got:,}", f"{med * 1000:6.1f} ms")
        server.stop()
        server.db_url = links[0][1]
        server.start()
        line("1,000 verifications in one batch", f"{batch_1000(server, token) * 1000:6.0f} ms")
        net, _parse, got = full_feed(server, token, 50000)
        line(
            f"full feed over HTTP, limit 50000 ({got:,} features)",
            f"{net:6.1f} s = {got / net:,.0f} features/s",
        )
    finally:
        server.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=1_000_000)
    ap.add_argument("--no-pg", action="store_true", help="skip the PostgreSQL part")
    ap.add_argument("--pg-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kmzb-bench-") as d:
        tmp = Path(d)
        if args.pg_only:
            pg_part(args.reports, tmp)
            return 0
        sqlite_part(args.reports, tmp)
    if args.no_pg:
        return 0
    if os.environ.get("KMZB_TEST_DB", "").startswith("postgres"):
        with tempfile.TemporaryDirectory(prefix="kmzb-bench-") as d:
            pg_part(args.reports, Path(d))
        return 0
    cmd = [str(REPO / "scripts/with_postgres.sh"), sys.executable, __file__, "--pg-only"]
    return subprocess.call([*cmd, "--reports", str(args.reports)])


if __name__ == "__main__":
    raise SystemExit(main())
