"""A small, fully known data set: a unit tree, five square districts, reports inside them."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from shapely.geometry import box

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store_server import FixtureData

UNITS = [
    {"code": "KGP", "name": "Komenda Główna Policji", "kind": "KGP", "parent_code": None},
    {"code": "KWP-A", "name": "KWP A", "kind": "KWP", "parent_code": "KGP"},
    {"code": "KMP-A1", "name": "KMP A1", "kind": "KMP", "parent_code": "KWP-A"},
    {"code": "KP-A1a", "name": "KP A1a", "kind": "KP", "parent_code": "KMP-A1"},
    {"code": "KPP-A2", "name": "KPP A2", "kind": "KPP", "parent_code": "KWP-A"},
    {"code": "KWP-B", "name": "KWP B", "kind": "KWP", "parent_code": "KGP"},
    {"code": "KMP-B1", "name": "KMP B1", "kind": "KMP", "parent_code": "KWP-B"},
    {"code": "KPP-T1", "name": "KPP T1 (moves)", "kind": "KPP", "parent_code": "KWP-B"},
    {"code": "KPP-T2", "name": "KPP T2 (moves)", "kind": "KPP", "parent_code": "KWP-B"},
]

# code -> (unit, box)
DISTRICTS = {
    "D-A1-1": ("KMP-A1", (20.00, 52.00, 20.10, 52.10)),
    "D-A1-2": ("KMP-A1", (20.10, 52.00, 20.20, 52.10)),
    "D-A1a-1": ("KP-A1a", (20.20, 52.00, 20.30, 52.10)),
    "D-A2-1": ("KPP-A2", (21.00, 52.00, 21.10, 52.10)),
    "D-B1-1": ("KMP-B1", (18.00, 50.00, 18.10, 50.10)),
    "D-T1-1": ("KPP-T1", (22.00, 50.00, 22.10, 50.10)),
    "D-T2-1": ("KPP-T2", (22.10, 50.00, 22.20, 50.10)),
}
REPORTS_PER_DISTRICT = 8
STATUSES = [
    "nowe",
    "nowe",
    "nowe",
    "weryfikacja",
    "potwierdzone",
    "nowe",
    "niepotwierdzone",
    "nowe",
]
CATEGORIES = [
    "parkowanie",
    "predkosc",
    "alkohol",
    "parkowanie",
    "wandalizm",
    "predkosc",
    "parkowanie",
    "alkohol",
]
NOW = datetime.now(UTC).replace(microsecond=0)


def district_center(code: str) -> tuple[float, float]:
    x0, y0, x1, y1 = DISTRICTS[code][1]
    return round((x0 + x1) / 2, 7), round((y0 + y1) / 2, 7)


def district_records() -> list[dict]:
    return [
        {
            "code": code,
            "name": f"Rejon {code}",
            "unit_code": unit,
            "officer_name": f"Jan Kowalski {code}",
            "officer_rank": "asp.",
            "phone": "+48 47 000 00 00",
            "email": f"{code.lower()}@policja.example",
            "geometry": box(*bb),
        }
        for code, (unit, bb) in DISTRICTS.items()
    ]


def reports() -> list[dict]:
    out = []
    for code, (unit, (x0, y0, x1, y1)) in DISTRICTS.items():
        for i in range(REPORTS_PER_DISTRICT):
            status = STATUSES[i]
            sub = NOW - timedelta(days=10 - i)
            taken = sub + timedelta(hours=5) if status != "nowe" else None
            verified = (
                sub + timedelta(hours=30) if status in ("potwierdzone", "niepotwierdzone") else None
            )
            out.append(
                {
                    "category": CATEGORIES[i],
                    "lon": x0 + (x1 - x0) * (i + 1) / (REPORTS_PER_DISTRICT + 1),
                    "lat": y0 + (y1 - y0) / 2,
                    "description": f"Zgłoszenie {i} w {code}",
                    "submitted_at": sub,
                    "status": status,
                    "taken_up_at": taken,
                    "verified_at": verified,
                    "last_note": "Sprawdzone na miejscu." if verified else None,
                    "confirmations": i % 3,
                    "event_date": (sub - timedelta(days=1)).date(),
                    "event_time": None,
                    "time_of_day": "wieczor" if i % 2 else None,
                    "days_of_week": "pn,wt" if i % 3 == 0 else None,
                    "district_code": code,
                    "unit_code": unit,
                }
            )
    return out


def fixture_data() -> FixtureData:
    return FixtureData(units=UNITS, districts=district_records(), reports=reports())


def police_threat(lon: float, lat: float, source: str = "debata_spoleczna", **fields) -> dict:
    """One item of POST /reports: a threat the police learned of, with a fresh op_id."""
    import uuid

    return {
        "op_id": str(uuid.uuid4()),
        "category": "alkohol",
        "lon": lon,
        "lat": lat,
        "source": source,
        "description": "Mieszkańcy na debacie: picie pod sklepem wieczorami.",
        **fields,
    }
