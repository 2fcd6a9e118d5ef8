"""Released migrations are frozen text (kmzb_store/migrations/), and a database migrated to
the latest version keeps each report's Feature and row as the live builders
(kmzb_store/report_sql.py) build them: a change of the builders needs a NEW migration."""

from __future__ import annotations

import ast
import hashlib
import json
from pathlib import Path

import pytest

from kmzb_store import migrations, schema
from kmzb_store.db import Database
from kmzb_store.report_sql import (
    ROW_COLUMNS,
    build_feature_sql,
    build_row_sql,
    feature_sql,
    row_sql,
)

NEW_MIGRATION = (
    "kmzb_store/report_sql.py builds a report's Feature or row differently from what the "
    "latest migration stores: add a NEW migration (the next free number, see "
    "kmzb_store/migrations/__init__.py) that replaces kmzb_report_feature() with the new "
    "builders' SQL and rebuilds every report's feature and row_json; never edit a released one"
)

# Released migrations, never edited: per database, the last released version and the sha256
# (first 16 hex digits) of every migration up to it (number, name and SQL as they ran).
# Releasing a new migration moves its database's line on.
RELEASED = {"sqlite": (8, "40edf37497f939e9"), "postgresql": (8, "079f68c936324f85")}


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_released_migrations_are_unchanged(dialect):
    last, digest = RELEASED[dialect]
    h = hashlib.sha256()
    for version, name, script in migrations.MIGRATIONS[dialect]:
        if version <= last:
            h.update(f"{version} {name}\n{script}\n".encode())
    assert h.hexdigest()[:16] == digest, "a released migration was edited: append one instead"


def test_migration_modules_are_plain_text():
    """Each version's module holds constants only: no import, no call, no f-string, so
    nothing in it follows live code."""
    folder = Path(migrations.__file__).parent
    modules = sorted(folder.glob("v[0-9][0-9][0-9][0-9]_*.py"))
    assert [m.__name__.rsplit(".", 1)[1] for m in migrations._VERSIONS] == [p.stem for p in modules]
    versions = []
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            assert isinstance(node, ast.Expr | ast.Assign), (path.name, ast.dump(node)[:80])
            assert isinstance(node.value, ast.Constant), (path.name, ast.dump(node)[:80])
        values = {n.targets[0].id: n.value.value for n in tree.body if isinstance(n, ast.Assign)}
        assert set(values) == {"VERSION", "NAME", "SQLITE", "POSTGRESQL"}, path.name
        assert values["VERSION"] == int(path.stem[1:5]), path.name
        assert values["SQLITE"] or values["POSTGRESQL"], path.name
        versions.append(values["VERSION"])
    assert versions == sorted(set(versions))
    for scripts in migrations.MIGRATIONS.values():
        assert [v for v, _, _ in scripts] == sorted(v for v, _, _ in scripts)


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_the_loaders_schema_is_what_the_migrations_made(dialect):
    """What the bulk loader drops and rebuilds (kmzb_store/schema.py) is, statement for
    statement, what the migrations created."""
    text = "\n".join(script for _, _, script in migrations.MIGRATIONS[dialect])
    statements = list(schema.REPORT_INDEXES[dialect].values())
    if dialect == "sqlite":
        statements += [schema.REPORT_RTREE_FILL, *schema.REPORT_RTREE_TRIGGERS.values()]
    for sql in statements:
        assert sql in text, sql
    kinds = ", ".join(f"'{k}'" for k in schema.UNIT_KINDS)
    assert f"CHECK (kind IN ({kinds}))" in text


def test_the_latest_trigger_runs_the_live_builders():
    """PostgreSQL's trigger, as the latest migration that sets it, builds what the live
    builders build (checked on the text, whichever database this run uses)."""
    scripts = [s for _, _, s in migrations.MIGRATIONS["postgresql"] if "kmzb_report_feature()" in s]
    latest = scripts[-1]
    assert f"NEW.feature := {build_feature_sql('postgresql', 'NEW')};" in latest, NEW_MIGRATION
    assert f"NEW.row_json := {build_row_sql('postgresql', 'NEW')};" in latest, NEW_MIGRATION


def test_a_migrated_database_keeps_what_the_live_builders_build(store):
    """Every report of the store (migrated to the latest version by ``init``) has as Feature
    and row what report_sql's builders make of it now: on PostgreSQL the stored texts, on
    SQLite the builders run over the migrated tables."""
    db = Database(store.server.db_url)
    d = db.dialect
    try:
        with db.read() as conn:
            assert max(migrations.applied_versions(conn)) == migrations.latest_version(d)
            rows = conn.all(
                f"SELECT {feature_sql(d)}, {row_sql(d)}, {build_feature_sql(d)}, "
                f"{build_row_sql(d)} FROM reports r ORDER BY r.id"
            )
    finally:
        db.close()
    assert rows
    for kept_feature, kept_row, feature, row in rows:
        assert (kept_feature, kept_row) == (feature, row), NEW_MIGRATION
        assert list(json.loads(feature)["properties"]) == list(ROW_COLUMNS[3:])
        assert len(json.loads(row)) == len(ROW_COLUMNS)
