"""PostgreSQL's plan of a bbox page by a grid of cells (migrations 0005 and 0006).

Every report is in a cell of a 0.05° grid over Poland, indexed by (cell, revision), and in a
coarse cell of 4 x 4 of them (0.2°). A bbox page that covers at most GRID_MAX_CELLS cells of
one of the two, mostly whole, merges the cells' revision-ordered index scans: a
10,000-report page of a city reads about 10,000 rows, where the revision order would filter
~120,000 and the GiST index would sort every report of the city. Bigger or thinner bboxes
keep the plain plans (``feed``). SQLite reads small bboxes through its R-tree instead.
"""

from __future__ import annotations

import math
from typing import NamedTuple

GRID_PER_DEGREE = 20
GRID_LON0, GRID_LAT0 = 14.0, 49.0  # the schema's lower bounds of lon and lat
GRID_COLUMNS, GRID_ROWS = 205, 119  # up to lon 24.2, lat 54.9
GRID_COARSE = 2  # a coarse cell spans 2**2 cells each way
GRID_MAX_CELLS = 150
GRID_MIN_COVER = 0.25  # the bbox's share of its cells' area
GRID_SLIVER = 0.2  # an edge column or row the bbox enters by less than this much of a cell
PG_CELL = (
    f"((floor((lat - {GRID_LAT0:g}) * {GRID_PER_DEGREE})::int << 8) "
    f"| floor((lon - {GRID_LON0:g}) * {GRID_PER_DEGREE})::int)"
)


def pg_coarse_cell(cell: str) -> str:
    """SQL of the coarse cell of ``cell``, numbered alike (row << 8 | column)."""
    return f"((({cell} >> {8 + GRID_COARSE}) << 8) | (({cell} & 255) >> {GRID_COARSE}))"


# (shift of the row and column numbers, SQL of a report's cell) of the fine and coarse grid
GRID_LEVELS = ((0, "r.cell"), (GRID_COARSE, pg_coarse_cell("r.cell")))


def _grid_index(v: float, v0: float) -> int:
    """A column (of lon) or row (of lat) of the grid: the float arithmetic of PG_CELL."""
    return math.floor((v - v0) * GRID_PER_DEGREE)


def cell_of(lon: float, lat: float, shift: int = 0) -> int:
    """The grid cell of a point: what PostgreSQL stores in ``reports.cell`` (shift 0), or
    its coarse cell (shift GRID_COARSE, ``pg_coarse_cell``)."""
    return _grid_index(lat, GRID_LAT0) >> shift << 8 | _grid_index(lon, GRID_LON0) >> shift


class Grid(NamedTuple):
    """How a bbox page reads the grid: ``cells`` (cell, whether wholly inside the bbox) by
    their revision index; ``slivers``, edge cells the bbox barely enters (a whole scan of
    one at the merge's start would find nothing), by the GiST over ``strips``, the thin
    boxes where those cells and the bbox meet; ``column``, the SQL of a report's cell at
    the grid's level (``shift`` as in GRID_LEVELS)."""

    cells: list[tuple[int, bool]]
    slivers: list[int]
    strips: list[tuple[float, float, float, float]]
    shift: int
    column: str


def grid_cells(bbox: tuple[float, float, float, float]) -> Grid | None:
    """The cells of the finest grid at which a bbox touches at most GRID_MAX_CELLS, or None
    when it is too big for both or covers too little of its cells for the grid to pay."""
    minx, miny, maxx, maxy = bbox
    for level in GRID_LEVELS:
        shift = level[0]
        lo_c, hi_c = _grid_index(minx, GRID_LON0) >> shift, _grid_index(maxx, GRID_LON0) >> shift
        lo_r, hi_r = _grid_index(miny, GRID_LAT0) >> shift, _grid_index(maxy, GRID_LAT0) >> shift
        cols = range(max(lo_c, 0), min(hi_c, (GRID_COLUMNS - 1) >> shift) + 1)
        rows = range(max(lo_r, 0), min(hi_r, (GRID_ROWS - 1) >> shift) + 1)
        n = len(cols) * len(rows)
        if n == 0:
            return None
        if n <= GRID_MAX_CELLS:
            break
    else:
        return None
    step = (1 << shift) / GRID_PER_DEGREE
    width = min(maxx, GRID_LON0 + GRID_COLUMNS / GRID_PER_DEGREE) - max(minx, GRID_LON0)
    height = min(maxy, GRID_LAT0 + GRID_ROWS / GRID_PER_DEGREE) - max(miny, GRID_LAT0)
    if width * height < GRID_MIN_COVER * n * step * step:
        return None

    def thin(i: int, v0: float, lo: float, hi: float) -> tuple[float, float] | None:
        """The span of column/row ``i`` in [lo, hi] when under GRID_SLIVER of a cell."""
        start = v0 + i * step
        a, b = max(lo, start - 1e-9), min(hi, start + step + 1e-9)
        return (a, b) if b - a < GRID_SLIVER * step else None

    thin_cols = {c: span for c in (cols[0], cols[-1]) if (span := thin(c, GRID_LON0, minx, maxx))}
    thin_rows = {r: span for r in (rows[0], rows[-1]) if (span := thin(r, GRID_LAT0, miny, maxy))}
    strips = [(a, miny, b, maxy) for a, b in thin_cols.values()]
    strips += [(minx, a, maxx, b) for a, b in thin_rows.values()]
    cells, slivers = [], []
    for r in rows:
        for c in cols:
            if c in thin_cols or r in thin_rows:
                slivers.append(r << 8 | c)
            else:  # strictly between the bbox's edge columns and rows: strictly inside it
                cells.append((r << 8 | c, lo_c < c < hi_c and lo_r < r < hi_r))
    return Grid(cells, slivers, strips, *level)


def grid_page_sql(
    grid: Grid,
    edge: tuple[str, list],
    inner: tuple[str, list],
    item: str,
    gone: str,
    item_params: list,
) -> tuple[str, list]:
    """The page's rows (as ``feed``'s plain page) over grid cells: each cell's rows in
    revision order by reports_cell_rev, merged (a Merge Append) up to the page's limit; only
    the cells on the bbox's edge test the bbox (``edge``, where the others take ``inner``);
    the slivers' few rows come from the GiST, sorted. Returns (SQL, params without the
    limit)."""
    select = f"SELECT r.revision, {item}, ({gone})::text FROM reports r WHERE"
    parts, params = [], []
    for cell, inside in grid.cells:
        where, where_params = inner if inside else edge
        parts.append(f"({select} {grid.column} = ? AND {where} ORDER BY r.revision)")
        params += [*item_params, cell, *where_params]
    if grid.slivers:
        near = " OR ".join(["r.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)"] * len(grid.strips))
        parts.append(
            f"({select} {grid.column} = ANY(?) AND ({near}) AND {edge[0]} ORDER BY r.revision)"
        )
        params += [*item_params, grid.slivers, *(v for s in grid.strips for v in s), *edge[1]]
    return f"SELECT * FROM ({' UNION ALL '.join(parts)}) page ORDER BY 1 LIMIT ?", params
