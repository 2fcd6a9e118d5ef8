"""What the bulk loader knows of the latest schema: the unit kinds and, by name, the
reports' secondary indexes and R-tree triggers it drops and rebuilds around a big load.

They are the statements the released migrations ran (``kmzb_store/migrations/``, frozen
text); tests/store/test_migrations.py checks each appears there verbatim.
"""

from __future__ import annotations

from .pg_grid import pg_coarse_cell

UNIT_KINDS = ("KGP", "KWP", "KSP", "KMP", "KPP", "KRP", "KP", "PP")

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

# SQLite (since 0004): the R-tree of report points and the triggers that keep it
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
