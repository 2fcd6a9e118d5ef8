"""Near-repeat clusters on a constructed set whose links can be checked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from kmzb_qgis_plugin.core.analysis.near_repeat import DAY, near_repeats
from kmzb_qgis_plugin.core.errors import AnalysisError


def test_clusters_chain_same_category_within_distance_and_days():
    #          a0    a1     a2     b3    a4     a5     c6     c7     c8
    x = np.array([0, 1000, 1600, 10, 9000, 9000, 500, 530, 560.0])
    y = np.array([0, 0, 0, 0, 9000, 9000, 500, 500, 500.0])
    days = np.array([10, 17, 20, 10, 1, 8.01, 3, 2, 2.5])
    category = np.array(["A", "A", "A", "B", "A", "A", "C", "C", "C"])
    found = near_repeats(x, y, days * DAY, category, distance=1000, days=7)
    # a0-a1: exactly 1000 m and 7 days (bounds included); a1-a2: 600 m, 3 days -> one chain
    # a4-a5: same place, 7.01 days -> not linked; b3 alone in its category
    # c7 (day 2) is the earliest of the C cluster, so it is the originator
    assert found.count == 2
    assert found.cluster.tolist() == [2, 2, 2, 0, 0, 0, 1, 1, 1]
    assert found.size.tolist() == [3, 3, 3, 0, 0, 0, 3, 3, 3]
    assert found.originator.tolist() == [0, 0, 0, -1, -1, -1, 7, 7, 7]


def test_duplicates_are_tighter_and_min_size_applies():
    x = np.array([0, 30, 60, 2000, 2040.0])
    y = np.zeros(5)
    t = np.array([0, 1, 1.5, 0, 0.5]) * DAY
    category = np.array(["A"] * 5)
    found = near_repeats(x, y, t, category, distance=50, days=2)
    assert found.cluster.tolist() == [1, 1, 1, 2, 2]
    bigger = near_repeats(x, y, t, category, distance=50, days=2, min_size=3)
    assert bigger.cluster.tolist() == [1, 1, 1, 0, 0]
    assert bigger.count == 1


def test_bad_parameters_are_refused():
    one = np.zeros(1)
    with pytest.raises(AnalysisError, match="must both be positive"):
        near_repeats(one, one, one, np.array(["A"]), distance=0, days=7)
    with pytest.raises(AnalysisError, match="no submission time"):
        near_repeats(one, one, np.array([np.nan]), np.array(["A"]), distance=10, days=7)
