"""Reads of the cached districts (names, geometries, R-tree boxes, contacts) and the
district each cached report lies in (point-in-polygon is district_locate's)."""

from __future__ import annotations

from .connection import Connection
from .schema import DISTRICTS, DISTRICTS_RTREE, OUTSIDE, REPORTS


def unit_filter(unit_id: int) -> str:
    """The reports layer's subset string for every district of one unit (and reports of
    that unit outside every district)."""
    inner = f"SELECT fid FROM {DISTRICTS} WHERE unit_id = {int(unit_id)}"
    return f'"district_id" IN ({inner}) OR ("district_id" IS NULL AND "unit_id" = {int(unit_id)})'


class Districts(Connection):
    """Reads of the districts table; the district of each report."""

    def district_names(self) -> list[tuple[int, str | None, str, int | None, str | None]]:
        """(id, code, name, unit id, unit name) of every cached district, by name."""
        return self.db.execute(
            f"SELECT fid, code, name, unit_id, unit_name FROM {DISTRICTS} ORDER BY name, fid"
        ).fetchall()

    def district_officers(self, unit_id: int | None = None) -> list[tuple]:
        """(id, name, unit id, officer's rank, officer's name) of the cached districts (of
        one unit), by id."""
        where, params = ("", ()) if unit_id is None else (" WHERE unit_id = ?", (int(unit_id),))
        return self.db.execute(
            f"SELECT fid, name, unit_id, officer_rank, officer_name FROM {DISTRICTS}"
            f"{where} ORDER BY fid",
            params,
        ).fetchall()

    def district_contact(self, district_id: int) -> dict | None:
        """A district with its officer's contact."""
        row = self.db.execute(
            "SELECT fid, name, unit_name, officer_rank, officer_name, phone, email "
            f"FROM {DISTRICTS} WHERE fid = ?",
            (district_id,),
        ).fetchone()
        keys = ("id", "name", "unit_name", "officer_rank", "officer_name", "phone", "email")
        return None if row is None else dict(zip(keys, row, strict=True))

    def district_boxes(self) -> list[tuple]:
        """(id, name, officer's rank, officer's name, unit name, minx, miny, maxx, maxy) of
        every cached district, by id."""
        return self.db.execute(
            f"SELECT d.fid, d.name, d.officer_rank, d.officer_name, d.unit_name, r.minx, "
            f"r.miny, r.maxx, r.maxy FROM {DISTRICTS} d JOIN {DISTRICTS_RTREE} r "
            "ON r.id = d.fid ORDER BY d.fid"
        ).fetchall()

    def districts_extent(
        self, district_ids: list[int] | None = None, unit_id: int | None = None
    ) -> tuple[float, float, float, float] | None:
        """(xmin, ymin, xmax, ymax) of these districts, or of one unit's; None if none."""
        if unit_id is not None:
            where, params = "unit_id = ?", [int(unit_id)]
        else:
            ids = [int(i) for i in district_ids or []]
            where, params = f"fid IN ({','.join('?' * len(ids)) or 'NULL'})", ids
        box = self.db.execute(
            f"SELECT min(minx), min(miny), max(maxx), max(maxy) FROM {DISTRICTS_RTREE} "
            f"WHERE id IN (SELECT fid FROM {DISTRICTS} WHERE {where})",
            params,
        ).fetchone()
        return None if box is None or box[0] is None else box

    def district_geometry(self, district_id: int) -> bytes | None:
        """A district's GeoPackage geometry blob; None when not cached."""
        row = self.db.execute(
            f"SELECT geom FROM {DISTRICTS} WHERE fid=?", (district_id,)
        ).fetchone()
        return row[0] if row else None

    def district_geometries(self) -> dict[int, bytes]:
        """Every cached district's geometry blob by id."""
        return dict(self.db.execute(f"SELECT fid, geom FROM {DISTRICTS}"))

    def districts_near(self, x: float, y: float) -> list[int]:
        """Ids of the districts whose R-tree box holds (x, y), ascending."""
        rows = self.db.execute(
            f"SELECT id FROM {DISTRICTS_RTREE} WHERE minx <= ? AND maxx >= ? AND miny <= ? "
            "AND maxy >= ? ORDER BY id",
            (x, x, y, y),
        )
        return [fid for (fid,) in rows]

    def unflag_outside(self) -> None:
        """Look again at the reports flagged outside every district (districts changed)."""
        with self.transaction() as db:
            db.execute(f"UPDATE {REPORTS} SET {OUTSIDE} = 0 WHERE {OUTSIDE} = 1")

    def set_districts(self, inside: list[tuple[int, int]], outside: list[int]) -> None:
        """Give reports their district ((district id, report id) pairs) and flag those
        outside every district, atomically."""
        with self.transaction() as db:
            db.execute(
                f"UPDATE {REPORTS} SET {OUTSIDE} = 0 WHERE district_id IS NOT NULL "
                f"AND {OUTSIDE} = 1"
            )
            db.executemany(f"UPDATE {REPORTS} SET district_id = ? WHERE fid = ?", inside)
            db.executemany(
                f"UPDATE {REPORTS} SET {OUTSIDE} = 1 WHERE fid = ?", [(r,) for r in outside]
            )
