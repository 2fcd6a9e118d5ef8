"""kmzb:briefing on the store's known fixture: files written, layout items in place, and the
district table's numbers equal to a count made here from the fixture itself."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fixture_data import DISTRICTS, NOW, reports
from qgis.core import QgsProcessingException, QgsProject

from kmzb_qgis_plugin.core import settings
from kmzb_qgis_plugin.core.briefing import gather, resolve_scope
from kmzb_qgis_plugin.core.briefing_layout import build_layout
from kmzb_qgis_plugin.core.cache import Cache
from kmzb_qgis_plugin.core.model import Meta

UNIT = "KMP-A1"
TAKE_UP, VERIFY = timedelta(days=2), timedelta(days=5)  # the store's default deadlines
OPEN = {"nowe", "weryfikacja"}


@pytest.fixture
def pulled(store, run_algorithm, qgis_settings_dir, auth_token_config):
    """A connection of the KGP analyst with every fixture report pulled."""
    authcfg = auth_token_config(store.tokens["analityk"], "analityk")
    settings.save_connection(settings.Connection("brief", store.url, authcfg))
    run_algorithm("kmzb:pull_reports", {"CONNECTION": "brief"})
    return settings.connection("brief")


def expected(since: datetime) -> dict[str, dict[str, int]]:
    """Per district of KMP-A1, from the fixture: reports, to take up, to verify, overdue."""
    now = datetime.now(UTC)
    out = {}
    for code, (unit, _) in DISTRICTS.items():
        if unit != UNIT:
            continue
        mine = [r for r in reports() if r["district_code"] == code and r["submitted_at"] >= since]
        overdue = [
            r
            for r in mine
            if (r["status"] == "nowe" and r["submitted_at"] + TAKE_UP < now)
            or (r["status"] in OPEN and r["submitted_at"] + VERIFY < now)
        ]
        out[f"Rejon {code}"] = {
            "total": len(mine),
            "to_take_up": sum(r["status"] == "nowe" for r in mine),
            "to_verify": sum(r["status"] == "weryfikacja" for r in mine),
            "overdue": len(overdue),
        }
    return out


def test_briefing_writes_pdf_and_png(pulled, run_algorithm, tmp_path):
    since = (NOW - timedelta(days=7)).date()
    results, _ = run_algorithm(
        "kmzb:briefing",
        {
            "CONNECTION": "brief",
            "UNIT": "KMP A1",
            "FROM": since.isoformat(),
            "TO": NOW.date().isoformat(),
            "OUTPUT_PDF": str(tmp_path / "odprawa.pdf"),
            "OUTPUT_PNG": str(tmp_path / "odprawa.png"),
        },
    )
    pdf = (tmp_path / "odprawa.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = int(re.findall(rb"/Type /Pages\s*/Kids[^/]*/Count (\d+)", pdf)[-1])
    assert pages >= 1 and pages == results["PAGES"]
    png = tmp_path / "odprawa.png"
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 10_000
    want = expected(datetime.combine(since, datetime.min.time(), UTC))
    assert results["REPORTS"] == sum(d["total"] for d in want.values())


def test_layout_items_and_district_table(pulled, qgis_app):
    since = (NOW - timedelta(days=7)).date()
    cache = Cache(settings.cache_path(pulled))
    try:
        meta = Meta.from_json(json.loads(cache.get_state("meta")))
        scope = resolve_scope(cache, unit="KMP A1", since=since)
        data = gather(cache, meta, scope, author="anna.analityk", language="en")
    finally:
        cache.close()
    project = QgsProject()
    layout = build_layout(data, project, settings.cache_path(pulled), meta)
    ids = {item.id() for item in layout.items() if hasattr(item, "id")}
    for item_id in (
        "title",
        "map",
        "legend",
        "scale_bar",
        "north_arrow",
        "districts",
        "by_status",
        "top_categories",
        "overdue",
        "footer_1",
    ):
        assert item_id in ids, item_id
    assert "anna.analityk" in layout.itemById("footer_1").text()
    assert "KMP A1" in layout.itemById("title").text()

    table = layout.itemById("districts").multiFrame()
    rows = {row[0].content(): [cell.content() for cell in row] for row in table.tableContents()}
    want = expected(datetime.combine(since, datetime.min.time(), UTC))
    assert set(rows) == set(want)
    for name, counts in want.items():
        # columns: district, officer, reports, to take up, to verify, overdue, +1 share
        assert rows[name][2] == counts["total"], name
        assert rows[name][3] == counts["to_take_up"], name
        assert rows[name][4] == counts["to_verify"], name
        assert rows[name][5] == counts["overdue"], name
    overdue = layout.itemById("overdue").multiFrame().tableContents()
    assert len(overdue) == sum(c["overdue"] for c in want.values())
    top = layout.itemById("top_categories").multiFrame().tableContents()
    start = datetime.combine(since, datetime.min.time(), UTC)
    categories = Counter(
        meta.category(r["category"]).name_en
        for r in reports()
        if DISTRICTS[r["district_code"]][0] == UNIT and r["submitted_at"] >= start
    )
    assert {row[0].content(): row[1].content() for row in top} == dict(categories)


def test_empty_period_is_a_clear_message(pulled, run_algorithm, tmp_path):
    with pytest.raises(QgsProcessingException, match=r"No reports for .* nothing to brief"):
        run_algorithm(
            "kmzb:briefing",
            {
                "CONNECTION": "brief",
                "FROM": "2001-01-01",
                "TO": "2001-01-31",
                "OUTPUT_PDF": str(tmp_path / "empty.pdf"),
            },
        )
    assert not (tmp_path / "empty.pdf").exists()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"FROM": "1 listopada"}, "Dates are written YYYY-MM-DD: 1 listopada"),
        ({"FROM": "2026-02-01", "TO": "2026-01-01"}, r"starts .* after it ends"),
        ({"UNIT": "KWP Nigdzie"}, "No police unit"),
        ({"DISTRICT": "D-XX"}, "No district"),
    ],
)
def test_bad_inputs_are_clear_messages(pulled, run_algorithm, tmp_path, params, message):
    with pytest.raises(QgsProcessingException, match=message):
        run_algorithm(
            "kmzb:briefing",
            {"CONNECTION": "brief", "OUTPUT_PDF": str(tmp_path / "x.pdf"), **params},
        )


def test_briefing_in_polish(pulled, qgis_app):
    """With the plugin's Polish translation loaded, the paper speaks Polish."""
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    import i18n

    i18n.compile_qm()
    translator = QTranslator()
    assert translator.load(str(i18n.I18N / "kmzb_pl.qm"))
    QCoreApplication.installTranslator(translator)
    cache = Cache(settings.cache_path(pulled))
    try:
        meta = Meta.from_json(json.loads(cache.get_state("meta")))
        data = gather(cache, meta, resolve_scope(cache, district="D-A1-1"), language="pl")
        layout = build_layout(data, QgsProject(), settings.cache_path(pulled), meta)
    finally:
        cache.close()
        QCoreApplication.removeTranslator(translator)
    assert layout.itemById("title").text() == "Odprawa KMZB — Rejon D-A1-1"
    assert layout.itemById("legend").title() == "Legenda"
    statuses = [
        row[0].content() for row in layout.itemById("by_status").multiFrame().tableContents()
    ]
    assert "nowe" in statuses


def test_no_unit_means_the_pulled_area(store, run_algorithm, qgis_settings_dir, auth_token_config):
    """A dzielnicowy of KMP-A1 pulls the reports of KMP-A1 and its station: the briefing
    without a unit covers those districts, not every district of the country."""
    authcfg = auth_token_config(store.tokens["dzielnicowy"], "dzielnicowy")
    settings.save_connection(settings.Connection("officer", store.url, authcfg))
    run_algorithm("kmzb:pull_reports", {"CONNECTION": "officer"})
    cache = Cache(settings.cache_path(settings.connection("officer")))
    try:
        scope = resolve_scope(cache)
        codes = {
            code
            for fid, code in cache.db.execute("SELECT fid, code FROM districts")
            if fid in scope.district_ids
        }
        assert cache.db.execute("SELECT count(*) FROM districts").fetchone()[0] == len(DISTRICTS)
    finally:
        cache.close()
    assert codes == {"D-A1-1", "D-A1-2", "D-A1a-1"}
