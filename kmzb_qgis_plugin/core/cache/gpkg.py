"""GeoPackage geometry blobs of points, the ``ST_*`` functions GDAL's R-tree triggers call,
and the R-tree built at once after a bulk pull."""

from __future__ import annotations

import math
import sqlite3
import struct

from .schema import REPORTS, RTREE

_POINT = struct.Struct("<2sBBiBIdd")  # GPKG header (no envelope, little endian) + WKB point


def point_blob(x: float, y: float, srs_id: int = 4326) -> bytes:
    """A GeoPackage geometry blob of a 2D point."""
    return _POINT.pack(b"GP", 0, 1, srs_id, 1, 1, x, y)


def _blob_xy(blob: bytes | None) -> tuple[float, float] | None:
    if not blob or len(blob) != _POINT.size:
        return None
    return _POINT.unpack(blob)[6:8]


def _xy(blob: bytes | None) -> tuple[float, float]:
    """x, y of a point blob; TypeError for anything else."""
    xy = _blob_xy(blob)
    if xy is None:
        raise TypeError("not a point blob")
    return xy


def _st(fn_index: int):
    def fn(blob):
        xy = _blob_xy(blob)
        return None if xy is None else xy[fn_index]

    return fn


def register_functions(db: sqlite3.Connection) -> None:
    """What GDAL's triggers call (``ST_*``) and kmzb_point() for rows-format pages."""
    for name, idx in (("ST_MinX", 0), ("ST_MaxX", 0), ("ST_MinY", 1), ("ST_MaxY", 1)):
        db.create_function(name, 1, _st(idx), deterministic=True)
    db.create_function("ST_IsEmpty", 1, lambda b: 0 if _blob_xy(b) else 1, deterministic=True)
    db.create_function("kmzb_point", 2, point_blob, deterministic=True)


def build_rtree(
    db: sqlite3.Connection, table: str = REPORTS, rtree: str = RTREE, counted=None
) -> None:
    """Fill the GeoPackage R-tree of a point table at once (sort-tile-recursive packing),
    writing SQLite's R-tree shadow tables (node, rowid, parent) directly, in the format of
    SQLite's rtree.c: each node a blob of 2 bytes depth (root only), 2 bytes cell count and
    cells of rowid + minx, maxx, miny, maxy as float32 rounded outwards, big endian; node 1
    is the root. Inserting a million points one by one costs ~15 s; this ~2 s.
    ``counted(db, minx, miny)`` gets the boxes' corners as float32 arrays (the overview).
    """
    import numpy as np

    cell = np.dtype([("id", ">i8"), ("box", ">f4", 4)])
    point = np.dtype([("head", "V8"), ("wkb", "V5"), ("x", "<f8"), ("y", "<f8")])
    total = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # from an index
    # filled in place, a slice at a time, the boxes as stored (float32): 24 bytes a point,
    # each array let go as soon as the next step has what it needs (5M points: ~240 MB top)
    fid, boxes = np.zeros(total, np.int64), np.zeros((total, 4), np.float32)
    got = 0
    cur = db.execute(
        f"SELECT fid, geom FROM {table} WHERE length(geom) = 29 ORDER BY fid LIMIT ?", (total,)
    )
    while chunk := cur.fetchmany(50_000):
        ids, geoms = zip(*chunk, strict=True)
        pts = np.frombuffer(b"".join(geoms), dtype=point)
        fid[got : got + len(ids)] = ids
        x, y = pts["x"], pts["y"]
        boxes[got : got + len(ids)] = np.stack([_down(x), _up(x), _down(y), _up(y)], axis=1)
        got += len(ids)
    fid, boxes = fid[:got], boxes[:got]
    size = db.execute(f'SELECT length(data) FROM "{rtree}_node" WHERE nodeno = 1').fetchone()[0]
    cap = (size - 4) // cell.itemsize
    for suffix in ("node", "rowid", "parent"):
        db.execute(f'DELETE FROM "{rtree}_{suffix}"')
    n = len(fid)
    # leaves: slices along x, each sorted along y and cut into runs of `cap` points
    leaves = max(1, math.ceil(n / cap))
    per_slice = math.ceil(leaves / max(1, math.ceil(math.sqrt(leaves)))) * cap
    order = np.argsort(boxes[:, 0], kind="stable")
    for i in range(0, n, per_slice):
        part = order[i : i + per_slice]
        order[i : i + per_slice] = part[np.argsort(boxes[part, 2], kind="stable")]
    leaf_ids = fid[order]
    del fid
    boxes = boxes[order]
    del order
    if counted is not None:
        counted(db, boxes[:, 0], boxes[:, 2])
    starts = np.arange(0, n, cap) if n else np.zeros(1, np.int64)
    # levels bottom-up: (child ids, boxes, start of each node's run)
    levels: list[tuple[np.ndarray | None, np.ndarray, np.ndarray]] = [(leaf_ids, boxes, starts)]
    while len(levels[-1][2]) > 1:
        _, b, st = levels[-1]
        up = np.stack(
            [
                np.minimum.reduceat(b[:, 0], st),
                np.maximum.reduceat(b[:, 1], st),
                np.minimum.reduceat(b[:, 2], st),
                np.maximum.reduceat(b[:, 3], st),
            ],
            axis=1,
        )
        levels.append((None, up, np.arange(0, len(st), cap)))
    # node numbers top-down: the root is 1
    first: list[int] = []
    no = 1
    for lvl in reversed(levels):
        first.insert(0, no)
        no += len(lvl[2])
    depth = len(levels) - 1
    node_sql = f'INSERT INTO "{rtree}_node" VALUES (?, ?)'
    for h, (members, b, st) in enumerate(levels):
        count = len(b)
        if members is None:  # an inner node's cells point at the nodes below
            members = np.arange(first[h - 1], first[h - 1] + count)
            parent = first[h] + np.arange(count) // cap
            _insert_pairs(db, f'INSERT INTO "{rtree}_parent" VALUES (?, ?)', members, parent)
        cells = np.empty(count, dtype=cell)
        cells["id"], cells["box"] = members, b
        db.executemany(node_sql, _nodes(cells, st.tolist(), first[h], cap, size, depth, h))
        del cells
    del levels, boxes
    back = np.argsort(leaf_ids, kind="stable")  # the rowid table in id order: its fast way in
    _insert_pairs(
        db, f'INSERT INTO "{rtree}_rowid" VALUES (?, ?)', leaf_ids[back], first[0] + back // cap
    )


def _nodes(cells, starts: list[int], first: int, cap: int, size: int, depth: int, height: int):
    """The node blobs of one level, one by one (a million points make 20,000 nodes)."""
    for k, s0 in enumerate(starts):
        run = cells[s0 : s0 + cap]
        head = struct.pack(">HH", depth if height == depth else 0, len(run))
        yield first + k, (head + run.tobytes()).ljust(size, b"\0")


def _insert_pairs(db: sqlite3.Connection, sql: str, a, b, chunk: int = 100_000) -> None:
    """Insert two integer arrays as rows, a slice at a time (Python ints cost 28 bytes)."""
    for i in range(0, len(a), chunk):
        db.executemany(sql, zip(a[i : i + chunk].tolist(), b[i : i + chunk].tolist(), strict=True))


def _down(v):
    """float64 -> the nearest float32 not above (as SQLite's R-tree stores a box's min)."""
    import numpy as np

    f = v.astype(np.float32)
    return np.where(f > v, np.nextafter(f, np.float32(-np.inf)), f)


def _up(v):
    import numpy as np

    f = v.astype(np.float32)
    return np.where(f < v, np.nextafter(f, np.float32(np.inf)), f)
