"""The catalogue the store owns: categories, statuses, colours, transitions, deadlines.

The plugin never hard-codes any of this; it reads it from ``GET /api/v1/meta``.
"""

from __future__ import annotations

from dataclasses import Field, dataclass, field, fields
from typing import Any

DEMO_ONLY = {"demo": True}  # field metadata: used by the demo-data generator, not served


@dataclass(frozen=True)
class Category:
    code: str
    name_pl: str
    name_en: str
    # share of reports in the demo data (speeding, parking, alcohol ~70 %)
    weight: float = field(metadata=DEMO_ONLY)
    # share confirmed after verification in the demo data
    confirm_rate: float = field(metadata=DEMO_ONLY)
    active: bool = True  # false: in the 2020 catalogue, dropped from 2022


CATEGORIES: tuple[Category, ...] = (
    Category("parkowanie", "nieprawidłowe parkowanie", "illegal parking", 0.27, 0.55),
    Category("predkosc", "przekraczanie dozwolonej prędkości", "speeding", 0.30, 0.50),
    Category(
        "infrastruktura",
        "niewłaściwa infrastruktura drogowa",
        "poor road infrastructure",
        0.03,
        0.60,
    ),
    Category("wody", "miejsca niebezpieczne na wodach", "dangerous places on water", 0.004, 0.45),
    Category("rajdy", "nielegalne rajdy samochodowe", "illegal car racing", 0.025, 0.35),
    Category("wandalizm", "akty wandalizmu", "vandalism", 0.02, 0.55),
    Category("wysypiska", "dzikie wysypiska śmieci", "illegal dumping", 0.02, 0.70),
    Category("quady", "poruszanie się po terenach leśnych quadami", "quads in forests", 0.01, 0.40),
    Category(
        "alkohol",
        "spożywanie alkoholu w miejscach niedozwolonych",
        "drinking in public places",
        0.13,
        0.50,
    ),
    Category(
        "organizacja_ruchu",
        "zła organizacja ruchu drogowego",
        "poor traffic organisation",
        0.02,
        0.50,
    ),
    Category(
        "malolletni",
        "grupowanie się małoletnich zagrożonych demoralizacją",
        "groups of minors at risk",
        0.02,
        0.40,
    ),
    Category("psy", "wałęsające się bezpańskie psy", "stray dogs", 0.01, 0.50),
    Category("wypalanie_traw", "wypalanie traw", "grass burning", 0.005, 0.50, False),
    Category(
        "zwierzeta_lesne",
        "zdarzenia drogowe z udziałem zwierząt leśnych",
        "road accidents with wild animals",
        0.005,
        0.45,
    ),
    Category(
        "przejscie_tory",
        "niestrzeżone przejście przez tory",
        "unguarded track crossing",
        0.004,
        0.50,
    ),
    Category("zebractwo", "żebractwo", "begging", 0.006, 0.45),
    Category(
        "bezdomni",
        "osoba bezdomna wymagająca pomocy",
        "homeless person in need of help",
        0.008,
        0.60,
    ),
    Category("kapieliska", "dzikie kąpieliska", "unofficial bathing sites", 0.003, 0.50),
    Category("zielen", "niszczenie zieleni", "destruction of greenery", 0.005, 0.50),
    Category(
        "rozrywka",
        "miejsce niebezpiecznej działalności rozrywkowej",
        "dangerous entertainment venue",
        0.003,
        0.40,
        False,
    ),
    Category(
        "przejazd_kolejowy",
        "niestrzeżony przejazd kolejowy",
        "unguarded level crossing",
        0.002,
        0.50,
        False,
    ),
    Category("wycinka", "nielegalna wycinka drzew", "illegal tree felling", 0.004, 0.50),
    Category("narkotyki", "używanie środków odurzających", "drug use", 0.02, 0.40),
    Category("klusownictwo", "kłusownictwo", "poaching", 0.002, 0.40),
    Category("znecanie_zwierzeta", "znęcanie się nad zwierzętami", "animal cruelty", 0.005, 0.45),
    Category("utoniecia", "utonięcia", "drownings", 0.001, 0.40, False),
    Category("inne_2020", "inne (katalog 2020)", "other (2020 catalogue)", 0.001, 0.30, False),
)


@dataclass(frozen=True)
class Status:
    code: str
    name_pl: str
    name_en: str
    color: str
    final: bool
    note_required: bool


STATUSES: tuple[Status, ...] = (
    Status("nowe", "nowe", "new", "#2e9d3a", False, False),
    Status("weryfikacja", "weryfikacja", "under verification", "#f2c500", False, False),
    Status("potwierdzone", "potwierdzone", "confirmed", "#d7191c", False, True),
    Status("niepotwierdzone", "niepotwierdzone", "not confirmed", "#8c8c8c", True, True),
    Status("zart_pomylka", "żart lub pomyłka", "joke or mistake", "#5b5b5b", True, True),
    Status(
        "wyeliminowane",
        "potwierdzone (wyeliminowane)",
        "confirmed (eliminated)",
        "#2b6cb0",
        True,
        True,
    ),
    Status(
        "przekazane",
        "przekazane poza Policję",
        "handed to another institution",
        "#8e44ad",
        True,
        True,
    ),
)

TRANSITIONS: tuple[tuple[str, str], ...] = (
    ("nowe", "weryfikacja"),
    ("nowe", "potwierdzone"),
    ("nowe", "niepotwierdzone"),
    ("nowe", "zart_pomylka"),
    ("weryfikacja", "potwierdzone"),
    ("weryfikacja", "niepotwierdzone"),
    ("weryfikacja", "zart_pomylka"),
    ("potwierdzone", "wyeliminowane"),
    ("potwierdzone", "przekazane"),
)

NEW_STATUS = STATUSES[0].code  # where every report starts; no transition leads back to it

TAKE_UP_HOURS = 48
VERIFY_HOURS = 120

# The outcome statuses: reaching one of these counts as "verified" for the 5-day deadline.
VERIFIED_STATUSES = frozenset(
    {"potwierdzone", "niepotwierdzone", "zart_pomylka", "wyeliminowane", "przekazane"}
)

CATEGORY_CODES = frozenset(c.code for c in CATEGORIES)
STATUS_CODES = frozenset(s.code for s in STATUSES)
STATUS_BY_CODE = {s.code: s for s in STATUSES}


def transition_allowed(from_status: str, to_status: str) -> bool:
    """True when the catalogue allows moving a report from one status to the other."""
    return (from_status, to_status) in TRANSITIONS


@dataclass(frozen=True)
class Source:
    """Where a report came from: a resident (public intake) or the police's own channels."""

    code: str
    name_pl: str
    name_en: str
    police: bool  # true: an officer adds it from QGIS (POST /api/v1/reports)


CITIZEN_SOURCE = "obywatel"
SOURCES: tuple[Source, ...] = (
    Source(CITIZEN_SOURCE, "zgłoszenie obywatela", "citizen's report", False),
    Source("debata_spoleczna", "debata społeczna", "public debate", True),
    Source("spotkanie", "spotkanie", "meeting", True),
    Source("obserwacja_wlasna", "obserwacja własna", "own observation", True),
    Source("systemy_policyjne", "systemy policyjne", "police systems", True),
)
SOURCE_CODES = frozenset(s.code for s in SOURCES)
POLICE_SOURCE_CODES = frozenset(s.code for s in SOURCES if s.police)


def served_fields(entry_type: type) -> tuple[Field, ...]:
    """The fields of a catalogue entry type that ``GET /meta`` serves (the API's schema is
    built from these too, so each field is defined once: here)."""
    return tuple(f for f in fields(entry_type) if not f.metadata.get("demo"))


def served(entry: Any) -> dict[str, Any]:
    """One catalogue entry as ``GET /meta`` serves it."""
    return {f.name: getattr(entry, f.name) for f in served_fields(type(entry))}
