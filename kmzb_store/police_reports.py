"""Threats the police learned of themselves (a public debate, a meeting, own observation,
police systems), added by officers from QGIS: ``POST /api/v1/reports``.

A batch like ``/verifications``: each item carries its own ``op_id``; re-sending one returns
the first result and adds nothing. Scope is checked on the server for each item's place
(``Principal.can_add``): a dzielnicowy only inside own districts, a kierownik in own unit,
an analityk in own read scope.
"""

from __future__ import annotations

import orjson

from . import catalogue, geo
from .auth import Principal
from .common import settings
from .db import Connection
from .errors import Invalid
from .intake import insert_report, parse_public_report
from .operations import once_per_op
from .report_sql import feature_json
from .util import sha256_hex, utcnow

MAX_REPORTS = 100
ITEM_FIELDS = {"op_id", "source"}  # besides a resident's fields (intake.PUBLIC_FIELDS)


def _hash(item: dict) -> str:
    return sha256_hex(orjson.dumps({"kind": "report", **item}, option=orjson.OPT_SORT_KEYS))


def add_one(conn: Connection, who: Principal, item: dict, s: dict[str, str], now_s: str) -> dict:
    """Check and (when allowed) store one police-sourced threat; the result object."""
    base = {"op_id": item["op_id"]}
    source = item.get("source")
    if source not in catalogue.POLICE_SOURCE_CODES:
        codes = ", ".join(sorted(catalogue.POLICE_SOURCE_CODES))
        return {**base, "result": "rejected", "reason": f"source must be one of {codes}"}
    fields = {k: v for k, v in item.items() if k not in ITEM_FIELDS}
    try:
        report = parse_public_report(fields, utcnow().date())
    except Invalid as e:
        return {**base, "result": "rejected", "reason": e.message}
    district_id, unit_id = geo.locate(conn, report.lon, report.lat)
    if not who.can_add(unit_id, district_id):
        return {**base, "result": "forbidden"}
    report_id, rev = insert_report(
        conn, report, (unit_id, district_id), s, now_s, source=source, by_user=who.name
    )
    feature = orjson.Fragment(feature_json(conn, report_id).encode())
    return {**base, "result": "applied", "id": report_id, "revision": rev, "report": feature}


def add_batch(conn: Connection, who: Principal, items: list[dict]) -> bytes:
    """Add a batch of threats in the current write transaction; returns the response."""
    if len(items) > MAX_REPORTS:
        raise Invalid(f"At most {MAX_REPORTS} reports per request.", "too_many_reports")
    s = settings(conn)
    return once_per_op(
        conn, who, items, _hash, lambda item, now_s: add_one(conn, who, item, s, now_s)
    )
