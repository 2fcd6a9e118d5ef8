"""Issue 6 figures: the per-district summary (kmzb_qgis_plugin.core.district_summary) of N
reports over the full-scale demo districts (~8,000), beside QGIS's native
countpointsinpolygon on the same GeoPackage, in the same run.

    .venv/bin/python bench/bench_districts.py [N=1000000]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, "/usr/share/qgis/python/plugins")

from qgis.core import QgsApplication, QgsVectorLayer  # noqa: E402
from shapely.geometry import mapping  # noqa: E402

from kmzb_qgis_plugin.core.cache import (  # noqa: E402
    DISTRICTS,
    REPORT_COLUMNS,
    REPORTS,
    Cache,
    point_blob,
    write_districts,
)
from kmzb_qgis_plugin.core.district_locate import assign_districts  # noqa: E402
from kmzb_qgis_plugin.core.district_summary import summarize  # noqa: E402
from kmzb_store.demo import generate  # noqa: E402

ISO = "%Y-%m-%dT%H:%M:%SZ"
BATCH = 50_000


def fill_cache(path: Path, n: int) -> tuple[int, int]:
    """A plugin cache holding the demo districts and n demo reports, as a pull leaves it."""
    data = generate(reports=n, full_scale=True, seed=7)
    units = {u["code"]: i for i, u in enumerate(data.units, 1)}
    ids = {d["code"]: i for i, d in enumerate(data.districts, 1)}
    features = [
        {
            "type": "Feature",
            "id": ids[d["code"]],
            "geometry": mapping(d["geometry"]),
            "properties": {**{k: v for k, v in d.items() if k != "geometry"}},
        }
        for d in data.districts
    ]
    for feature, d in zip(features, data.districts, strict=True):
        feature["properties"]["unit_id"] = units[d["unit_code"]]
    cache = Cache(path)
    write_districts(path, {"features": features})
    rows, fid = [], 0
    for r in data.reports:
        fid += 1
        sub = r["submitted_at"]
        props = {
            "revision": fid,
            "category": r["category"],
            "status": r["status"],
            "submitted_at": sub.strftime(ISO),
            "unit_id": units.get(r["unit_code"]),
            "district_id": ids.get(r["district_code"]),
            "confirmations": r["confirmations"],
            "take_up_due": (sub + timedelta(days=2)).strftime(ISO),
            "verify_due": (sub + timedelta(days=5)).strftime(ISO),
        }
        rows.append((fid, point_blob(r["lon"], r["lat"]), *[props.get(c) for c in REPORT_COLUMNS]))
        if len(rows) == BATCH:
            with cache.transaction():
                cache.write_rows(rows, keep_pending=False)
            rows = []
    with cache.transaction():
        cache.write_rows(rows, keep_pending=False)
    cache.finish_pull()
    cache.close()
    return fid, len(features)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    app = QgsApplication([], False)
    app.initQgis()
    import processing
    from processing.core.Processing import Processing

    Processing.initialize()
    with tempfile.TemporaryDirectory(prefix="kmzb-bench-") as tmp:
        path = Path(tmp) / "cache.gpkg"
        t = time.perf_counter()
        reports, districts = fill_cache(path, n)
        print(
            f"data: {reports:,} demo reports, {districts:,} districts in the cache "
            f"({time.perf_counter() - t:.1f} s to build)"
        )
        cache = Cache(path)
        missing = cache.db.execute(
            f"SELECT count(*) FROM {REPORTS} WHERE district_id IS NULL"
        ).fetchone()[0]
        t = time.perf_counter()
        summaries = summarize(cache)
        ours = time.perf_counter() - t
        t = time.perf_counter()
        located, outside = assign_districts(cache)  # what every pull does afterwards
        assigned = time.perf_counter() - t
        t = time.perf_counter()
        summarize(cache)
        after_pull = time.perf_counter() - t
        cache.close()
        counted = sum(s.total for s in summaries)
        t = time.perf_counter()
        result = processing.run(
            "native:countpointsinpolygon",
            {
                "POLYGONS": QgsVectorLayer(f"{path}|layername={DISTRICTS}", "d", "ogr"),
                "POINTS": QgsVectorLayer(f"{path}|layername={REPORTS}", "r", "ogr"),
                "FIELD": "NUMPOINTS",
                "OUTPUT": "memory:",
            },
        )
        native = time.perf_counter() - t
        native_count = sum(int(f["NUMPOINTS"]) for f in result["OUTPUT"].getFeatures())
    print(
        f"summary:  {len(summaries):,} rows, {counted:,} reports counted "
        f"({missing:,} without a district located by point-in-polygon) in {ours:.2f} s"
    )
    print(
        f"after a pull's assignment ({located:,} located, {outside:,} flagged outside, "
        f"{assigned:.2f} s once): summary in {after_pull:.2f} s"
    )
    print(f"native:countpointsinpolygon: {native_count:,} points in polygons in {native:.2f} s")
    print(f"ratio summary/native: {ours / native:.3f}  (target <= 0.5)")
    app.exitQgis()


if __name__ == "__main__":
    main()
