"""Repeats and near repeats: reports of one category linked when they lie within a distance
and a time window of each other; clusters are the linked groups (single linkage).

Near repeats default to 1 km and 7 days (Townsley, Homel & Chaseling 2003; Johnson &
Bowers 2004); duplicates of one threat to 50 m and 2 days. The originator of a cluster is
its earliest report, so an officer verifies it once and applies the outcome to the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from ...i18n import tr
from ..errors import AnalysisError
from .steps import Steps

DAY = 86400.0
NEAR_REPEATS = (1000.0, 7.0)  # metres, days
DUPLICATES = (50.0, 2.0)


@dataclass
class Clusters:
    cluster: np.ndarray  # cluster id per report (1, 2, ... by originator time); 0: none
    size: np.ndarray  # reports in the report's cluster; 0: none
    originator: np.ndarray  # index of the cluster's earliest report; -1: none
    count: int


def linked_pairs(
    x: np.ndarray, y: np.ndarray, t: np.ndarray, distance: float, window: float
) -> np.ndarray:
    """Index pairs (i, j) within the distance (metres) and time window (seconds)."""
    scaled = np.column_stack((x / distance, y / distance, t / window))
    pairs = cKDTree(scaled).query_pairs(1 + 1e-9, p=np.inf, output_type="ndarray")
    i, j = pairs[:, 0], pairs[:, 1]
    close = ((x[i] - x[j]) ** 2 + (y[i] - y[j]) ** 2 <= distance**2) & (
        np.abs(t[i] - t[j]) <= window
    )
    return pairs[close]


def near_repeats(
    x: np.ndarray,
    y: np.ndarray,
    t: np.ndarray,
    category: np.ndarray,
    distance: float,
    days: float,
    min_size: int = 2,
    steps: Steps | None = None,
) -> Clusters:
    """Clusters of same-category reports chained within distance and days."""
    steps = steps or Steps()
    if not (distance > 0 and days > 0):
        raise AnalysisError(tr("The distance and the time window must both be positive."))
    if np.isnan(t).any():
        raise AnalysisError(tr("Some reports have no submission time."))
    n = len(x)
    groups = np.unique(category, return_inverse=True)[1]
    found = []
    for k, group in enumerate(np.unique(groups)):
        members = np.nonzero(groups == group)[0]
        pairs = linked_pairs(x[members], y[members], t[members], distance, days * DAY)
        found.append(members[pairs])
        steps.check(80 * (k + 1) / (groups.max() + 1))
    edges = np.concatenate(found) if found else np.empty((0, 2), np.int64)
    graph = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    sizes = np.bincount(label)
    order = np.lexsort((np.arange(n), t))  # earliest first, ties by input order
    first = np.full(len(sizes), -1)
    components, at = np.unique(label[order], return_index=True)
    first[components] = order[at]  # the first report met of each component is its originator
    kept = np.nonzero(sizes >= min_size)[0]
    kept = kept[np.lexsort((first[kept], t[first[kept]]))]
    renumber = np.zeros(len(sizes), np.int64)
    renumber[kept] = np.arange(1, len(kept) + 1)
    cluster = renumber[label]
    in_cluster = cluster > 0
    return Clusters(
        cluster=cluster,
        size=np.where(in_cluster, sizes[label], 0),
        originator=np.where(in_cluster, first[label], -1),
        count=len(kept),
    )
