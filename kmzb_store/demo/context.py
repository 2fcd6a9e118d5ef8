"""What the report sampler draws from: each category group's place and time profile and
the per-town arrays (centres, streets, hot spots) computed once per run."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely import STRtree
from shapely.geometry.base import BaseGeometry

from kmzb_store import catalogue

from .geography import KM_PER_DEG_LAT, KM_PER_DEG_LON_EQ, Town
from .texts import DESCRIPTION_DEFAULT, DESCRIPTIONS, SUFFIXES

# fmt: off
# group of a category code -> spatial and temporal behaviour; unknown codes use "other"
_GROUP_OF = {
    "predkosc": "traffic", "rajdy": "traffic", "organizacja_ruchu": "traffic",
    "infrastruktura": "traffic", "zwierzeta_lesne": "traffic", "przejazd_kolejowy": "traffic",
    "parkowanie": "parking",
    "alkohol": "social", "narkotyki": "social", "malolletni": "social", "wandalizm": "social",
    "zebractwo": "social", "bezdomni": "social", "rozrywka": "social",
}
_GROUPS = ("traffic", "parking", "social", "other")
# location mode shares: core (town centres), street, hot spot, scatter (wide)
_MODE_P = {
    "traffic": (0.27, 0.58, 0.07, 0.08),
    "parking": (0.60, 0.25, 0.11, 0.04),
    "social": (0.42, 0.06, 0.47, 0.05),
    "other": (0.40, 0.10, 0.08, 0.42),
}
# relative submission intensity by local hour 0..23 and by weekday Mon..Sun (max 1)
_HOURS = {
    "traffic": (1, 1, 1, 1, 1, 2, 4, 8, 10, 9, 8, 7, 7, 7, 8, 9, 10, 9, 7, 5, 4, 3, 2, 1),
    "parking": (1, 1, 1, 1, 1, 1, 3, 7, 9, 10, 9, 8, 8, 8, 8, 8, 9, 9, 7, 5, 4, 3, 2, 1),
    "social": (5, 4, 3, 2, 1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9, 10, 10, 9, 7),
    "other": (1, 1, 1, 1, 1, 1, 2, 4, 6, 8, 9, 10, 10, 10, 9, 9, 8, 7, 6, 5, 3, 2, 1, 1),
}
_WEEKDAYS = {
    "traffic": (1.0, 1.0, 1.0, 1.0, 1.0, 0.75, 0.65),
    "parking": (1.0, 1.0, 1.0, 1.0, 1.0, 0.8, 0.7),
    "social": (0.55, 0.55, 0.6, 0.65, 0.9, 1.0, 0.85),
    "other": (0.8, 0.8, 0.8, 0.8, 0.85, 1.0, 1.0),
}
TIME_OF_DAY = ("rano", "dzien", "wieczor", "noc")
_TOD_P = {
    "traffic": (0.35, 0.4, 0.2, 0.05),
    "parking": (0.3, 0.5, 0.15, 0.05),
    "social": (0.03, 0.17, 0.45, 0.35),
    "other": (0.2, 0.5, 0.2, 0.1),
}
_DAYS_PATTERNS = {
    "traffic": ("pn,wt,sr,cz,pt", "pn,pt", "sb,nd", "pn,wt,sr,cz,pt,sb,nd"),
    "parking": ("pn,wt,sr,cz,pt", "pn,wt,sr,cz,pt,sb,nd", "sb,nd", "nd"),
    "social": ("pt,sb", "sb,nd", "pt,sb,nd", "pn,wt,sr,cz,pt,sb,nd"),
    "other": ("sb,nd", "pn,wt,sr,cz,pt", "nd", "pn,wt,sr,cz,pt,sb,nd"),
}
# fmt: on


@dataclass
class ReportContext:
    """Arrays the sampler indexes per town, group and category (built by report_context)."""

    town_p: np.ndarray
    town_lon: np.ndarray
    town_lat: np.ndarray
    kx: np.ndarray
    ky: np.ndarray
    radius: np.ndarray
    cc_lon: np.ndarray  # [T, K] core centres (town centre + city parts)
    cc_lat: np.ndarray
    cc_sd: np.ndarray
    cc_cum: np.ndarray
    st_lon: np.ndarray  # [T, S] streets: a point, a unit direction (km), a half length
    st_lat: np.ndarray
    st_dx: np.ndarray
    st_dy: np.ndarray
    st_len: np.ndarray
    st_n: np.ndarray
    hs_lon: np.ndarray  # [T, H] hot spots
    hs_lat: np.ndarray
    hs_n: np.ndarray
    tree: STRtree
    district_code: np.ndarray
    district_unit: np.ndarray
    poland: BaseGeometry
    seat_lon: np.ndarray
    seat_lat: np.ndarray
    seat_code: np.ndarray
    cat_codes: list[str]
    cat_p: np.ndarray
    cat_group: np.ndarray
    cat_confirm: np.ndarray
    mode_cum: np.ndarray  # [G, 3]
    hour_w: np.ndarray  # [G, 24]
    weekday_w: np.ndarray  # [G, 7]
    tod_cum: np.ndarray  # [G, 3]
    descriptions: list[list[str]]  # per category: templates x suffixes
    days_patterns: list[tuple[str, ...]]  # per group


def report_context(
    rng: np.random.Generator,
    towns: list[Town],
    districts: list[dict],
    units: list[dict],
    seats: dict[str, tuple[float, float]],
    voivs: dict[str, BaseGeometry],
) -> ReportContext:
    """Everything the report chunks draw from, computed once for a run's towns and districts."""
    nt = len(towns)
    pop = np.array([t.population for t in towns], dtype=float)
    lon = np.array([t.lon for t in towns])
    lat = np.array([t.lat for t in towns])
    kx = 1.0 / (KM_PER_DEG_LON_EQ * np.cos(np.radians(lat)))
    ky = np.full(nt, 1.0 / KM_PER_DEG_LAT)
    radius = np.array([t.radius_km for t in towns])

    k = 1 + max(len(t.parts) for t in towns)
    cc_lon, cc_lat = np.tile(lon[:, None], (1, k)), np.tile(lat[:, None], (1, k))
    cc_sd, cc_cum = np.ones((nt, k)), np.ones((nt, k))
    for i, t in enumerate(towns):
        w = [max(t.population - sum(p[3] for p in t.parts), t.population // 3)]
        w += [p[3] for p in t.parts]
        cc_sd[i, 0] = 0.45 * t.radius_km
        for j, p in enumerate(t.parts, start=1):
            cc_lon[i, j], cc_lat[i, j] = p[1], p[2]
            cc_sd[i, j] = 0.3 * (0.35 * math.sqrt(p[3] / 1000.0) + 1.5)
        cc_cum[i, : len(w)] = np.cumsum(w) / np.sum(w)

    sizes = np.clip(2 + np.log2(pop / 15000.0), 2, 8).astype(int)
    s_max = int(sizes.max())
    ang = rng.uniform(0, math.pi, (nt, s_max))
    off = rng.normal(0, 1, (nt, s_max, 2)) * (0.25 * radius)[:, None, None]
    st_lon = lon[:, None] + off[:, :, 0] * kx[:, None]
    st_lat = lat[:, None] + off[:, :, 1] * ky[:, None]
    st_len = (1.1 * radius)[:, None] * rng.uniform(0.6, 1.2, (nt, s_max))
    h_sizes = np.clip(2 + 1.5 * np.log2(pop / 15000.0), 2, 14).astype(int)
    h_max = int(h_sizes.max())
    hoff = rng.normal(0, 1, (nt, h_max, 2)) * (0.4 * radius)[:, None, None]
    hs_lon = lon[:, None] + hoff[:, :, 0] * kx[:, None]
    hs_lat = lat[:, None] + hoff[:, :, 1] * ky[:, None]

    kinds = {u["code"]: u["kind"] for u in units}
    seat_codes = [c for c in sorted(seats) if kinds.get(c) in ("KMP", "KPP", "KRP")]
    cats = [c for c in catalogue.CATEGORIES if c.active]
    weights = np.array([c.weight for c in cats])
    group_index = {g: i for i, g in enumerate(_GROUPS)}
    descriptions = []
    for c in cats:
        base = DESCRIPTIONS.get(c.code, DESCRIPTION_DEFAULT)
        descriptions.append([b + s for b in base for s in SUFFIXES])

    def cum(table: dict[str, tuple[float, ...]]) -> np.ndarray:
        rows = np.array([table[g] for g in _GROUPS], dtype=float)
        return np.cumsum(rows / rows.sum(axis=1, keepdims=True), axis=1)[:, :-1]

    hours = np.array([_HOURS[g] for g in _GROUPS], dtype=float)
    poland = shapely.union_all(list(voivs.values()))
    shapely.prepare(poland)
    return ReportContext(
        town_p=pop / pop.sum(),
        town_lon=lon,
        town_lat=lat,
        kx=kx,
        ky=ky,
        radius=radius,
        cc_lon=cc_lon,
        cc_lat=cc_lat,
        cc_sd=cc_sd,
        cc_cum=cc_cum,
        st_lon=st_lon,
        st_lat=st_lat,
        st_dx=np.cos(ang),
        st_dy=np.sin(ang),
        st_len=st_len,
        st_n=sizes,
        hs_lon=hs_lon,
        hs_lat=hs_lat,
        hs_n=h_sizes,
        tree=STRtree([d["geometry"] for d in districts]),
        district_code=np.array([d["code"] for d in districts] + [None], dtype=object),
        district_unit=np.array([d["unit_code"] for d in districts] + [None], dtype=object),
        poland=poland,
        seat_lon=np.array([seats[c][0] for c in seat_codes]),
        seat_lat=np.array([seats[c][1] for c in seat_codes]),
        seat_code=np.array(seat_codes, dtype=object),
        cat_codes=[c.code for c in cats],
        cat_p=weights / weights.sum(),
        cat_group=np.array([group_index[_GROUP_OF.get(c.code, "other")] for c in cats]),
        cat_confirm=np.array([c.confirm_rate for c in cats]),
        mode_cum=cum(_MODE_P),
        hour_w=hours / hours.max(axis=1, keepdims=True),
        weekday_w=np.array([_WEEKDAYS[g] for g in _GROUPS], dtype=float),
        tod_cum=cum(_TOD_P),
        descriptions=descriptions,
        days_patterns=[_DAYS_PATTERNS[g] for g in _GROUPS],
    )
