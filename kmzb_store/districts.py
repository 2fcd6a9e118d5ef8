"""Districts (rejony dzielnicowych): upsert by code, GeoJSON output, report re-assignment.

When a district's area changes, reports inside the old or new area are assigned again
(district and unit by point-in-polygon); each moved report gets a new revision, keeps the
unit/district it had before in ``prev_unit_id``/``prev_district_id`` (so readers who lose it
get a tombstone) and a history row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon

from . import geo
from .db import Connection
from .errors import Invalid
from .util import iso_now

TEXT_FIELDS = ("name", "officer_name", "officer_rank", "phone", "email")
MAX_TEXT = 200


def normalise(item: dict, unit_ids: dict[str, int], where: str) -> dict:
    """Check one district record (code, name, unit_code|unit_id, officer…, geometry)."""
    code = item.get("code")
    if not isinstance(code, str) or not code.strip() or len(code) > 64 or "\x00" in code:
        raise ValueError(f"{where}: code must be a non-empty string of at most 64 characters")
    out: dict[str, Any] = {"code": code.strip()}
    for f in TEXT_FIELDS:
        v = item.get(f)
        if v is not None and not isinstance(v, str):
            raise ValueError(f"{where} ({code}): {f} must be a string")
        if isinstance(v, str):
            if len(v) > MAX_TEXT or "\x00" in v:
                raise ValueError(f"{where} ({code}): {f} is too long or has NUL characters")
            try:
                v.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError(f"{where} ({code}): {f} is not valid text") from None
        out[f] = v
    if not out["name"]:
        raise ValueError(f"{where} ({code}): name is required")
    unit = item.get("unit_id")
    if unit is not None:
        if isinstance(unit, bool) or not isinstance(unit, int) or unit not in unit_ids.values():
            raise ValueError(f"{where} ({code}): unknown unit_id {unit!r}")
        out["unit_id"] = unit
    else:
        ucode = item.get("unit_code")
        if not isinstance(ucode, str) or ucode not in unit_ids:
            raise ValueError(f"{where} ({code}): unknown unit_code {ucode!r}")
        out["unit_id"] = unit_ids[ucode]
    try:
        out["geometry"] = geo.to_multipolygon(item.get("geometry"))
    except geo.GeometryError as e:
        raise ValueError(f"{where} ({code}): {e}") from None
    return out


def unit_codes(conn: Connection) -> dict[str, int]:
    return {code: int(i) for i, code in conn.all("SELECT id, code FROM units")}


def upsert(
    conn: Connection, items: Iterable[dict], by: str | None, reassign_reports: bool = True
) -> dict[str, int]:
    """Insert or update districts by code (items already normalised)."""
    items = list(items)
    now = iso_now()
    existing = {
        code: (int(i), bytes(wkb) if wkb is not None else None)
        for i, code, wkb in conn.all(f"SELECT id, code, {conn.dialect.wkb('geom')} FROM districts")
    }
    boxes: list[tuple[float, float, float, float]] = []
    created = updated = 0
    for it in items:
        g: MultiPolygon = it["geometry"]
        wkb = shapely.to_wkb(g, output_dimension=2)
        vals = [it["name"], it["unit_id"]] + [it.get(f) for f in TEXT_FIELDS[1:]]
        if conn.dialect.is_sqlite:  # WKB, its GeoJSON and bbox columns; PostGIS: a geometry
            geo_sql = "?, ?, ?, ?, ?, ?"
            geo_cols = "geom, geojson, minx, miny, maxx, maxy"
            geo_vals = [wkb, shapely.to_geojson(g), *g.bounds]
            geo_set = ", ".join(f"{c} = ?" for c in geo_cols.split(", "))
        else:
            geo_sql = "ST_Multi(ST_SetSRID(ST_GeomFromWKB(?), 4326))"
            geo_cols = "geom"
            geo_vals = [wkb]
            geo_set = f"geom = {geo_sql}"
        old = existing.get(it["code"])
        if old is None:
            new_id = conn.insert_id(
                "INSERT INTO districts (code, name, unit_id, officer_name, officer_rank, phone, "
                f"email, {geo_cols}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, {geo_sql}, ?)",
                [it["code"], *vals, *geo_vals, now],
            )
            existing[it["code"]] = (new_id, wkb)
            created += 1
        else:
            conn.execute(
                "UPDATE districts SET name = ?, unit_id = ?, officer_name = ?, officer_rank = ?, "
                f"phone = ?, email = ?, {geo_set}, updated_at = ? WHERE id = ?",
                [*vals, *geo_vals, now, old[0]],
            )
            if old[1] is not None:
                boxes.append(shapely.from_wkb(old[1]).bounds)
            updated += 1
        boxes.append(g.bounds)
    conn.bump_setting_version("districts_version")
    moved = reassign(conn, boxes, by) if (reassign_reports and boxes) else 0
    return {"created": created, "updated": updated, "reports_moved": moved}


def reassign(
    conn: Connection, boxes: list[tuple[float, float, float, float]], by: str | None
) -> int:
    """Assign district/unit again to live reports inside the boxes; returns how many moved."""
    arr = np.array(boxes, dtype=float)
    minx, miny = arr[:, 0].min(), arr[:, 1].min()
    maxx, maxy = arr[:, 2].max(), arr[:, 3].max()
    rows = conn.all(
        "SELECT id, lon, lat, unit_id, district_id, status FROM reports "
        f"WHERE deleted = {conn.dialect.false} AND lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?",
        (minx, maxx, miny, maxy),
    )
    if not rows:
        return 0
    locator = geo.load_locator(conn)
    districts, units = locator.locate_many([r[1] for r in rows], [r[2] for r in rows])
    codes = {int(i): c for i, c in conn.all("SELECT id, code FROM districts")}
    now = iso_now()
    updates, history = [], []
    for r, d, u in zip(rows, districts, units, strict=True):
        old_u = None if r[3] is None else int(r[3])
        old_d = None if r[4] is None else int(r[4])
        if (d, u) == (old_d, old_u):
            continue
        rev = conn.next_revision()
        updates.append((u, d, old_u, old_d, rev, now, int(r[0])))
        note = f"rejon: {codes.get(old_d, '—')} → {codes.get(d, '—')}"
        history.append((int(r[0]), rev, now, by, r[5], r[5], note))
    conn.executemany(
        "UPDATE reports SET unit_id = ?, district_id = ?, prev_unit_id = ?, prev_district_id = ?, "
        "revision = ?, updated_at = ? WHERE id = ?",
        updates,
    )
    conn.executemany(
        "INSERT INTO report_history (report_id, revision, at, by_user, from_status, to_status, "
        "note) VALUES (?, ?, ?, ?, ?, ?, ?)",
        history,
    )
    return len(updates)


def from_feature_collection(conn: Connection, body: Any) -> list[dict]:
    """POST /districts body → normalised items, or Invalid naming the bad feature."""
    if not isinstance(body, dict) or body.get("type") != "FeatureCollection":
        raise Invalid("Send a GeoJSON FeatureCollection.", "invalid_body")
    feats = body.get("features")
    if not isinstance(feats, list) or not feats:
        raise Invalid("features must be a non-empty list.", "invalid_body")
    if len(feats) > 20000:
        raise Invalid("At most 20000 districts per request.", "invalid_body")
    ids = unit_codes(conn)
    out, seen = [], set()
    for i, f in enumerate(feats):
        where = f"feature {i}"
        if not isinstance(f, dict) or f.get("type") != "Feature":
            raise Invalid(f"{where}: not a GeoJSON Feature", "invalid_district")
        props = f.get("properties")
        if not isinstance(props, dict):
            raise Invalid(f"{where}: properties must be an object", "invalid_district")
        try:
            item = normalise({**props, "geometry": f.get("geometry")}, ids, where)
        except ValueError as e:
            raise Invalid(str(e), "invalid_district") from None
        if item["code"] in seen:
            raise Invalid(f"{where}: duplicate code {item['code']}", "invalid_district")
        seen.add(item["code"])
        out.append(item)
    return out


def collection(
    conn: Connection, unit_ids: list[int] | None, bbox: tuple[float, ...] | None
) -> bytes:
    """All districts (optionally of some units / in a bbox) as a FeatureCollection (bytes)."""
    d = conn.dialect
    where, params = ["1 = 1"], []
    if unit_ids is not None:
        sql, p = d.in_list("dd.unit_id", unit_ids)
        where.append(sql)
        params += p
    if bbox is not None:
        if d.is_sqlite:  # the stored bbox columns; PostGIS: the GiST
            where.append("dd.maxx >= ? AND dd.minx <= ? AND dd.maxy >= ? AND dd.miny <= ?")
            params += [bbox[0], bbox[2], bbox[1], bbox[3]]
        else:
            where.append("dd.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)")
            params += list(bbox)
    props = (
        "'id', dd.id, 'code', dd.code, 'name', dd.name, 'unit_id', dd.unit_id, 'unit_name', "
        "u.name, 'officer_name', dd.officer_name, 'officer_rank', dd.officer_rank, 'phone', "
        "dd.phone, 'email', dd.email"
    )
    # SQLite keeps each district's GeoJSON; PostGIS writes it out
    geometry = "json(dd.geojson)" if d.is_sqlite else "ST_AsGeoJSON(dd.geom, 7)::json"
    feat = d.json_text(
        d.json_object(
            f"'type', 'Feature', 'id', dd.id, 'geometry', {geometry}, "
            f"'properties', {d.json_object(props)}"
        )
    )
    agg = "group_concat(f, ',')" if d.is_sqlite else "string_agg(f, ',' ORDER BY id)"
    body = conn.scalar(
        f"SELECT {agg} FROM (SELECT {feat} AS f, dd.id AS id FROM districts dd "
        f"JOIN units u ON u.id = dd.unit_id WHERE {' AND '.join(where)} ORDER BY dd.id) x",
        params,
    )
    return b'{"type":"FeatureCollection","features":[' + (body or "").encode() + b"]}"
