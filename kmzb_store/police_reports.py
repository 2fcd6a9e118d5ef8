"""Threats the police learned of themselves (a public debate, a meeting, own observation,
police systems), added by officers from QGIS: ``POST /api/v1/reports``.

A batch like ``/verifications``: each item carries its own ``op_id``; re-sending one returns
the first result and adds nothing. Scope is checked on the server for each item's place
(``Principal.can_add``): a dzielnicowy only inside own districts, a kierownik in own unit,
an analityk in own read scope.
"""

# no ``from __future__ import annotations``: FastAPI resolves the route's Annotated types
from collections.abc import Callable
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, StrictStr, field_validator

from . import catalogue, geo, service
from .auth import Principal
from .db import Connection, Database
from .report_sql import feature_json
from .util import ApiError, sha256_hex, utcnow

MAX_REPORTS = 100
ITEM_FIELDS = {"op_id", "source"}  # besides a resident's fields (service.PUBLIC_FIELDS)


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
        report = service.parse_public_report(fields, utcnow().date())
    except ApiError as e:
        return {**base, "result": "rejected", "reason": e.message}
    district_id, unit_id = geo.locate(conn, report.lon, report.lat)
    if not who.can_add(unit_id, district_id):
        return {**base, "result": "forbidden"}
    report_id, rev = service.insert_report(
        conn, report, (unit_id, district_id), s, now_s, source=source, by_user=who.name
    )
    feature = orjson.Fragment(feature_json(conn, report_id).encode())
    return {**base, "result": "applied", "id": report_id, "revision": rev, "report": feature}


def add_batch(conn: Connection, who: Principal, items: list[dict]) -> bytes:
    """Add a batch of threats in the current write transaction; returns the response."""
    if len(items) > MAX_REPORTS:
        raise ApiError(422, "too_many_reports", f"At most {MAX_REPORTS} reports per request.")
    s = service.settings(conn)
    return service.once_per_op(
        conn, who, items, _hash, lambda item, now_s: add_one(conn, who, item, s, now_s)
    )


# --- HTTP ---------------------------------------------------------------------------
class PoliceReportIn(BaseModel):
    """One threat; fields beyond op_id and source are checked as a resident's report's are
    (a bad value is that item's 'rejected' result)."""

    model_config = ConfigDict(extra="forbid")
    op_id: StrictStr = Field(min_length=1, max_length=200)
    source: StrictStr = Field(description="a police source code from /meta (police: true)")
    category: StrictStr
    lon: float
    lat: float
    description: StrictStr | None = Field(default=None, max_length=500)
    event_date: StrictStr | None = Field(default=None, max_length=10)
    event_time: StrictStr | None = Field(default=None, max_length=5)
    time_of_day: StrictStr | None = Field(default=None, max_length=20)
    days_of_week: StrictStr | None = Field(default=None, max_length=40)

    @field_validator("op_id", "source", "category", "description", "days_of_week")
    @classmethod
    def _no_nul(cls, v: str | None) -> str | None:
        if v is not None and "\x00" in v:
            raise ValueError("must not contain NUL characters")
        return v


class PoliceReportsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reports: list[PoliceReportIn] = Field(max_length=MAX_REPORTS)


class PoliceReportResult(BaseModel):
    model_config = ConfigDict(extra="allow")
    op_id: str
    result: str
    id: int | None = None
    revision: int | None = None
    reason: str | None = None
    report: dict | None = None


class PoliceReportResults(BaseModel):
    results: list[PoliceReportResult]


def router(db: Database, current: Callable[..., Principal], errors: Callable) -> APIRouter:
    """The route, given the app's database, its bearer-token dependency and error docs."""
    api = APIRouter()
    Who = Annotated[Principal, Depends(current)]

    @api.post(
        "/api/v1/reports",
        response_model=PoliceReportResults,
        responses=errors(400, 401, 413, 422),
        tags=["reports"],
        summary="Officers add threats the police learned of (debate, meeting, own, systems)",
    )
    def post_reports(who: Who, body: PoliceReportsIn) -> Any:
        items = [r.model_dump(exclude_none=True) for r in body.reports]
        with db.write() as conn:
            out = add_batch(conn, who, items)
        return Response(out, media_type="application/json")

    return api
