"""The cache's reports overview: how many reports lie in each grid cell of 0.05° x 0.03°
(~3.4 x 3.3 km in Poland), one point a cell, drawn instead of the reports at national and
regional scales (layers.WORKING_SCALE): a million styled symbols take 30 s and more to draw,
the overview's ten thousand cells a fraction of a second, at any number of reports.

Part of the cache (the only code that touches its table), a GeoPackage point layer of its
own. It follows the reports' R-tree, which every write of the cache keeps exact: a first
pull counts it with the R-tree it builds (``from_boxes``); later writes move the counts of
the reports they touch (``moving``). Positions are the R-tree's (float32 rounded down), so
the cell of a report is the same whichever way it is counted.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

OVERVIEW = "reports_overview"
CELL_LON, CELL_LAT = 0.05, 0.03
_ROW = 100_000  # cell id = column * _ROW + row, both counted from (-180, -90)
_CELL = (
    f"CAST((minx + 180) / {CELL_LON} AS INTEGER) * {_ROW} "
    f"+ CAST((miny + 90) / {CELL_LAT} AS INTEGER)"
)
# a cell's point at its centre (kmzb_point: the cache's SQL function)
_ADD = (
    f"INSERT INTO {OVERVIEW} (fid, geom, reports) "
    f"VALUES (?1, kmzb_point((?1 / {_ROW} + 0.5) * {CELL_LON} - 180, "
    f"(?1 % {_ROW} + 0.5) * {CELL_LAT} - 90), ?2) "
    "ON CONFLICT (fid) DO UPDATE SET reports = reports + excluded.reports"
)
_CREATE = f"""
CREATE TABLE IF NOT EXISTS {OVERVIEW} (
    fid INTEGER PRIMARY KEY, geom POINT, reports INTEGER NOT NULL);
INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, srs_id)
    VALUES ('{OVERVIEW}', 'features', '{OVERVIEW}', 4326);
INSERT OR IGNORE INTO gpkg_geometry_columns
    VALUES ('{OVERVIEW}', 'geom', 'POINT', 4326, 0, 0);
"""


def ensure(db: sqlite3.Connection) -> bool:
    """Create the overview layer in a cache made before it: True when made now (empty)."""
    if db.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (OVERVIEW,)
    ).fetchone():
        return False
    db.executescript(_CREATE)
    return True


def rebuild(db: sqlite3.Connection, rtree: str) -> None:
    """Count every cell again from the R-tree, in SQL (~2 s a million reports)."""
    db.execute(f"DELETE FROM {OVERVIEW}")
    db.executemany(
        _ADD,
        db.execute(f'SELECT {_CELL} AS cell, count(*) FROM "{rtree}" GROUP BY cell').fetchall(),
    )


def from_boxes(db: sqlite3.Connection, minx, miny) -> None:
    """Count every cell again from the R-tree's boxes as numpy float32 arrays (build_rtree),
    a slice at a time (5M reports: a few MB beside the R-tree's arrays)."""
    import numpy as np

    counts: Counter = Counter()
    for i in range(0, len(minx), 250_000):
        x, y = minx[i : i + 250_000].astype(np.float64), miny[i : i + 250_000].astype(np.float64)
        cells = ((x + 180) / CELL_LON).astype(np.int64) * _ROW
        cells += ((y + 90) / CELL_LAT).astype(np.int64)
        found, n = np.unique(cells, return_counts=True)
        counts.update(dict(zip(found.tolist(), n.tolist(), strict=True)))
    db.execute(f"DELETE FROM {OVERVIEW}")
    db.executemany(_ADD, counts.items())


@contextmanager
def moving(db: sqlite3.Connection, rtree: str, ids: list[int]) -> Iterator[None]:
    """Around a change of these reports' R-tree entries: their counts move with them."""
    before = _cells(db, rtree, ids)
    yield
    delta = _cells(db, rtree, ids)
    delta.subtract(before)
    changed = [(cell, n) for cell, n in delta.items() if n]
    db.executemany(_ADD, changed)
    db.executemany(
        f"DELETE FROM {OVERVIEW} WHERE fid = ? AND reports <= 0", [(c,) for c, _ in changed]
    )


def _cells(db: sqlite3.Connection, rtree: str, ids: list[int]) -> Counter:
    counts: Counter = Counter()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        counts.update(
            cell
            for (cell,) in db.execute(
                f'SELECT {_CELL} FROM "{rtree}" WHERE id IN ({",".join("?" * len(chunk))})',
                chunk,
            )
        )
    return counts
