"""Feed pages as rows of the reports table: one Feature, a rows-format page (checked in
Python or in SQL), and the UPSERTs that write them."""

from __future__ import annotations

import operator

from .gpkg import _POINT, point_blob
from .schema import REPORT_COLUMNS, REPORTS


def feature_row(feature: dict) -> tuple | None:
    """The reports-table row of a feed Feature; None for a tombstone; ValueError & co. for a
    broken one (NaN or out-of-range coordinates, missing id or geometry)."""
    fid = int(feature["id"])
    props = feature["properties"]
    if props.get("deleted"):
        return None
    x, y = feature["geometry"]["coordinates"][:2]
    x, y = float(x), float(y)
    if not (-180 <= x <= 180 and -90 <= y <= 90):  # also false for NaN
        raise ValueError("coordinates out of range")
    return (fid, point_blob(x, y), *[props.get(c) for c in REPORT_COLUMNS])


def _good_point(fid, x, y) -> bool:
    return (
        type(fid) is int
        and type(x) in (float, int)
        and type(y) in (float, int)
        and -180 <= x <= 180
        and -90 <= y <= 90
    )


def rows_one_by_one(columns: list, rows: list) -> tuple[list[tuple], int]:
    """Reports-table rows of a rows-format page, one by one: (rows, broken ones skipped)."""
    out, bad = [], 0
    for values in rows:
        try:
            if len(values) != len(columns):
                raise ValueError("row width")
            feature = dict(zip(columns, values, strict=True))
            row = feature_row(
                {
                    "id": feature["id"],
                    "geometry": {"coordinates": [feature["lon"], feature["lat"]]},
                    "properties": feature,
                }
            )
            if row is None or not all(map(_bindable, (row[0], *row[2:]))):
                raise TypeError("a value SQLite cannot store")
        except (KeyError, TypeError, ValueError, IndexError):
            bad += 1
            continue
        out.append(row)
    return out, bad


def _bindable(value) -> bool:
    if type(value) is int:
        return -(2**63) <= value < 2**63
    return value is None or type(value) in (float, str)


def rows_upsert(columns: tuple[str, ...]) -> str | None:
    """An UPSERT taking a rows-format row as it is (its values bound by position), checking
    id and coordinates in SQL and building the geometry with kmzb_point(); None when the
    columns do not allow it. Rows failing the check are left out (a NaN binds as NULL)."""
    at = {name: i + 1 for i, name in enumerate(columns)}
    if len(at) != len(columns) or not {"id", "lon", "lat"} <= at.keys():
        return None
    i, x, y = (f"?{at[k]}" for k in ("id", "lon", "lat"))
    values = [
        i,
        f"kmzb_point({x}, {y})",
        *(f"?{at[c]}" if c in at else "NULL" for c in REPORT_COLUMNS),
    ]
    used = {"id", "lon", "lat", *REPORT_COLUMNS}
    # every parameter must appear in the statement: columns this cache does not keep too
    ignored = "".join(f" AND (?{n} IS NULL OR 1)" for c, n in at.items() if c not in used)
    return (
        f"INSERT INTO {REPORTS}(fid, geom, {', '.join(REPORT_COLUMNS)}) "
        f"SELECT {', '.join(values)} WHERE typeof({i}) = 'integer' "
        f"AND typeof({x}) IN ('real', 'integer') AND typeof({y}) IN ('real', 'integer') "
        f"AND {x} BETWEEN -180 AND 180 AND {y} BETWEEN -90 AND 90{ignored} "
        "ON CONFLICT(fid) DO UPDATE SET "
        + ", ".join(f"{c}=excluded.{c}" for c in ("geom", *REPORT_COLUMNS))
        + f" WHERE {REPORTS}.pending = 0"
    )


# the UPSERT of prepared_rows' tuples: the geometry last
UPSERT_PREPARED = (
    f"INSERT INTO {REPORTS}(fid, {', '.join(REPORT_COLUMNS)}, geom) "
    f"VALUES ({', '.join('?' * (len(REPORT_COLUMNS) + 2))}) "
    "ON CONFLICT(fid) DO UPDATE SET "
    + ", ".join(f"{c}=excluded.{c}" for c in ("geom", *REPORT_COLUMNS))
    + f" WHERE {REPORTS}.pending = 0"
)


def prepared_rows(columns: list, rows: list) -> list[tuple] | None:
    """A rows-format page as UPSERT_PREPARED takes it, when every row has an integer id and
    coordinates in range and the page all of our columns: the values picked in C
    (itemgetter), the point blob packed here. SQLite would take the rows as they came
    (rows_upsert), but its INSERT ... SELECT with checks and a Python function per row
    costs a third more; None otherwise."""
    at = {c: k for k, c in enumerate(columns)}
    if len(at) != len(columns) or not {"id", "lon", "lat", *REPORT_COLUMNS} <= at.keys():
        return None
    i, x, y = at["id"], at["lon"], at["lat"]
    if not all(_good_point(r[i], r[x], r[y]) for r in rows):
        return None
    pick = operator.itemgetter(i, *(at[c] for c in REPORT_COLUMNS))
    pack = _POINT.pack
    return [(*pick(r), pack(b"GP", 0, 1, 4326, 1, 1, r[x], r[y])) for r in rows]


UPSERT = (  # the store's answer to our own change: always wins
    f"INSERT INTO {REPORTS}(fid, geom, {', '.join(REPORT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * (len(REPORT_COLUMNS) + 2))}) "
    "ON CONFLICT(fid) DO UPDATE SET "
    + ", ".join(f"{c}=excluded.{c}" for c in ("geom", *REPORT_COLUMNS))
)
UPSERT_UNLESS_PENDING = f"{UPSERT} WHERE {REPORTS}.pending = 0"  # pulls keep local edits


class _NotAsTheyCame(Exception):
    """A rows-format page SQLite cannot take as it came."""
