"""Getis-Ord Gi* hot spots of report counts on a hexagon grid.

Binary fixed-distance weights with the cell itself included (Getis & Ord 1992, Ord &
Getis 1995). The cells analysed are those holding at least one report, as ArcGIS's
Optimized Hot Spot Analysis does without a bounding polygon. Bins follow Esri's Gi_Bin:
±3, ±2, ±1 for 99 %, 95 % and 90 % confidence, 0 not significant; with the false
discovery rate correction each level's critical p-value is Benjamini-Hochberg's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr

from ...i18n import tr
from ..errors import AnalysisError
from .hexgrid import HexGrid
from .steps import Steps

LEVELS = ((3, 0.01), (2, 0.05), (1, 0.10))


@dataclass
class HotSpots:
    grid: HexGrid
    distance: float
    col: np.ndarray
    row: np.ndarray
    count: np.ndarray
    neighbours: np.ndarray  # cells within the distance band, the cell itself included
    z: np.ndarray
    p: np.ndarray
    bin: np.ndarray
    left_out: int = 0  # reports outside the grid's extent


def gi_star(values: np.ndarray, weight_sums: np.ndarray, local_sums: np.ndarray):
    """z-scores of Gi* from each cell's Σw (binary, so also Σw²) and Σw·x."""
    n = len(values)
    mean = values.mean()
    s = math.sqrt(max((values**2).mean() - mean**2, 0.0))
    if n < 3:
        raise AnalysisError(
            tr(
                "Gi* needs reports in at least 3 cells; here they fill {}. Use smaller cells."
            ).format(n)
        )
    if s == 0:
        raise AnalysisError(
            tr(
                "Every one of the {} cells holds {:g} reports: with no differences there are "
                "no hot spots. Use larger cells."
            ).format(n, mean)
        )
    spread = (n * weight_sums - weight_sums**2) / (n - 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (local_sums - mean * weight_sums) / (s * np.sqrt(spread))
    return np.where(spread > 0, z, 0.0)


def p_values(z: np.ndarray) -> np.ndarray:
    """Two-sided p-values of standard normal z-scores."""
    return 2 * ndtr(-np.abs(z))


def confidence_bins(z: np.ndarray, p: np.ndarray, fdr: bool = False) -> np.ndarray:
    """Esri's Gi_Bin: ±3/±2/±1 at 99/95/90 % confidence, optionally FDR-corrected."""
    level = np.zeros(len(p), dtype=np.int64)
    ordered = np.sort(p)
    ranks = np.arange(1, len(p) + 1)
    for value, alpha in reversed(LEVELS):  # weakest first, so stronger levels overwrite
        if fdr:
            passing = np.nonzero(ordered <= ranks * alpha / len(p))[0]
            significant = p <= ordered[passing[-1]] if len(passing) else np.zeros(len(p), bool)
        else:
            significant = p < alpha
        level[significant] = value
    return level * np.sign(z).astype(np.int64)


def hot_spots(
    x: np.ndarray,
    y: np.ndarray,
    size: float,
    distance: float | None = None,
    fdr: bool = False,
    steps: Steps | None = None,
    extent: tuple[float, float, float, float] | None = None,
) -> HotSpots:
    """Count reports per hexagon and compute Gi* over the occupied cells. The grid covers
    the reports, or is native:creategrid's grid over extent (xmin, ymin, xmax, ymax), so
    hexagons line up between runs; reports outside it are left out."""
    steps = steps or Steps()
    distance = distance or 2 * size
    if distance < size:
        raise AnalysisError(
            tr(
                "The distance band ({:.0f} m) is shorter than the cell size ({:.0f} m): "
                "no cell would have a neighbour."
            ).format(distance, size)
        )
    if extent is None:
        grid = HexGrid.covering(x.min(), y.min(), x.max(), y.max(), size)
        left_out = 0
    else:
        grid = HexGrid.aligned(*extent, size)
        kept = grid.inside(*grid.cells_of(x, y))
        x, y, left_out = x[kept], y[kept], int((~kept).sum())
    counts = grid.counts(x, y)
    steps.check(30)
    present = (counts > 0).astype(float)
    weight_sums = np.zeros_like(counts)
    local_sums = np.zeros_like(counts)
    offsets = grid.neighbour_offsets(distance)
    pad = max(max(abs(dc), abs(dr)) for o in offsets.values() for dc, dr in o)
    padded_counts = np.pad(counts, pad)
    padded_present = np.pad(present, pad)
    for parity, parity_offsets in offsets.items():
        for dc, dr in parity_offsets:
            window = (
                slice(pad + dc + parity, pad + dc + grid.cols, 2),
                slice(pad + dr, pad + dr + grid.rows),
            )
            weight_sums[parity::2] += padded_present[window]
            local_sums[parity::2] += padded_counts[window]
        steps.check(30 + 30 * (parity + 1))
    col, row = np.nonzero(counts)
    values = counts[col, row]
    z = gi_star(values, weight_sums[col, row], local_sums[col, row])
    p = p_values(z)
    bins = confidence_bins(z, p, fdr)
    return HotSpots(grid, distance, col, row, values, weight_sums[col, row], z, p, bins, left_out)
