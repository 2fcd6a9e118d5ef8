"""Kernel density of reports as a raster: the quartic (biweight) kernel that QGIS's heat
map and ArcGIS's Kernel Density use, in reports per km²."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.signal import fftconvolve

from ...i18n import tr
from ..errors import AnalysisError
from .steps import Steps

MAX_PIXELS = 25_000_000


@dataclass
class Density:
    xmin: float
    ymax: float
    pixel: float
    values: np.ndarray  # (rows, cols), row 0 at the top, reports per km²


def quartic(distance: np.ndarray, radius: float) -> np.ndarray:
    """The quartic kernel per m²: 3/(πr²)·(1−d²/r²)² inside the radius, 0 outside."""
    inside = np.clip(1 - (np.asarray(distance) / radius) ** 2, 0, None)
    return 3 / (math.pi * radius**2) * inside**2


def suggest_radius(x: np.ndarray, y: np.ndarray) -> float:
    """ArcGIS's default search radius: 0.9·min(SD, √(1/ln 2)·Dm)·n^−0.2 (SD the standard
    distance, Dm the median distance to the mean centre)."""
    dx, dy = x - x.mean(), y - y.mean()
    sd = math.sqrt(float((dx**2).mean() + (dy**2).mean()))
    dm = float(np.median(np.hypot(dx, dy)))
    radius = 0.9 * min(sd, math.sqrt(1 / math.log(2)) * dm) * len(x) ** -0.2
    return max(radius, 50.0)


def suggest_pixel(x: np.ndarray, y: np.ndarray, radius: float) -> float:
    """ArcGIS's default: the shorter side of the extent divided by 250."""
    side = min(float(np.ptp(x)), float(np.ptp(y))) + 2 * radius
    return max(side / 250, 1.0)


def kernel_density(
    x: np.ndarray, y: np.ndarray, radius: float, pixel: float, steps: Steps | None = None
) -> Density:
    """Each report binned to its pixel's centre, then spread by the quartic kernel."""
    steps = steps or Steps()
    if not (radius > 0 and pixel > 0):
        raise AnalysisError(tr("The radius and the pixel size must be positive, in metres."))
    if pixel > radius:
        raise AnalysisError(
            tr("The pixel size ({:.0f} m) must not exceed the radius ({:.0f} m).").format(
                pixel, radius
            )
        )
    reach = math.ceil(radius / pixel)
    xmin = math.floor((x.min() - radius) / pixel) * pixel
    ymax = math.ceil((y.max() + radius) / pixel) * pixel
    cols = math.ceil((x.max() + radius - xmin) / pixel) + 1
    rows = math.ceil((ymax - (y.min() - radius)) / pixel) + 1
    if cols * rows > MAX_PIXELS:
        raise AnalysisError(
            tr(
                "A pixel size of {:.0f} m is too small for this area: {:,} × {:,} pixels "
                "(at most {:,} in total)."
            ).format(pixel, cols, rows, MAX_PIXELS)
        )
    c = np.floor((x - xmin) / pixel).astype(np.int64)
    r = np.floor((ymax - y) / pixel).astype(np.int64)
    counts = np.bincount(r * cols + c, minlength=rows * cols).reshape(rows, cols).astype(float)
    steps.check(40)
    offsets = np.arange(-reach, reach + 1) * pixel
    kernel = quartic(np.hypot(*np.meshgrid(offsets, offsets)), radius) * 1e6
    values = np.clip(fftconvolve(counts, kernel, mode="same"), 0, None)
    values[values < kernel.max() * 1e-9] = 0  # FFT round-off where there is nothing
    steps.check(90)
    return Density(xmin, ymax, pixel, values)
