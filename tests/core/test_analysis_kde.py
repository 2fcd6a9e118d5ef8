"""Kernel density against the quartic kernel summed pixel by pixel with explicit loops."""

from __future__ import annotations

import math

import numpy as np
import pytest

from kmzb_qgis_plugin.core.analysis.kde import kernel_density, suggest_radius
from kmzb_qgis_plugin.core.errors import AnalysisError


def test_density_is_the_sum_of_quartic_kernels():
    pixel, radius = 10.0, 45.0
    # reports at pixel centres, so binning them moves nothing
    x = np.array([5.0, 25.0, 25.0, 95.0, 135.0])
    y = np.array([5.0, 35.0, 35.0, 15.0, 75.0])
    density = kernel_density(x, y, radius, pixel)
    rows, cols = density.values.shape
    for r in range(rows):
        for c in range(cols):
            px = density.xmin + (c + 0.5) * pixel
            py = density.ymax - (r + 0.5) * pixel
            expected = 0.0
            for qx, qy in zip(x, y, strict=True):
                d = math.hypot(px - qx, py - qy)
                if d < radius:
                    expected += 3 / (math.pi * radius**2) * (1 - (d / radius) ** 2) ** 2 * 1e6
            assert density.values[r, c] == pytest.approx(expected, abs=1e-6)
    # about one report per report under the surface
    assert density.values.sum() * pixel**2 / 1e6 == pytest.approx(5, rel=0.05)


def test_radius_and_pixel_are_checked():
    x = y = np.array([0.0, 100.0])
    with pytest.raises(AnalysisError, match="must not exceed the radius"):
        kernel_density(x, y, 50, 100)
    with pytest.raises(AnalysisError, match="too small for this area"):
        kernel_density(np.array([0.0, 1e6]), np.array([0.0, 1e6]), 100, 1)


def test_suggested_radius_follows_arcgis_rule():
    x = np.array([0.0, 1000.0, 0.0, 1000.0])
    y = np.array([0.0, 0.0, 1000.0, 1000.0])
    # SD = √(500² + 500²) = 707.1; Dm = 707.1; √(1/ln 2)·Dm = 849.3; n^-0.2 = 4^-0.2
    assert suggest_radius(x, y) == pytest.approx(0.9 * 707.1068 * 4**-0.2, rel=1e-5)
