"""Core tests need no QgsApplication; they share a catalogue document like the store's."""

from __future__ import annotations

import pytest

from kmzb_store import catalogue


def meta_document() -> dict:
    """A /meta document built from the store's own catalogue module (no HTTP needed)."""
    return {
        "api_version": "1",
        "server_version": "test",
        "categories": [
            {"code": c.code, "name_pl": c.name_pl, "name_en": c.name_en, "active": c.active}
            for c in catalogue.CATEGORIES
        ],
        "statuses": [
            {
                "code": s.code,
                "name_pl": s.name_pl,
                "name_en": s.name_en,
                "color": s.color,
                "final": s.final,
                "note_required": s.note_required,
            }
            for s in catalogue.STATUSES
        ],
        "transitions": [{"from": a, "to": b} for a, b in catalogue.TRANSITIONS],
        "deadlines": {"take_up_hours": 48, "verify_hours": 120},
    }


@pytest.fixture
def meta_doc() -> dict:
    return meta_document()
