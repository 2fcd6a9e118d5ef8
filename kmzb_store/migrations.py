"""Numbered schema migrations, one list per dialect, tracked in ``schema_migrations``.

A migration is applied once, in its own transaction, by ``kmzb-store init`` (which creates a
new database or upgrades an existing one). Never edit a released migration: append one.
Kept as Python strings (not .sql files) so they ship inside any wheel of the package.
"""

from __future__ import annotations

import secrets

from . import catalogue
from .db import Connection, Database
from .feed import PG_CELL, _props, build_feature_sql, build_row_sql, pg_coarse_cell

UNIT_KINDS = ("KGP", "KWP", "KSP", "KMP", "KPP", "KRP", "KP", "PP")
_KINDS_SQL = ", ".join(f"'{k}'" for k in UNIT_KINDS)

# Secondary indexes of the big tables, by name: the bulk loader drops and rebuilds them.
REPORT_INDEXES = {
    "sqlite": {
        "reports_revision": "CREATE UNIQUE INDEX reports_revision ON reports (revision)",
        "reports_unit_rev": "CREATE INDEX reports_unit_rev ON reports (unit_id, revision)",
        "reports_district": "CREATE INDEX reports_district ON reports (district_id)",
        "reports_submitted": "CREATE INDEX reports_submitted ON reports (submitted_at)",
        "report_history_report": (
            "CREATE INDEX report_history_report ON report_history (report_id, revision)"
        ),
    },
    "postgresql": {
        # covering: the feed filters (bbox, scope, status…) run as an index-only scan in
        # revision order and touch the wide rows only for the page they return
        "reports_revision": (
            "CREATE UNIQUE INDEX reports_revision ON reports (revision) INCLUDE (id, geom, "
            "deleted, unit_id, prev_unit_id, district_id, prev_district_id, created_revision, "
            "status, category, submitted_at)"
        ),
        "reports_unit_rev": "CREATE INDEX reports_unit_rev ON reports (unit_id, revision)",
        "reports_district": "CREATE INDEX reports_district ON reports (district_id)",
        "reports_submitted": "CREATE INDEX reports_submitted ON reports (submitted_at)",
        "reports_geom": "CREATE INDEX reports_geom ON reports USING gist (geom)",
        # since 0005: a bbox page merges the revision-ordered scans of its grid cells
        "reports_cell_rev": "CREATE INDEX reports_cell_rev ON reports (cell, revision)",
        # since 0006: the same over coarse cells, for bboxes of a region
        "reports_coarse_cell_rev": (
            f"CREATE INDEX reports_coarse_cell_rev ON reports ({pg_coarse_cell('cell')}, revision)"
        ),
        "report_history_report": (
            "CREATE INDEX report_history_report ON report_history (report_id, revision)"
        ),
    },
}


def _report_indexes(dialect: str, later: tuple[str, ...] = ()) -> str:
    """The reports' indexes, but those added by a later migration (``later``)."""
    return ";\n".join(
        v for k, v in REPORT_INDEXES[dialect].items() if k.startswith("reports_") and k not in later
    )


_SQLITE_REPORT_INDEXES = _report_indexes("sqlite")


def _pg_0001_feature(a: str) -> str:
    """The Feature of migration 0001 (json_build_object; 0005 made it compact)."""
    props = ", ".join(f"'{k}', {v}" for k, v in _props("postgresql", a, source=False))
    return (
        f"json_build_object('type', 'Feature', 'id', {a}.id, 'geometry', json_build_object("
        f"'type', 'Point', 'coordinates', json_build_array({a}.lon, {a}.lat)), 'properties', "
        f"json_build_object({props}))::text"
    )


_PG_FEATURE = _pg_0001_feature("NEW")
_PG_REPORT_INDEXES = _report_indexes(
    "postgresql", later=("reports_cell_rev", "reports_coarse_cell_rev")
)

_SQLITE_0001 = f"""
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ({_KINDS_SQL})),
  parent_id INTEGER REFERENCES units (id)
);
CREATE INDEX units_parent ON units (parent_id);
CREATE TABLE districts (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES units (id),
  officer_name TEXT, officer_rank TEXT, phone TEXT, email TEXT,
  geom BLOB NOT NULL,          -- WKB MultiPolygon, EPSG:4326
  geojson TEXT NOT NULL,       -- the same geometry as GeoJSON, served as is
  minx REAL NOT NULL, miny REAL NOT NULL, maxx REAL NOT NULL, maxy REAL NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX districts_unit ON districts (unit_id);
CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  revision INTEGER NOT NULL,     -- revision of the last change (global sequence)
  created_revision INTEGER NOT NULL,
  category TEXT NOT NULL,
  status TEXT NOT NULL,
  lon REAL NOT NULL CHECK (lon BETWEEN 14.0 AND 24.2),
  lat REAL NOT NULL CHECK (lat BETWEEN 49.0 AND 54.9),
  description TEXT CHECK (length(description) <= 500),
  submitted_at TEXT NOT NULL,
  event_date TEXT, event_time TEXT, time_of_day TEXT, days_of_week TEXT,
  unit_id INTEGER REFERENCES units (id),
  district_id INTEGER REFERENCES districts (id),
  prev_unit_id INTEGER,        -- the unit before the last move (tombstones for its readers)
  prev_district_id INTEGER,
  confirmations INTEGER NOT NULL DEFAULT 0,
  attachments INTEGER NOT NULL DEFAULT 0,
  take_up_due TEXT NOT NULL,
  verify_due TEXT NOT NULL,
  taken_up_at TEXT, verified_at TEXT,
  updated_at TEXT NOT NULL,
  last_note TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
);
{_SQLITE_REPORT_INDEXES};
CREATE TABLE report_history (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  at TEXT NOT NULL,
  by_user TEXT,
  from_status TEXT,
  to_status TEXT,
  note TEXT
);
{REPORT_INDEXES["sqlite"]["report_history_report"]};
CREATE TABLE attachments (
  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  n INTEGER NOT NULL,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  content BLOB NOT NULL,
  PRIMARY KEY (report_id, n)
);
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('dzielnicowy', 'kierownik', 'analityk', 'admin')),
  unit_id INTEGER REFERENCES units (id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE TABLE user_districts (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  district_id INTEGER NOT NULL REFERENCES districts (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, district_id)
);
CREATE TABLE operations (
  user_id INTEGER NOT NULL,
  op_id TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  result TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (user_id, op_id)
);
CREATE TABLE ip_submissions (ip_hmac TEXT NOT NULL, submitted_at TEXT NOT NULL);
CREATE INDEX ip_submissions_ip ON ip_submissions (ip_hmac, submitted_at);
CREATE INDEX ip_submissions_at ON ip_submissions (submitted_at)
"""

_PG_0001 = f"""
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE FUNCTION kmzb_iso(t timestamptz) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') $$;
CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE counters (name text PRIMARY KEY, value bigint NOT NULL);
CREATE TABLE units (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ({_KINDS_SQL})),
  parent_id bigint REFERENCES units (id)
);
CREATE INDEX units_parent ON units (parent_id);
CREATE TABLE districts (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  unit_id bigint NOT NULL REFERENCES units (id),
  officer_name text, officer_rank text, phone text, email text,
  geom geometry(MultiPolygon, 4326) NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX districts_unit ON districts (unit_id);
CREATE INDEX districts_geom ON districts USING gist (geom);
CREATE TABLE reports (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  revision bigint NOT NULL,
  created_revision bigint NOT NULL,
  category text NOT NULL,
  status text NOT NULL,
  lon double precision NOT NULL CHECK (lon BETWEEN 14.0 AND 24.2),
  lat double precision NOT NULL CHECK (lat BETWEEN 49.0 AND 54.9),
  geom geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED,
  description text CHECK (char_length(description) <= 500),
  submitted_at timestamptz NOT NULL,
  event_date date, event_time text, time_of_day text, days_of_week text,
  unit_id bigint REFERENCES units (id),
  district_id bigint REFERENCES districts (id),
  prev_unit_id bigint,
  prev_district_id bigint,
  confirmations integer NOT NULL DEFAULT 0,
  attachments integer NOT NULL DEFAULT 0,
  take_up_due timestamptz NOT NULL,
  verify_due timestamptz NOT NULL,
  taken_up_at timestamptz, verified_at timestamptz,
  updated_at timestamptz NOT NULL,
  last_note text,
  deleted boolean NOT NULL DEFAULT false,
  feature text                 -- the report as a GeoJSON Feature, kept by a trigger
);
CREATE FUNCTION kmzb_report_feature() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.feature := {_PG_FEATURE};
  RETURN NEW;
END
$$;
CREATE TRIGGER reports_feature BEFORE INSERT OR UPDATE ON reports
  FOR EACH ROW EXECUTE FUNCTION kmzb_report_feature();
{_PG_REPORT_INDEXES};
CREATE TABLE report_history (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  report_id bigint NOT NULL,
  revision bigint NOT NULL,
  at timestamptz NOT NULL,
  by_user text,
  from_status text,
  to_status text,
  note text
);
{REPORT_INDEXES["postgresql"]["report_history_report"]};
CREATE TABLE attachments (
  report_id bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  n integer NOT NULL,
  name text NOT NULL,
  content_type text NOT NULL,
  size integer NOT NULL,
  content bytea NOT NULL,
  PRIMARY KEY (report_id, n)
);
CREATE TABLE users (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('dzielnicowy', 'kierownik', 'analityk', 'admin')),
  unit_id bigint REFERENCES units (id),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL
);
CREATE TABLE user_districts (
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  district_id bigint NOT NULL REFERENCES districts (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, district_id)
);
CREATE TABLE operations (
  user_id bigint NOT NULL,
  op_id text NOT NULL,
  body_hash text NOT NULL,
  result text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (user_id, op_id)
);
CREATE TABLE ip_submissions (ip_hmac text NOT NULL, submitted_at timestamptz NOT NULL);
CREATE INDEX ip_submissions_ip ON ip_submissions (ip_hmac, submitted_at);
CREATE INDEX ip_submissions_at ON ip_submissions (submitted_at)
"""

# 0002: residents' "+1" confirmations, one per address (HMAC) and report
_SQLITE_0002 = """
CREATE TABLE ip_confirmations (
  ip_hmac TEXT NOT NULL,
  report_id INTEGER NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (ip_hmac, report_id)
)
"""
_PG_0002 = """
CREATE TABLE ip_confirmations (
  ip_hmac text NOT NULL,
  report_id bigint NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (ip_hmac, report_id)
)
"""

# 0003: stored results of verifications (idempotency by op_id) are kept for a configurable
# number of days, then purged (service.purge_operations)
_SQLITE_0003 = """
INSERT OR IGNORE INTO settings (key, value) VALUES ('op_retention_days', '30');
CREATE INDEX operations_at ON operations (at)
"""
_PG_0003 = """
INSERT INTO settings (key, value) VALUES ('op_retention_days', '30') ON CONFLICT DO NOTHING;
CREATE INDEX operations_at ON operations (at)
"""

# 0004 (SQLite): an R-tree of report points, kept by triggers, for small bbox pages (the
# feed reads it when a bbox holds few reports; PostgreSQL has its GiST index since 0001).
# By name, as REPORT_INDEXES: the bulk loader sets the triggers aside and fills the tree once.
REPORT_RTREE_FILL = "INSERT INTO reports_rtree SELECT id, lon, lon, lat, lat FROM reports"
REPORT_RTREE_TRIGGERS = {
    "reports_rtree_insert": (
        "CREATE TRIGGER reports_rtree_insert AFTER INSERT ON reports BEGIN "
        "INSERT INTO reports_rtree VALUES (NEW.id, NEW.lon, NEW.lon, NEW.lat, NEW.lat); END"
    ),
    "reports_rtree_update": (
        "CREATE TRIGGER reports_rtree_update AFTER UPDATE OF lon, lat ON reports BEGIN "
        "UPDATE reports_rtree SET minx = NEW.lon, maxx = NEW.lon, miny = NEW.lat, "
        "maxy = NEW.lat WHERE id = NEW.id; END"
    ),
    "reports_rtree_delete": (
        "CREATE TRIGGER reports_rtree_delete AFTER DELETE ON reports BEGIN "
        "DELETE FROM reports_rtree WHERE id = OLD.id; END"
    ),
}
_SQLITE_0004 = ";\n".join(
    [
        "CREATE VIRTUAL TABLE reports_rtree USING rtree(id, minx, maxx, miny, maxy)",
        REPORT_RTREE_FILL,
        *REPORT_RTREE_TRIGGERS.values(),
    ]
)

# 0005 (PostgreSQL): each report's cell of a 0.05° grid, indexed with the revision. A bbox
# page of a city reads the revision-ordered index range of each of its cells, merged (see
# feed._grid_page_sql), instead of filtering the whole revision order or sorting every
# report in the bbox; the column's detailed statistics tell the planner a city cell holds
# thousands of reports while an average one holds a few dozen. Also each report's Feature
# without blanks (a tenth fewer bytes a page) and its array of the rows format, kept built
# like the Feature; the table is rewritten once for all three.
_PG_0005 = f"""
ALTER TABLE reports ADD COLUMN row_json text;
ALTER TABLE reports ADD COLUMN cell integer GENERATED ALWAYS AS ({PG_CELL}) STORED,
  ALTER COLUMN feature TYPE text USING {build_feature_sql("postgresql", "reports", source=False)},
  ALTER COLUMN row_json TYPE text USING {build_row_sql("postgresql", "reports", source=False)};
ALTER TABLE reports ALTER COLUMN cell SET STATISTICS 1000;
{REPORT_INDEXES["postgresql"]["reports_cell_rev"]};
CREATE OR REPLACE FUNCTION kmzb_report_feature() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.feature := {build_feature_sql("postgresql", "NEW", source=False)};
  NEW.row_json := {build_row_sql("postgresql", "NEW", source=False)};
  RETURN NEW;
END
$$;
ANALYZE reports
"""

# 0006 (PostgreSQL): the coarse cells (4 x 4 cells, 0.2°) indexed with the revision, for
# bboxes too big for the fine grid (feed.grid_cells); an index on an expression of ``cell``,
# so the table is not rewritten (about 3 s a million reports).
_PG_0006 = f"""
{REPORT_INDEXES["postgresql"]["reports_coarse_cell_rev"]};
ANALYZE reports
"""

# 0007: where each report came from (catalogue.SOURCES): residents' reports are 'obywatel',
# officers add threats they learned of at a debate, a meeting, by their own observation or
# from police systems. PostgreSQL rebuilds each report's stored Feature and row with it.
_SQLITE_0007 = f"""
ALTER TABLE reports ADD COLUMN source TEXT NOT NULL DEFAULT '{catalogue.CITIZEN_SOURCE}'
"""
_PG_0007 = f"""
ALTER TABLE reports ADD COLUMN source text NOT NULL DEFAULT '{catalogue.CITIZEN_SOURCE}';
CREATE OR REPLACE FUNCTION kmzb_report_feature() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.feature := {build_feature_sql("postgresql", "NEW")};
  NEW.row_json := {build_row_sql("postgresql", "NEW")};
  RETURN NEW;
END
$$;
-- the trigger rebuilds each report's feature and row_json
UPDATE reports SET source = source;
ANALYZE reports
"""

# 0008 (PostgreSQL): kmzb_iso, created by 0001 for ISO times in SQL, was never called (the
# Features format their times inline); 0001 stays as released, this drops the function.
_PG_0008 = """
DROP FUNCTION IF EXISTS kmzb_iso(timestamptz)
"""

# A version number names one change for both databases; a change only one of them needs
# leaves a gap in the other's list (PostgreSQL has no 4, SQLite no 5, 6 and 8).
MIGRATIONS: dict[str, list[tuple[int, str, str]]] = {
    "sqlite": [
        (1, "initial schema", _SQLITE_0001),
        (2, "confirmations", _SQLITE_0002),
        (3, "operations retention", _SQLITE_0003),
        (4, "reports R-tree", _SQLITE_0004),
        (7, "report sources", _SQLITE_0007),
    ],
    "postgresql": [
        (1, "initial schema", _PG_0001),
        (2, "confirmations", _PG_0002),
        (3, "operations retention", _PG_0003),
        (5, "reports grid cells", _PG_0005),
        (6, "reports coarse grid cells", _PG_0006),
        (7, "report sources", _PG_0007),
        (8, "drop unused kmzb_iso", _PG_0008),
    ],
}


def _initial_settings() -> list[tuple[str, str]]:
    return [
        ("take_up_hours", str(catalogue.TAKE_UP_HOURS)),
        ("verify_hours", str(catalogue.VERIFY_HOURS)),
        ("ip_salt", secrets.token_hex(32)),
        ("public_reports_per_ip_per_day", "1"),
        ("districts_version", "1"),
        ("units_version", "1"),
    ]


def _statements(script: str) -> list[str]:
    """Split a migration into statements: each ends with ``;`` at the end of a line outside
    dollar-quoted bodies."""
    out, buf = [], []
    in_dollar = False
    for line in script.splitlines():
        buf.append(line)
        if line.count("$$") % 2:
            in_dollar = not in_dollar
        if not in_dollar and line.rstrip().endswith(";"):
            out.append("\n".join(buf).strip().rstrip(";"))
            buf = []
    tail = "\n".join(buf).strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def applied_versions(conn: Connection) -> set[int]:
    if conn.dialect == "sqlite":
        exists = conn.scalar(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
        )
    else:
        exists = conn.scalar("SELECT to_regclass('schema_migrations') IS NOT NULL")
    if not exists:
        return set()
    return {int(r[0]) for r in conn.all("SELECT version FROM schema_migrations")}


def migrate(db: Database) -> list[int]:
    """Apply every pending migration; returns the versions applied now."""
    done: list[int] = []
    with db.write() as conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
            "name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
    for version, name, script in MIGRATIONS[db.dialect]:
        with db.write() as conn:
            if version in applied_versions(conn):
                continue
            for stmt in _statements(script):
                conn.execute(stmt)
            if version == 1:
                conn.executemany(
                    "INSERT INTO settings (key, value) VALUES (?, ?)", _initial_settings()
                )
                conn.execute("INSERT INTO counters (name, value) VALUES ('revision', 0)")
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, _now_text()),
            )
            done.append(version)
    return done


def _now_text() -> str:
    from .util import iso_now

    return iso_now()


def schema_version(db: Database) -> int:
    with db.read() as conn:
        versions = applied_versions(conn)
    return max(versions, default=0)


def latest_version(dialect: str) -> int:
    return MIGRATIONS[dialect][-1][0]
