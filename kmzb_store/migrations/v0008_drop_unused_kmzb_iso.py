"""0008 (PostgreSQL): kmzb_iso, created by 0001 for ISO times in SQL, was never called (the
Features format their times inline); 0001 stays as released, this drops the function.

Released: frozen as the text it ran, never edited (a change is a new migration)."""

VERSION = 8
NAME = "drop unused kmzb_iso"
SQLITE = None
POSTGRESQL = """
DROP FUNCTION IF EXISTS kmzb_iso(timestamptz)
"""
