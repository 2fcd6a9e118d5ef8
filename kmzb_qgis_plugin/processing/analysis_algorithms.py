"""The algorithms of the Analysis group, in the order the toolbox lists them."""

from .hotspots_gi import HotSpotsGiAlgorithm
from .kernel_density import KernelDensityAlgorithm
from .near_repeats import NearRepeatsAlgorithm
from .trends import TrendsAlgorithm

ANALYSIS_ALGORITHMS = (
    HotSpotsGiAlgorithm,
    KernelDensityAlgorithm,
    NearRepeatsAlgorithm,
    TrendsAlgorithm,
)
