"""The demo police units: KGP, the provincial HQs (KWP/KSP), a city or county HQ (KMP/KPP) per
town and Warsaw's seven district HQs (KRP)."""

from __future__ import annotations

from .geography import CITY_PARTS, VOIVODESHIPS, WARSAW, WARSAW_KRP, Town
from .grammar import ascii_code, w_locative

_KMP_MIN_POPULATION = 55000  # towns at least this big get a city HQ (KMP), others a KPP


def build_units(towns: list[Town]) -> tuple[list[dict], dict[str, tuple[float, float]]]:
    """The unit tree (KGP first, parents before children) and each unit's seat (lon, lat)."""
    units = [{"code": "KGP", "name": "Komenda Główna Policji", "kind": "KGP", "parent_code": None}]
    seats: dict[str, tuple[float, float]] = {}
    by_name = {t.name: t for t in towns}
    all_prov = {}
    for _fips, (seat, _mail, _phone) in sorted(VOIVODESHIPS.items()):
        all_prov["KWP-" + ascii_code(seat)] = seat
    all_prov["KSP"] = WARSAW
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
        if t.name == WARSAW:
            t.kind, t.unit_code = "KRP", ""
            for roman, part_names in WARSAW_KRP.items():
                code = f"KRP-WARSZAWA-{roman}"
                units.append(
                    {
                        "code": code,
                        "name": f"Komenda Rejonowa Policji Warszawa {roman}",
                        "kind": "KRP",
                        "parent_code": "KSP",
                    }
                )
                first = CITY_PARTS[part_names[0]][1]
                part = next((p for p in t.parts if p[0] == first), None)
                seats[code] = (part[1], part[2]) if part else (t.lon, t.lat)
            continue
        seat_of_kwp = VOIVODESHIPS[t.fips][0] == t.name
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
