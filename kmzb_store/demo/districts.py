"""The demo dzielnicowy districts: Voronoi cells around each town (dense core, rural ring),
clipped to its voivodeship, named and staffed with an officer."""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from .geography import (
    CITY_PARTS,
    KSP_MAIL,
    KSP_PHONE,
    VOIVODESHIPS,
    WARSAW,
    WARSAW_KRP,
    Town,
    distance_km,
    km_to_deg,
)
from .grammar import ascii_lower, feminine
from .texts import DIRECTIONS, FEMALE_FIRST, MALE_FIRST, RANK_P, RANKS, SURNAMES

_VORONOI_XSCALE = math.cos(math.radians(52.0))  # lon is scaled by this for Voronoi cells


def _sample_seeds(rng: np.random.Generator, town: Town, n: int, region: BaseGeometry) -> np.ndarray:
    """Seed points (lon, lat) for a town's districts: dense core, sparser rural ring."""
    kx, ky = km_to_deg(town.lat)
    r, outer = town.radius_km, town.outer_km
    n_core = max(1, round(0.72 * n))
    centres = [
        (
            town.lon,
            town.lat,
            max(town.population - sum(p[3] for p in town.parts), town.population // 3),
            0.45 * r,
        )
    ]
    centres += [
        (p[1], p[2], p[3], 0.25 * (0.35 * math.sqrt(p[3] / 1000.0) + 1.5)) for p in town.parts
    ]
    w = np.array([c[2] for c in centres], dtype=float)
    out = np.empty((0, 2))
    prepared = shapely.prepare(region) or region
    for _ in range(30):
        need = n - len(out)
        if need <= 0:
            break
        m = 2 * need + 4
        core_need = max(0, n_core - int(np.sum(_within_km(out, town, kx, ky, r))))
        is_core = np.arange(m) < 2 * core_need
        which = rng.choice(len(centres), size=m, p=w / w.sum())
        cx = np.array([c[0] for c in centres])[which]
        cy = np.array([c[1] for c in centres])[which]
        sd = np.array([c[3] for c in centres])[which]
        gx, gy = rng.normal(0, 1, m) * sd, rng.normal(0, 1, m) * sd
        ang = rng.uniform(0, 2 * math.pi, m)
        rad = np.sqrt(rng.uniform(0, 1, m) * (outer**2 - r**2) + r**2)
        dx = np.where(is_core, gx, rad * np.cos(ang))
        dy = np.where(is_core, gy, rad * np.sin(ang))
        lon = np.where(is_core, cx, town.lon) + dx * kx
        lat = np.where(is_core, cy, town.lat) + dy * ky
        ok = shapely.contains_xy(prepared, lon, lat)
        cand = np.column_stack([lon[ok], lat[ok]])
        cand = np.concatenate([cand[is_core[ok]][:core_need], cand[~is_core[ok]]])
        out = np.concatenate([out, cand[:need]])
    return out


def _within_km(pts: np.ndarray, town: Town, kx: float, ky: float, r: float) -> np.ndarray:
    if len(pts) == 0:
        return np.zeros(0, dtype=bool)
    return np.hypot((pts[:, 0] - town.lon) / kx, (pts[:, 1] - town.lat) / ky) < r


def _voronoi_cells(seeds: np.ndarray, extent: BaseGeometry) -> np.ndarray:
    """Voronoi cells of seeds (lon, lat), computed in a locally isotropic plane."""
    scaled = seeds * np.array([_VORONOI_XSCALE, 1.0])
    ext = shapely.transform(extent, lambda xy: xy * np.array([_VORONOI_XSCALE, 1.0]))
    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(scaled), extend_to=ext, ordered=True)
    )
    return shapely.transform(cells, lambda xy: xy / np.array([_VORONOI_XSCALE, 1.0]))


def _largest_polygon(geom: BaseGeometry) -> BaseGeometry | None:
    polys = [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon" and not g.is_empty]
    if geom.geom_type == "GeometryCollection":
        polys = [p for g in polys for p in shapely.get_parts(g)]
    if not polys:
        return None
    best = max(polys, key=lambda g: g.area)
    if not best.is_valid:
        best = _largest_polygon(shapely.make_valid(best))
    return best


def _clipped_cells(
    seeds: np.ndarray, owner: np.ndarray, regions: list[BaseGeometry], extent: BaseGeometry
) -> list[BaseGeometry | None]:
    cells = _voronoi_cells(seeds, extent)
    clipped = shapely.intersection(cells, np.array(regions, dtype=object)[owner])
    return [_largest_polygon(g) if not g.is_empty else None for g in clipped]


def build_districts(
    rng: np.random.Generator,
    towns: list[Town],
    voivs: dict[str, BaseGeometry],
    full_scale: bool,
) -> list[dict]:
    """~800 districts (~8,000 at full scale), shared among towns by population."""
    target = 8000 if full_scale else 800
    base = 8 if full_scale else 4
    pop = np.array([t.population for t in towns], dtype=float)
    per_capita = max(0.0, (target - base * len(towns)) / pop.sum())
    counts = np.maximum(3, np.round(base + pop * per_capita)).astype(int)

    regions: list[BaseGeometry] = []
    for t in towns:
        kx, ky = km_to_deg(t.lat)
        region = shapely.intersection(_ellipse(t, kx, ky), voivs[t.fips])
        regions.append(_largest_polygon(region) or region)
    seeds_l, owner_l = [], []
    for i, t in enumerate(towns):
        s = _sample_seeds(rng, t, int(counts[i]), regions[i])
        seeds_l.append(s)
        owner_l.append(np.full(len(s), i))
    seeds = np.concatenate(seeds_l)
    owner = np.concatenate(owner_l)
    poland = shapely.union_all(list(voivs.values()))
    extent = shapely.box(*poland.buffer(1.0).bounds)
    # one Lloyd step evens out clumps of seeds while keeping the density gradient
    cells = _clipped_cells(seeds, owner, regions, extent)
    for i, c in enumerate(cells):
        if c is not None:
            p = c.point_on_surface() if not c.contains(c.centroid) else c.centroid
            seeds[i] = (0.5 * seeds[i][0] + 0.5 * p.x, 0.5 * seeds[i][1] + 0.5 * p.y)
    cells = _clipped_cells(seeds, owner, regions, extent)

    mail_names: set[str] = set()
    districts: list[dict] = []
    for ti, t in enumerate(towns):
        idx = [
            i for i in np.flatnonzero(owner == ti) if cells[i] is not None and cells[i].area > 1e-6
        ]
        kx, ky = km_to_deg(t.lat)
        info = []
        for i in idx:
            c = cells[i].centroid
            dxk, dyk = (c.x - t.lon) / kx, (c.y - t.lat) / ky
            info.append((math.hypot(dxk, dyk), i, dxk, dyk, c.x, c.y))
        info.sort()
        numbers: dict[str, int] = {}
        for dist, i, dxk, dyk, cx, cy in info:
            unit = _district_unit(t, cx, cy)
            numbers[unit] = numbers.get(unit, 0) + 1
            n = numbers[unit]
            label = _district_label(t, dist, dxk, dyk, cx, cy, kx, ky)
            districts.append(_district_record(rng, t, unit, n, label, cells[i], mail_names))
    return districts


def _ellipse(t: Town, kx: float, ky: float) -> BaseGeometry:
    circle = shapely.Point(0, 0).buffer(t.outer_km, quad_segs=16)
    return shapely.transform(circle, lambda xy: xy * np.array([kx, ky]) + np.array([t.lon, t.lat]))


def _district_unit(t: Town, x: float, y: float) -> str:
    if t.name != WARSAW:
        return t.unit_code
    return _nearest_krp(t, x, y)


def _nearest_krp(t: Town, x: float, y: float) -> str:
    best, best_d = "KRP-WARSZAWA-I", float("inf")
    for roman, names in WARSAW_KRP.items():
        for nm in names:
            label = CITY_PARTS[nm][1]
            part = next((p for p in t.parts if p[0] == label), None)
            if part is None:
                continue
            d = distance_km(x, y, part[1], part[2])
            if d < best_d:
                best, best_d = f"KRP-WARSZAWA-{roman}", d
    return best


def _district_label(
    t: Town, dist: float, dxk: float, dyk: float, x: float, y: float, kx: float, ky: float
) -> str:
    if t.parts and dist < t.radius_km:
        near = min(t.parts, key=lambda p: distance_km(x, y, p[1], p[2]))
        if distance_km(x, y, near[1], near[2]) < min(dist, 5.0):
            return f"{t.name} {near[0]}"
    if dist < 0.3 * t.radius_km:
        return f"{t.name} Centrum"
    octant = round((math.degrees(math.atan2(dxk, dyk)) % 360) / 45.0) % 8
    if dist < t.radius_km:
        return f"{t.name} {DIRECTIONS[octant]}"
    return f"{t.name}, okolice ({DIRECTIONS[octant].lower()})"


def _district_record(
    rng: np.random.Generator,
    t: Town,
    unit: str,
    n: int,
    label: str,
    geom: BaseGeometry,
    mail_names: set[str],
) -> dict:
    if t.provincial == "KSP":
        mail, phone = KSP_MAIL, KSP_PHONE
    else:
        _seat, mail, phone = VOIVODESHIPS[t.fips]
    female = rng.random() < 0.3
    first = (
        FEMALE_FIRST[rng.integers(len(FEMALE_FIRST))]
        if female
        else (MALE_FIRST[rng.integers(len(MALE_FIRST))])
    )
    surname = SURNAMES[rng.integers(len(SURNAMES))]
    if female:
        surname = feminine(surname)
    local = f"{ascii_lower(first)}.{ascii_lower(surname)}"
    k, candidate = 1, f"{local}@{mail}.policja.gov.pl"
    while candidate in mail_names:
        k += 1
        candidate = f"{local}{k}@{mail}.policja.gov.pl"
    mail_names.add(candidate)
    digits = rng.integers(0, 10, 6)
    return {
        "code": f"{unit}-R{n:03d}",
        "name": f"Rejon {n} — {label}",
        "unit_code": unit,
        "officer_name": f"{first} {surname}",
        "officer_rank": RANKS[rng.choice(len(RANKS), p=RANK_P)],
        "phone": "+48 47 {}{} {}{} {}{}".format(phone, *digits[:5].tolist()),
        "email": candidate,
        "geometry": geom,
    }
