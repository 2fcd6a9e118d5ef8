"""The grid of PostgreSQL's bbox pages (pg_grid.grid_cells): a bbox reads every cell that may
hold a point of it (a sliver cell through its strip), and only the cells it marks as inside
(which skip the bbox test) are wholly inside. Checked on random boxes and points, edges
included."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kmzb_store import pg_grid


@st.composite
def boxes_and_points(draw):
    x0 = draw(st.floats(13.6, 24.0))  # a bbox may reach past the grid (and Poland)
    y0 = draw(st.floats(48.8, 54.7))
    x1 = x0 + draw(st.floats(0.0, 1.5))
    y1 = y0 + draw(st.floats(0.0, 0.8))

    def coordinate(lo, hi, low, high):
        a, b = max(low, lo - 0.1), min(high, hi + 0.1)  # reports are in Poland
        near = st.floats(a, b) if a <= b else st.floats(low, high)
        edges = [v for v in (lo, hi) if low <= v <= high]
        return st.one_of(near, st.sampled_from(edges)) if edges else near

    points = draw(
        st.lists(
            st.tuples(coordinate(x0, x1, 14.0, 24.2), coordinate(y0, y1, 49.0, 54.9)),
            max_size=40,
        )
    )
    return (x0, y0, x1, y1), points


@pytest.mark.parametrize("level", pg_grid.GRID_LEVELS, ids=["fine", "coarse"])
@settings(max_examples=300, deadline=None)
@given(case=boxes_and_points())
def test_cells_hold_the_bbox_and_inner_cells_nothing_else(level, case):
    (minx, miny, maxx, maxy), points = case
    with mock.patch.multiple(
        pg_grid, GRID_MAX_CELLS=10**6, GRID_MIN_COVER=0.0, GRID_LEVELS=[level]
    ):
        grid = pg_grid.grid_cells((minx, miny, maxx, maxy)) or pg_grid.Grid([], [], [], *level)
    assert grid.shift == level[0]
    inner = dict(grid.cells)  # no grid: the bbox holds no point of the grid
    assert not set(inner) & set(grid.slivers)
    for x, y in points:
        inside = minx <= x <= maxx and miny <= y <= maxy
        cell = pg_grid.cell_of(x, y, grid.shift)
        if inside:
            in_strip = any(a <= x <= c and b <= y <= d for a, b, c, d in grid.strips)
            assert cell in inner or (cell in grid.slivers and in_strip), (x, y)
        if inner.get(cell):
            assert inside, (x, y)


def test_only_small_well_covered_boxes_take_the_grid():
    warsaw = pg_grid.grid_cells((20.85, 52.10, 21.27, 52.37))
    assert warsaw and 40 <= len(warsaw.cells) <= pg_grid.GRID_MAX_CELLS
    assert 20 <= sum(inside for _, inside in warsaw.cells) < len(warsaw.cells)
    # Gdańsk's edges lie on (or a rounding error inside) cell borders: the cells beyond are
    # slivers, read through four thin strips
    gdansk = pg_grid.grid_cells((18.45, 54.30, 18.75, 54.45))
    assert gdansk and len(gdansk.cells) == 18 and len(gdansk.strips) == 4
    assert all(inside for _, inside in gdansk.cells) and len(gdansk.slivers) == 22
    region = pg_grid.grid_cells((19.05, 51.55, 19.95, 51.95))  # 171 cells, 5 x 3 coarse ones
    assert region and region.shift == pg_grid.GRID_COARSE and not region.slivers
    assert len(region.cells) == 15 and sum(inside for _, inside in region.cells) == 3
    assert pg_grid.grid_cells((21.16, 52.13, 25.16, 54.13)) is None  # 187 coarse cells
    assert pg_grid.grid_cells((14.0, 49.0, 24.2, 54.9)) is None  # 24,000 cells, 1,530 coarse
    assert pg_grid.grid_cells((21.0, 52.17, 21.0001, 52.1701)) is None  # a sliver of 1 cell
    assert pg_grid.grid_cells((5.0, 40.0, 6.0, 41.0)) is None  # outside Poland
