"""0003: stored results of verifications (idempotency by op_id) are kept for a configurable
number of days, then purged (the service's purge of operations).

Released: frozen as the text it ran, never edited (a change is a new migration)."""

VERSION = 3
NAME = "operations retention"
SQLITE = """
INSERT OR IGNORE INTO settings (key, value) VALUES ('op_retention_days', '30');
CREATE INDEX operations_at ON operations (at)
"""
POSTGRESQL = """
INSERT INTO settings (key, value) VALUES ('op_retention_days', '30') ON CONFLICT DO NOTHING;
CREATE INDEX operations_at ON operations (at)
"""
