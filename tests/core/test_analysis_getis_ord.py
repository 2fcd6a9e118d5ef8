"""Gi* checked against the textbook formula computed cell by cell with explicit loops."""

from __future__ import annotations

import math

import numpy as np
import pytest

from kmzb_qgis_plugin.core.analysis.getis_ord import confidence_bins, hot_spots
from kmzb_qgis_plugin.core.errors import AnalysisError


def textbook_gi_star(values: list[float], centres: list[tuple], distance: float) -> list[float]:
    """Ord & Getis (1995) Gi*, binary weights within distance, the cell itself included."""
    n = len(values)
    mean = sum(values) / n
    s = math.sqrt(sum(v * v for v in values) / n - mean * mean)
    result = []
    for i in range(n):
        w = [1.0 if math.dist(centres[i], centres[j]) <= distance + 1e-6 else 0.0 for j in range(n)]
        sw = sum(w)
        sw2 = sum(v * v for v in w)
        numerator = sum(w[j] * values[j] for j in range(n)) - mean * sw
        result.append(numerator / (s * math.sqrt((n * sw2 - sw * sw) / (n - 1))))
    return result


def test_gi_star_matches_the_textbook_formula():
    rng = np.random.default_rng(11)
    x = np.concatenate([rng.normal(2000, 300, 400), rng.uniform(0, 6000, 300)])
    y = np.concatenate([rng.normal(2500, 300, 400), rng.uniform(0, 5000, 300)])
    result = hot_spots(x, y, size=400, distance=800)
    centres = list(zip(*result.grid.centres(result.col, result.row), strict=True))
    # counts per occupied cell, found by nearest centre among all cells independently
    counts = {}
    for px, py in zip(x, y, strict=True):
        nearest = min(range(len(centres)), key=lambda k: math.dist(centres[k], (px, py)))
        counts[nearest] = counts.get(nearest, 0) + 1
    assert [counts.get(k, 0) for k in range(len(centres))] == result.count.tolist()
    expected = textbook_gi_star(result.count.tolist(), centres, 800)
    assert result.z == pytest.approx(expected, abs=1e-9)
    assert result.p == pytest.approx([math.erfc(abs(z) / math.sqrt(2)) for z in expected])
    hottest = int(np.argmax(result.z))
    assert result.bin[hottest] == 3
    expected_bins = [
        int(math.copysign(1, z)) * (3 if p < 0.01 else 2 if p < 0.05 else 1 if p < 0.1 else 0)
        for z, p in zip(expected, result.p, strict=True)
    ]
    assert result.bin.tolist() == expected_bins


def test_bins_with_and_without_false_discovery_rate():
    p = np.array([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216])
    z = np.ones(10)
    assert confidence_bins(z, p).tolist() == [3, 3, 2, 2, 2, 1, 1, 0, 0, 0]
    # Benjamini-Hochberg by hand: at 1 % only p(1) <= 1·0.001; at 5 % p(2) <= 2·0.005;
    # at 10 % p(6) = 0.06 <= 6·0.01 is the largest passing rank
    assert confidence_bins(z, p, fdr=True).tolist() == [3, 2, 1, 1, 1, 1, 0, 0, 0, 0]
    assert confidence_bins(-z, p, fdr=True).tolist()[:3] == [-3, -2, -1]


def test_no_differences_or_too_few_cells_are_refused():
    x = np.array([0.0, 1000.0, 2000.0, 3000.0])
    with pytest.raises(AnalysisError, match="no differences"):
        hot_spots(x, np.zeros(4), size=500)
    with pytest.raises(AnalysisError, match="at least 3 cells"):
        hot_spots(np.zeros(5), np.zeros(5), size=500)
    with pytest.raises(AnalysisError, match="shorter than the cell size"):
        hot_spots(x, np.zeros(4), size=500, distance=100)
