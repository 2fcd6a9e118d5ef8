"""Who covers this place: what the locator bar and the map tool ask the cache.

``parse_coordinates`` reads WGS84 ("52.23 21.01", "21.01,52.23", "52,23 21,01") and
PL-1992 ("x y" in metres; both axis orders are offered when both fall in Poland).
``search`` answers a report id, a district name, an officer's name or coordinates with
places (extent in EPSG:4326) and, for a point, the district covering it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsPointXY,
)

from ..i18n import tr
from .cache import Cache
from .district_locate import DistrictIndex, point_xy
from .district_summary import officer

WGS84 = "EPSG:4326"
PL_1992 = "EPSG:2180"
_LAT, _LON = (48.9, 55.0), (14.0, 24.2)  # Poland, with a margin
_EASTING, _NORTHING = (140_000, 880_000), (120_000, 790_000)  # PL-1992 over Poland
_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_PAIR = re.compile(rf"^\s*({_NUMBER})\s*(?:[,;]\s*|\s+)({_NUMBER})\s*$")
_COMMA_PAIR = re.compile(r"^\s*([-+]?\d+,\d+)\s*[;\s]\s*([-+]?\d+,\d+)\s*$")
_REPORT_ID = re.compile(r"^\s*#?(\d{1,12})\s*$")


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    crs: str  # authid

    def wgs84(self) -> tuple[float, float]:
        if self.crs == WGS84:
            return self.x, self.y
        transform = QgsCoordinateTransform(
            QgsCoordinateReferenceSystem(self.crs),
            QgsCoordinateReferenceSystem(WGS84),
            QgsCoordinateTransformContext(),
        )
        point = transform.transform(QgsPointXY(self.x, self.y))
        return point.x(), point.y()


@dataclass(frozen=True)
class Place:
    kind: str  # report | district | officer | point
    label: str
    detail: str
    extent: tuple[float, float, float, float]  # xmin, ymin, xmax, ymax in EPSG:4326
    ident: int | None = None  # report or district id


def _inside(value: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= value <= bounds[1]


def parse_coordinates(text: str) -> list[Point]:
    """Candidate points for a typed pair of numbers; [] when it is not one."""
    match = _PAIR.match(text) or _COMMA_PAIR.match(text)
    if not match:
        return []
    a, b = (float(v.replace(",", ".")) for v in match.groups())
    if _inside(a, _LAT) and _inside(b, _LON):
        return [Point(b, a, WGS84)]  # lat lon, as people say it
    if _inside(a, _LON) and _inside(b, _LAT):
        return [Point(a, b, WGS84)]  # lon, lat as GIS writes it
    if abs(a) <= 90 and abs(b) <= 180:
        return [Point(b, a, WGS84)]
    if abs(a) <= 180 and abs(b) <= 90:
        return [Point(a, b, WGS84)]
    out = []
    if _inside(a, _EASTING) and _inside(b, _NORTHING):
        out.append(Point(a, b, PL_1992))  # easting northing (GIS order)
    if _inside(b, _EASTING) and _inside(a, _NORTHING) and a != b:
        out.append(Point(b, a, PL_1992))  # geodetic order: x is the northing
    return out


def report_id(text: str) -> int | None:
    match = _REPORT_ID.match(text)
    return int(match.group(1)) if match else None


def covering(cache: Cache, lon: float, lat: float) -> dict | None:
    """The cached district covering a WGS84 point, with its officer's contact."""
    fid = DistrictIndex(cache).locate(lon, lat)
    return None if fid is None else cache.district_contact(fid)


def describe(district: dict | None) -> str:
    """Plain text: 'Rejon 3 (KMP X) — asp. Jan Nowak, tel. …, e-mail …'."""
    if district is None:
        return tr("Outside every district in the local cache.")
    text = district["name"] or ""
    if district.get("unit_name"):
        text += f" ({district['unit_name']})"
    who = officer(district.get("officer_rank"), district.get("officer_name"))
    contact = [who] if who else []
    if district.get("phone"):
        contact.append(tr("phone {}").format(district["phone"]))
    if district.get("email"):
        contact.append(tr("e-mail {}").format(district["email"]))
    return text + (" — " + ", ".join(contact) if contact else "")


def search(cache: Cache, text: str, limit: int = 20) -> list[Place]:
    """Places matching what was typed: coordinates, a report id, district or officer names."""
    text = text.strip()
    if len(text) < 2 and report_id(text) is None:
        return []
    out: list[Place] = []
    for point in parse_coordinates(text):
        lon, lat = point.wgs84()
        label = f"{point.crs} {point.x:.6f}, {point.y:.6f}"
        out.append(Place("point", label, describe(covering(cache, lon, lat)), (lon, lat, lon, lat)))
    if out:
        return out
    number = report_id(text)
    if number is not None:
        row = cache.report_point(number)
        xy = point_xy(row[0]) if row is not None else None
        if row is not None and xy is not None:
            x, y = xy
            out.append(
                Place(
                    "report",
                    tr("Report {}").format(number),
                    f"{row[1]} — {row[2]}",
                    (x, y, x, y),
                    number,
                )
            )
    return out + _districts_matching(cache, text, limit)


def _districts_matching(cache: Cache, text: str, limit: int) -> list[Place]:
    needle = text.casefold()
    out = []
    for fid, name, rank, person, unit, *box in cache.district_boxes():
        who = officer(rank, person)
        if needle in (name or "").casefold():
            out.append(Place("district", name, who or (unit or ""), tuple(box), fid))
        elif needle in (person or "").casefold():
            out.append(Place("officer", who, name or "", tuple(box), fid))
        if len(out) >= limit:
            break
    return out
