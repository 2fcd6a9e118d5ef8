"""The hexagon grid: QGIS's creategrid layout, point-in-hexagon, neighbours, cell sizes."""

from __future__ import annotations

import math

import numpy as np
import pytest

from kmzb_qgis_plugin.core.analysis.hexgrid import (
    HexGrid,
    check_cell_size,
    nice_number,
    suggest_cell_size,
)
from kmzb_qgis_plugin.core.errors import AnalysisError


def test_centres_follow_qgis_creategrid_layout():
    grid = HexGrid(x0=1000.0, y0=5000.0, size=300.0, cols=4, rows=4)
    r = 300 / math.sqrt(3)
    # QGIS: column 0's left vertex on xmin, its top edge on ymax; odd columns half a cell lower
    cx, cy = grid.centres(np.array([0, 1, 2, 1]), np.array([0, 0, 0, 2]))
    assert cx == pytest.approx([1000 + r, 1000 + 2.5 * r, 1000 + 4 * r, 1000 + 2.5 * r])
    assert cy == pytest.approx([4850, 4700, 4850, 4100])
    ring = grid.vertices(cx[0], cy[0])
    assert ring[0] == pytest.approx((1000, 4850)) and ring[1][1] == pytest.approx(5000)


def test_every_point_lands_in_the_hexagon_with_the_nearest_centre():
    rng = np.random.default_rng(3)
    x, y = rng.uniform(0, 4000, 3000), rng.uniform(0, 3000, 3000)
    grid = HexGrid.covering(x.min(), y.min(), x.max(), y.max(), 250)
    col, row = grid.cells_of(x, y)
    cols, rows = np.meshgrid(np.arange(grid.cols), np.arange(grid.rows), indexing="ij")
    ax, ay = grid.centres(cols.ravel(), rows.ravel())
    for i in range(len(x)):  # brute force: a hexagon is the set of points nearest its centre
        nearest = int(np.argmin((ax - x[i]) ** 2 + (ay - y[i]) ** 2))
        assert (col[i], row[i]) == (cols.ravel()[nearest], rows.ravel()[nearest])
    assert grid.counts(x, y).sum() == 3000


@pytest.mark.parametrize(("factor", "cells"), [(1.0, 7), (1.8, 13), (2.0, 19), (0.5, 1)])
def test_neighbours_within_a_distance_are_the_rings(factor, cells):
    grid = HexGrid(0, 0, 100.0, 10, 10)
    offsets = grid.neighbour_offsets(100.0 * factor)
    assert len(offsets[0]) == len(offsets[1]) == cells


def test_cell_sizes_in_degrees_or_too_fine_are_refused():
    with pytest.raises(AnalysisError, match="must be in metres"):
        check_cell_size(0.005, 300_000, 200_000)
    with pytest.raises(AnalysisError, match="too small for an area of 300 × 200 km"):
        check_cell_size(15, 300_000, 200_000)
    check_cell_size(500, 300_000, 200_000)


def test_suggested_cell_size_is_a_round_number():
    assert [nice_number(v) for v in (374, 260, 99, 1200, 999.9)] == [500, 250, 100, 1000, 1000]
    rng = np.random.default_rng(1)
    x, y = rng.uniform(0, 100_000, 40_000), rng.uniform(0, 100_000, 40_000)
    # 2·√(10^10 / 40,000) = 1,000 m
    assert suggest_cell_size(x, y) == 1000
