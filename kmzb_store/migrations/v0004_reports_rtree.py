"""0004 (SQLite): an R-tree of report points, kept by triggers, for small bbox pages (the
feed reads it when a bbox holds few reports; PostgreSQL has its GiST index since 0001).

Released: frozen as the text it ran, never edited (a change is a new migration)."""

VERSION = 4
NAME = "reports R-tree"
SQLITE = """CREATE VIRTUAL TABLE reports_rtree USING rtree(id, minx, maxx, miny, maxy);
INSERT INTO reports_rtree SELECT id, lon, lon, lat, lat FROM reports;
CREATE TRIGGER reports_rtree_insert AFTER INSERT ON reports BEGIN INSERT INTO reports_rtree VALUES (NEW.id, NEW.lon, NEW.lon, NEW.lat, NEW.lat); END;
CREATE TRIGGER reports_rtree_update AFTER UPDATE OF lon, lat ON reports BEGIN UPDATE reports_rtree SET minx = NEW.lon, maxx = NEW.lon, miny = NEW.lat, maxy = NEW.lat WHERE id = NEW.id; END;
CREATE TRIGGER reports_rtree_delete AFTER DELETE ON reports BEGIN DELETE FROM reports_rtree WHERE id = OLD.id; END"""
POSTGRESQL = None
