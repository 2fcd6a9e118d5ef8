"""0002: residents' "+1" confirmations, one per address (HMAC) and report.

Released: frozen as the text it ran, never edited (a change is a new migration)."""

VERSION = 2
NAME = "confirmations"
SQLITE = """
CREATE TABLE ip_confirmations (
  ip_hmac TEXT NOT NULL,
  report_id INTEGER NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (ip_hmac, report_id)
)
"""
POSTGRESQL = """
CREATE TABLE ip_confirmations (
  ip_hmac text NOT NULL,
  report_id bigint NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (ip_hmac, report_id)
)
"""
