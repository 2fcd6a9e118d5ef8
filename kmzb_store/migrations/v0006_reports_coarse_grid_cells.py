"""0006 (PostgreSQL): the coarse cells (4 x 4 cells, 0.2°) indexed with the revision, for
bboxes too big for the fine grid (``pg_grid.grid_cells``); an index on an expression of
``cell``, so the table is not rewritten (about 3 s a million reports).

Released: frozen as the text it ran, never edited (a change is a new migration)."""

VERSION = 6
NAME = "reports coarse grid cells"
SQLITE = None
POSTGRESQL = """
CREATE INDEX reports_coarse_cell_rev ON reports ((((cell >> 10) << 8) | ((cell & 255) >> 2)), revision);
ANALYZE reports
"""
