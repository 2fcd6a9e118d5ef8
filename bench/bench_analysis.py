"""Issue 7 figures: the Analysis algorithms beside the closest native QGIS route, same run.

    .venv/bin/python bench/bench_analysis.py [GI_REPORTS=1000000] [NEAR_REPEAT_REPORTS=100000]

Data: synthetic reports over one voivodeship (Masovian, its real boundary from QGIS's
world_map.gpkg): three quarters in 200 town-like Gaussian clusters of 1-8 km, a quarter
spread evenly; categories in the store catalogue's demo shares; submission times evenly
over 365 days. They are written into a real plugin cache (GeoPackage, EPSG:4326), the layer
the algorithms read in practice.

- kmzb:hotspots_gi, 500 m hexagons, beside native:creategrid (hexagon, the same grid) +
  native:countpointsinpolygon; the per-cell counts of both are compared.
- kmzb:near_repeats (1 km, 7 days, per category), beside native:reprojectlayer to
  EPSG:2180 + native:stdbscanclustering (1 km, 168 h, min size 2; all categories at once).
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, "/usr/share/qgis/python/plugins")

import numpy as np  # noqa: E402
import shapely  # noqa: E402
from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback  # noqa: E402

from kmzb_qgis_plugin.core.analysis.hexgrid import HexGrid  # noqa: E402
from kmzb_qgis_plugin.core.cache import REPORT_COLUMNS, REPORTS, Cache, point_blob  # noqa: E402
from kmzb_store import catalogue  # noqa: E402
from kmzb_store.demo import poland_voivodeships  # noqa: E402

VOIVODESHIP = "PL78"  # Masovian
CELL = 500.0


def synthetic_reports(n: int, seed: int) -> dict[str, np.ndarray]:
    """n report points (lon, lat) inside the voivodeship, with categories and times."""
    area = poland_voivodeships()[VOIVODESHIP]
    rng = np.random.default_rng(seed)
    xmin, ymin, xmax, ymax = area.bounds
    kx = 1 / (111.32 * math.cos(math.radians((ymin + ymax) / 2)))  # degrees per km
    ky = 1 / 110.57

    def inside(count: int) -> tuple[np.ndarray, np.ndarray]:
        xs, ys = [], []
        while count > 0:
            x = rng.uniform(xmin, xmax, count * 2)
            y = rng.uniform(ymin, ymax, count * 2)
            keep = shapely.contains_xy(area, x, y)
            xs.append(x[keep][:count])
            ys.append(y[keep][:count])
            count -= len(xs[-1])
        return np.concatenate(xs), np.concatenate(ys)

    towns_x, towns_y = inside(200)
    weight = 1 / np.arange(1, 201) ** 1.1  # a few big towns, many small ones
    spread = rng.uniform(1, 8, 200)
    clustered = int(n * 0.75)
    town = rng.choice(200, clustered, p=weight / weight.sum())
    cx = towns_x[town] + rng.normal(0, 1, clustered) * spread[town] * kx
    cy = towns_y[town] + rng.normal(0, 1, clustered) * spread[town] * ky
    keep = shapely.contains_xy(area, cx, cy)
    ex, ey = inside(n - int(keep.sum()))
    lon, lat = np.concatenate([cx[keep], ex]), np.concatenate([cy[keep], ey])
    cats = [c for c in catalogue.CATEGORIES if c.active]
    share = np.array([c.weight for c in cats])
    category = np.array([c.code for c in cats])[rng.choice(len(cats), n, p=share / share.sum())]
    start = datetime(2025, 11, 1, tzinfo=UTC).timestamp()
    submitted = start + rng.uniform(0, 365 * 86400, n)
    return {"lon": lon, "lat": lat, "category": category, "submitted": submitted}


def write_cache(path: Path, data: dict[str, np.ndarray]) -> None:
    """The reports as rows of a real plugin cache."""
    columns = {c: None for c in REPORT_COLUMNS}
    rows = []
    for i in range(len(data["lon"])):
        stamp = datetime.fromtimestamp(float(data["submitted"][i]), UTC)
        values = dict(
            columns,
            revision=i + 1,
            category=str(data["category"][i]),
            status="nowe",
            submitted_at=stamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
            take_up_due=(stamp + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            verify_due=(stamp + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        blob = point_blob(float(data["lon"][i]), float(data["lat"][i]))
        rows.append((i + 1, blob, *[values[c] for c in REPORT_COLUMNS]))
    cache = Cache(path)
    try:
        with cache.transaction():
            cache.write_rows(rows, keep_pending=False)
        cache.finish_pull()
    finally:
        cache.close()


def timed(algorithm: str, parameters: dict) -> tuple[float, dict, QgsProcessingContext]:
    import processing

    context = QgsProcessingContext()
    started = time.perf_counter()
    result = processing.run(
        algorithm, parameters, context=context, feedback=QgsProcessingFeedback()
    )
    return time.perf_counter() - started, result, context


def layer_of(result: dict, key: str, context):
    value = result[key]
    return value if not isinstance(value, str) else context.getMapLayer(value)


def bench_hot_spots(folder: Path, n: int) -> list[tuple]:
    data = synthetic_reports(n, seed=7)
    path = folder / "gi.gpkg"
    started = time.perf_counter()
    write_cache(path, data)
    print(
        f"data: {n:,} synthetic reports over Masovian written to a cache in "
        f"{time.perf_counter() - started:.1f} s"
    )
    uri = f"{path}|layername={REPORTS}"
    extent = voivodeship_extent()
    box = extent.split(" ")[0].split(",")
    xmin, xmax, ymin, ymax = (float(v) for v in box)
    ours, result, context = timed(
        "kmzb:hotspots_gi",
        {"INPUT": uri, "CELL_SIZE": CELL, "GRID_EXTENT": extent, "OUTPUT": "memory:"},
    )
    hexes = layer_of(result, "OUTPUT", context)
    counts = {f["cell_id"]: f["reports"] for f in hexes.getFeatures()}
    grid = HexGrid.aligned(xmin, ymin, xmax, ymax, CELL)
    grid_time, made, grid_context = timed(
        "native:creategrid",
        {
            "TYPE": 4,
            "EXTENT": extent,
            "HSPACING": CELL,
            "VSPACING": CELL,
            "CRS": "EPSG:2180",
            "OUTPUT": "memory:",
        },
    )
    polygons = layer_of(made, "OUTPUT", grid_context)
    count_time, counted, count_context = timed(
        "native:countpointsinpolygon",
        {"POLYGONS": polygons, "POINTS": uri, "FIELD": "NUMPOINTS", "OUTPUT": "memory:"},
    )
    native = layer_of(counted, "OUTPUT", count_context)
    same = _compare_counts(grid, native, counts)
    print(
        f"Gi*: {len(counts):,} occupied hexagons, {result['HOT_CELLS']:,} hot and "
        f"{result['COLD_CELLS']:,} cold; native grid {polygons.featureCount():,} hexagons; "
        f"per-cell counts equal to native: {same}"
    )
    return [
        (f"kmzb:hotspots_gi, {n:,} reports, 500 m", ours, 30.0),
        ("  native:creategrid (hexagon, same grid)", grid_time, None),
        ("  native:countpointsinpolygon", count_time, None),
        ("  native total (counts only, no Gi*)", grid_time + count_time, None),
    ]


def voivodeship_extent() -> str:
    """The voivodeship's extent in EPSG:2180, whole kilometres, as a Processing extent."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsProject,
        QgsRectangle,
    )

    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateReferenceSystem("EPSG:2180"),
        QgsProject.instance(),
    )
    box = transform.transformBoundingBox(QgsRectangle(*poland_voivodeships()[VOIVODESHIP].bounds))
    xmin, ymin = math.floor(box.xMinimum() / 1000) * 1000, math.floor(box.yMinimum() / 1000) * 1000
    xmax, ymax = math.ceil(box.xMaximum() / 1000) * 1000, math.ceil(box.yMaximum() / 1000) * 1000
    return f"{xmin},{xmax},{ymin},{ymax} [EPSG:2180]"


def _compare_counts(grid: HexGrid, native, counts: dict[int, int]) -> bool:
    """Native hexagons matched to ours by their centroid; every count must agree."""
    seen = {}
    for feature in native.getFeatures():
        if feature["NUMPOINTS"]:
            centre = feature.geometry().centroid().asPoint()
            col, row = grid.cells_of(np.array([centre.x()]), np.array([centre.y()]))
            seen[int(col[0] * grid.rows + row[0])] = int(feature["NUMPOINTS"])
    return seen == counts


def bench_near_repeats(folder: Path, n: int) -> list[tuple]:
    data = synthetic_reports(n, seed=8)
    path = folder / "near.gpkg"
    write_cache(path, data)
    uri = f"{path}|layername={REPORTS}"
    ours, result, _ = timed("kmzb:near_repeats", {"INPUT": uri, "OUTPUT": "memory:"})
    reproject, moved, move_context = timed(
        "native:reprojectlayer",
        {"INPUT": uri, "TARGET_CRS": "EPSG:2180", "OUTPUT": "memory:"},
    )
    projected = layer_of(moved, "OUTPUT", move_context)
    registry = QgsApplication.processingRegistry()
    native_id = (
        "native:stdbscanclustering"
        if registry.algorithmById("native:stdbscanclustering")
        else "native:dbscanclustering"
    )
    parameters = {"INPUT": projected, "MIN_SIZE": 2, "EPS": 1000, "OUTPUT": "memory:"}
    if native_id == "native:stdbscanclustering":
        # QGIS 3.22 compares EPS2 in milliseconds whatever its unit says (168 finds nothing)
        parameters |= {"DATETIME_FIELD": "submitted_at", "EPS2": 7 * 86400 * 1000}
    clustering, clustered, cluster_context = timed(native_id, parameters)
    same = _same_partition(projected, layer_of(clustered, "OUTPUT", cluster_context))
    print(
        f"near repeats: {result['CLUSTERS']:,} clusters (per category); native "
        f"{clustered.get('NUM_CLUSTERS', 0):,} clusters (all categories together); "
        f"our core with categories ignored gives the same clusters as {native_id}: {same}"
    )
    return [
        (f"kmzb:near_repeats, {n:,} reports, 1 km / 7 days", ours, 10.0),
        ("  native:reprojectlayer to EPSG:2180", reproject, None),
        (f"  {native_id} (1 km, 7 days)", clustering, None),
        ("  native total", reproject + clustering, None),
    ]


def _same_partition(projected, native) -> bool:
    """Our clustering with every report in one category must equal ST-DBSCAN's with
    MIN_SIZE 2 (each report with a neighbour is a core point: connected components)."""
    from kmzb_qgis_plugin.core.analysis.near_repeat import near_repeats

    x, y, t, ids = [], [], [], []
    for feature in projected.getFeatures():
        point = feature.geometry().asPoint()
        x.append(point.x())
        y.append(point.y())
        t.append(feature["submitted_at"].toMSecsSinceEpoch() / 1000)
        ids.append(feature["fid"])
    found = near_repeats(
        np.array(x), np.array(y), np.array(t), np.zeros(len(x)), 1000, 7, min_size=2
    )
    ours = {}
    for fid, cluster in zip(ids, found.cluster.tolist(), strict=True):
        if cluster:
            ours.setdefault(cluster, set()).add(fid)
    theirs = {}
    for feature in native.getFeatures():
        if feature["CLUSTER_ID"]:
            theirs.setdefault(feature["CLUSTER_ID"], set()).add(feature["fid"])
    return sorted(map(sorted, ours.values())) == sorted(map(sorted, theirs.values()))


def main() -> None:
    gi_n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    nr_n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    from kmzb_qgis_plugin.processing.provider import KmzbProvider

    Processing.initialize()
    provider = KmzbProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    with tempfile.TemporaryDirectory(prefix="kmzb-bench-") as tmp:
        rows = bench_hot_spots(Path(tmp), gi_n) + bench_near_repeats(Path(tmp), nr_n)
    print()
    print(f"{'step':<52} {'time':>9} {'target':>8}  native / ours")
    ours = None
    for label, seconds, target in rows:
        if target is not None:
            ours = seconds
            ratio, goal = "", f"<= {target:.0f} s"
        else:
            ratio, goal = (f"{seconds / ours:.1f}" if "total" in label else ""), ""
        print(f"{label:<52} {seconds:>8.2f}s {goal:>8}  {ratio}")
    QgsApplication.processingRegistry().removeProvider(provider)


if __name__ == "__main__":
    main()
