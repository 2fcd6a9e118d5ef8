"""A flat-topped hexagon grid laid out exactly as QGIS's ``native:creategrid`` lays it out.

``size`` is the distance between the centres of two neighbouring hexagons (the hexagon's
flat-to-flat width, QGIS's vertical spacing). Column 0's left vertices sit on the grid's
``x0``, row 0's top edge on ``y0``; odd columns are shifted down by half a cell.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ...i18n import tr
from ..errors import AnalysisError

MAX_CELLS = 20_000_000  # dense arrays of this many cells stay under ~500 MB in total
MIN_CELL_SIZE = 10.0  # metres; anything smaller is a cell size given in degrees by mistake


@dataclass(frozen=True)
class HexGrid:
    x0: float
    y0: float
    size: float
    cols: int
    rows: int

    @property
    def radius(self) -> float:
        """Circumradius: centre to vertex."""
        return self.size / math.sqrt(3.0)

    @classmethod
    def covering(cls, xmin: float, ymin: float, xmax: float, ymax: float, size: float):
        """A grid whose cells hold every point of the box, with one spare cell around it."""
        check_cell_size(size, xmax - xmin, ymax - ymin)
        x0, y0 = xmin - size, ymax + size
        cols = math.ceil((xmax - x0 + size) / (1.5 * size / math.sqrt(3.0))) + 1
        rows = math.ceil((y0 - ymin + size) / size) + 1
        return cls(x0, y0, size, cols, rows)

    @classmethod
    def aligned(cls, xmin: float, ymin: float, xmax: float, ymax: float, size: float):
        """The grid native:creategrid makes over this extent (same cells, same origin)."""
        check_cell_size(size, xmax - xmin, ymax - ymin)
        cols = math.ceil((xmax - xmin) / (1.5 * size / math.sqrt(3.0)))
        rows = math.ceil((ymax - ymin) / size)
        return cls(xmin, ymax, size, cols, rows)

    def inside(self, col: np.ndarray, row: np.ndarray) -> np.ndarray:
        return (col >= 0) & (col < self.cols) & (row >= 0) & (row < self.rows)

    def cells_of(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(col, row) of the hexagon holding each point (cube rounding of axial coordinates)."""
        r_ = self.radius
        u = (np.asarray(x, float) - (self.x0 + r_)) / (1.5 * r_)
        v = ((self.y0 - self.size / 2) - np.asarray(y, float)) / self.size - u / 2
        q, r = u, v
        s = -q - r
        rq, rr, rs = np.rint(q), np.rint(r), np.rint(s)
        dq, dr, ds = np.abs(rq - q), np.abs(rr - r), np.abs(rs - s)
        fix_q = (dq > dr) & (dq > ds)
        fix_r = ~fix_q & (dr > ds)
        rq = np.where(fix_q, -rr - rs, rq)
        rr = np.where(fix_r, -rq - rs, rr)
        col = rq.astype(np.int64)
        row = rr.astype(np.int64) + (col - (col & 1)) // 2
        return col, row

    def centres(self, col: np.ndarray, row: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        r_ = self.radius
        cx = self.x0 + r_ + 1.5 * r_ * col
        cy = self.y0 - self.size / 2 - self.size * row - (col & 1) * self.size / 2
        return cx, cy

    def vertices(self, cx: float, cy: float) -> list[tuple[float, float]]:
        """The closed ring of one hexagon, clockwise from its left vertex."""
        r_, h = self.radius, self.size / 2
        return [
            (cx - r_, cy),
            (cx - r_ / 2, cy + h),
            (cx + r_ / 2, cy + h),
            (cx + r_, cy),
            (cx + r_ / 2, cy - h),
            (cx - r_ / 2, cy - h),
            (cx - r_, cy),
        ]

    def counts(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Points per cell as a dense (cols, rows) array."""
        col, row = self.cells_of(x, y)
        flat = np.bincount(col * self.rows + row, minlength=self.cols * self.rows)
        return flat.reshape(self.cols, self.rows).astype(float)

    def neighbour_offsets(self, distance: float) -> dict[int, list[tuple[int, int]]]:
        """(dcol, drow) of every cell whose centre is within distance, self included, for
        cells in even (0) and odd (1) columns."""
        reach_c = int(distance / (1.5 * self.radius)) + 1
        reach_r = int(distance / self.size) + 2
        limit = distance * (1 + 1e-9)
        offsets: dict[int, list[tuple[int, int]]] = {0: [], 1: []}
        for parity in (0, 1):
            cx, cy = self.centres(np.array([parity]), np.array([0]))
            for dc in range(-reach_c, reach_c + 1):
                for dr in range(-reach_r, reach_r + 1):
                    nx, ny = self.centres(np.array([parity + dc]), np.array([dr]))
                    if math.hypot(nx[0] - cx[0], ny[0] - cy[0]) <= limit:
                        offsets[parity].append((dc, dr))
        return offsets


def check_cell_size(size: float, width: float, height: float) -> None:
    """Refuse cell sizes in degrees and grids too fine for the area."""
    if not size > MIN_CELL_SIZE:
        raise AnalysisError(
            tr(
                "The cell size is {} but must be in metres (EPSG:2180) and over {} m; "
                "a size in degrees will not do."
            ).format(size, MIN_CELL_SIZE)
        )
    area = (width + 3 * size) * (height + 3 * size)
    cells = area / (size * size * math.sqrt(3) / 2)
    if cells > MAX_CELLS:
        smallest = math.sqrt(area / (MAX_CELLS * math.sqrt(3) / 2))
        raise AnalysisError(
            tr(
                "A cell size of {:.0f} m is too small for an area of {:.0f} × {:.0f} km: "
                "it would make {:,.0f} cells (at most {:,}). Use at least {:.0f} m."
            ).format(size, width / 1000, height / 1000, cells, MAX_CELLS, math.ceil(smallest))
        )


def nice_number(value: float) -> float:
    """The nearest (on a log scale) of 1, 2, 2.5 or 5 times a power of ten."""
    power = 10 ** math.floor(math.log10(value))
    steps = [s * power for s in (1, 2, 2.5, 5, 10)]
    return min(steps, key=lambda s: abs(math.log(value / s)))


def suggest_cell_size(x: np.ndarray, y: np.ndarray) -> float:
    """Twice the mean nearest-neighbour distance expected if the reports were spread at
    random over their extent (2·√(A/n)), rounded to a round number of metres."""
    width, height = float(np.ptp(x)), float(np.ptp(y))
    area = max(width, 1.0) * max(height, 1.0)
    size = 2 * math.sqrt(area / max(len(x), 1))
    size = min(max(size, 50.0), max(width, height, 500.0) / 10)
    return max(nice_number(size), 50.0)
