"""SQL on the cache's tables lives only in core/cache/: every other plugin module reads and
writes through Cache (issue #17 point 2)."""

import ast
import re
import sqlite3
from pathlib import Path

import pytest

from kmzb_qgis_plugin.core import cache as cache_package
from kmzb_qgis_plugin.core.cache import Cache

PLUGIN = Path(__file__).parents[2] / "kmzb_qgis_plugin"
CACHE_PACKAGE = PLUGIN / "core" / "cache"
DB_CALLS = {"execute", "executemany", "executescript", "ExecuteSQL", "db"}  # cache.db: its sqlite3


@pytest.fixture(scope="module")
def cache_tables(tmp_path_factory) -> set[str]:
    """Every table a new cache holds (GDAL's, the R-trees', ours), as the cache made it."""
    cache = Cache(tmp_path_factory.mktemp("cache") / "c.gpkg")
    cache.close()
    db = sqlite3.connect(str(cache.path))
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    db.close()
    return names


def sql_pattern(tables: set[str]) -> re.Pattern:
    """A statement naming a cache table, literally or through the cache's constant for it
    in an f-string ({REPORTS}, {DISTRICTS_RTREE}, ...)."""
    constants = {
        name
        for name, value in vars(cache_package).items()
        if name.isupper() and isinstance(value, str) and value in tables
    }
    names = [re.escape(t) for t in tables] + [re.escape("{" + c + "}") for c in constants]
    return re.compile(rf"""\b(FROM|JOIN|INTO|UPDATE|TABLE)\s+["']?({"|".join(names)})(\W|$)""")


def strings(tree: ast.AST):
    """(line, text) of every string literal and f-string (placeholders as {expression})."""
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(
                part.value
                if isinstance(part, ast.Constant)
                else "{" + ast.unparse(part.value) + "}"
                for part in node.values
            )
            yield node.lineno, text
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def offences(source: str, pattern: re.Pattern) -> list[str]:
    tree = ast.parse(source)
    found = [f"{n}: SQL {text.strip()[:80]!r}" for n, text in strings(tree) if pattern.search(text)]
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in DB_CALLS:
            found.append(f"{node.lineno}: database call .{node.attr}")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            modules = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            if "sqlite3" in modules:
                found.append(f"{node.lineno}: imports sqlite3")
    return found


def test_the_scan_sees_sql_on_cache_tables(cache_tables):
    """The detector itself: each way of writing such SQL is caught, a layer URI is not."""
    pattern = sql_pattern(cache_tables)
    assert {"reports", "districts", "kmzb_outbox", "kmzb_state", "kmzb_seen"} <= cache_tables
    bad = {
        'c.db.execute(f"SELECT fid FROM {REPORTS} WHERE x")': 3,  # f-string, .db, .execute
        'sql = "UPDATE kmzb_outbox SET state=? WHERE op_id=?"': 1,
        "q = f'DELETE FROM \"{DISTRICTS_RTREE}\"'": 1,
        'x = "a JOIN districts d ON d.fid = r.district_id"': 1,
        "import sqlite3": 1,
    }
    for source, count in bad.items():
        assert len(offences(source, pattern)) == count, source
    good = 'uri = f"{path}|layername={REPORTS}"\nsubset = \'"district_id" IN (1, 2)\''
    assert offences(good, pattern) == []


def test_no_module_outside_the_cache_runs_sql_on_its_tables(cache_tables):
    pattern = sql_pattern(cache_tables)
    found = [
        f"{path.relative_to(PLUGIN)}:{offence}"
        for path in sorted(PLUGIN.rglob("*.py"))
        if CACHE_PACKAGE not in path.parents
        for offence in offences(path.read_text(encoding="utf-8"), pattern)
    ]
    assert found == []
