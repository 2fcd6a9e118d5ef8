"""The HTTP API (FastAPI): routes, auth, limits and error handling. See docs/api.md."""

import logging
import math
import os
import sys
import time
from collections.abc import AsyncIterator, Iterator
from datetime import date
from typing import Annotated, Any, Literal

import anyio
import orjson
from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import Response, StreamingResponse

from . import __version__, auth, catalogue, districts, police_reports, service
from .attachments import MAX_FILES, Upload
from .db import ENV_URL, Database
from .feed import DEFAULT_LIMIT, MAX_LIMIT, FeedFilter, feed_stream
from .util import ApiError, utcnow

log = logging.getLogger("kmzb_store")
access_log = logging.getLogger("kmzb_store.access")

API = "/api/v1"
BODY_LIMIT = 6 * 1024 * 1024
DISTRICTS_BODY_LIMIT = 64 * 1024 * 1024
MAX_ID = 2**53
JSON = "application/json"


# --- response helpers ---------------------------------------------------------------
class JSONBytes(Response):
    media_type = JSON

    def render(self, content: Any) -> bytes:
        if isinstance(content, bytes | bytearray):
            return bytes(content)
        return orjson.dumps(content)


# Streamed pages hold a pooled database connection while they are sent, so that a client
# that reads slowly (or not at all, until the send timeout drops it: serving.py) costs one
# of these slots: the pool's other connections stay for short requests such as /meta.
STREAM_SLOTS = 12  # of Database's 16 pooled connections per process
STREAM_WAIT = 15.0  # seconds a page waits for a slot before a 503


class StreamedJSON(StreamingResponse):
    """A JSON body sent piece by piece from a generator that reads the database (and holds
    its connection to the end). A stream slot is awaited first (no thread waits); then the
    first piece is taken before the response starts, so the generator's setup and query fail
    as ordinary error responses; a failure later cuts the response short (the client sees
    an incomplete body, never a wrong complete one)."""

    def __init__(self, pieces: Iterator[bytes]):
        super().__init__(iter(()), media_type=JSON)
        self.pieces = pieces

    async def __call__(self, scope, receive, send) -> None:
        state = scope["app"].state
        if getattr(state, "stream_slots", None) is None:
            state.stream_slots = anyio.Semaphore(STREAM_SLOTS)
        try:
            with anyio.fail_after(STREAM_WAIT):
                await state.stream_slots.acquire()
        except TimeoutError:
            self.pieces.close()
            raise ApiError(
                503, "busy", "The store is busy; try again.", headers={"Retry-After": "5"}
            ) from None
        try:
            first = await run_in_threadpool(next, self.pieces)
            self.body_iterator = self._rest(first)
            await super().__call__(scope, receive, send)
        finally:  # also when the client went away: the generator gives its connection back
            with anyio.CancelScope(shield=True):
                await self.body_iterator.aclose()
                await run_in_threadpool(self.pieces.close)
            state.stream_slots.release()

    async def _rest(self, first: bytes) -> AsyncIterator[bytes]:
        yield first
        try:
            while (piece := await run_in_threadpool(next, self.pieces, None)) is not None:
                yield piece
        except Exception as e:
            log.error("feed stream cut short: %r", e)
            raise


def streamed(pieces: Iterator[bytes]) -> Response:
    """A feed page streamed from ``pieces`` (see StreamedJSON)."""
    return StreamedJSON(pieces)


def error_body(code: str, message: str, extra: dict | None = None) -> bytes:
    body: dict[str, Any] = {"error": {"code": code, "message": message}}
    if extra:
        body.update(extra)
    return orjson.dumps(body)


def error_response(status: int, code: str, message: str, headers=None, extra=None) -> Response:
    return Response(
        error_body(code, message, extra), status_code=status, media_type=JSON, headers=headers
    )


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        parts = [float(p) for p in value.split(",")]
    except ValueError:
        parts = []
    if len(parts) != 4 or not all(math.isfinite(p) for p in parts):
        raise ApiError(422, "invalid_bbox", "bbox must be minlon,minlat,maxlon,maxlat.")
    minx, miny, maxx, maxy = parts
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise ApiError(422, "invalid_bbox", "bbox must be minlon,minlat,maxlon,maxlat.")
    return minx, miny, maxx, maxy


# --- OpenAPI documentation models -----------------------------------------------------
class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    model_config = ConfigDict(extra="allow")
    error: ErrorDetail


class PointGeometry(BaseModel):
    type: Literal["Point"]
    coordinates: list[float] = Field(min_length=2, max_length=2)


class ReportProperties(BaseModel):
    model_config = ConfigDict(extra="allow")
    revision: int
    deleted: bool | None = None
    category: str | None = None
    status: str | None = None
    description: str | None = None
    submitted_at: str | None = None
    event_date: str | None = None
    event_time: str | None = None
    time_of_day: str | None = None
    days_of_week: str | None = None
    unit_id: int | None = None
    district_id: int | None = None
    confirmations: int | None = None
    attachments: int | None = None
    take_up_due: str | None = None
    verify_due: str | None = None
    taken_up_at: str | None = None
    verified_at: str | None = None
    updated_at: str | None = None
    last_note: str | None = None
    source: str | None = None


class ReportFeature(BaseModel):
    type: Literal["Feature"]
    id: int
    geometry: PointGeometry | None
    properties: ReportProperties


class ReportCollection(BaseModel):
    type: Literal["FeatureCollection"]
    next_since: int | None
    server_revision: int
    features: list[ReportFeature]


class ReportRows(BaseModel):
    """The feed in the compact rows format (``format=rows``, see docs/api.md)."""

    type: Literal["ReportRows"]
    next_since: int | None
    server_revision: int
    last_revision: int
    columns: list[str]
    rows: list[list[Any]]
    deleted: list[int]


class DistrictCollection(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: Literal["FeatureCollection"]
    features: list[dict[str, Any]]


class CategoryOut(BaseModel):
    code: str
    name_pl: str
    name_en: str
    active: bool


class StatusOut(BaseModel):
    code: str
    name_pl: str
    name_en: str
    color: str
    final: bool
    note_required: bool


class TransitionOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    from_: str = Field(alias="from")
    to: str


class Deadlines(BaseModel):
    take_up_hours: int
    verify_hours: int


class SourceOut(BaseModel):
    code: str
    name_pl: str
    name_en: str
    police: bool


class MetaOut(BaseModel):
    api_version: str
    server_version: str
    server_time: str
    categories: list[CategoryOut]
    statuses: list[StatusOut]
    transitions: list[TransitionOut]
    sources: list[SourceOut]
    deadlines: Deadlines


class UnitRef(BaseModel):
    id: int
    code: str
    name: str


class MeOut(BaseModel):
    name: str
    role: str
    unit: UnitRef | None
    districts: list[int]


class UnitOut(BaseModel):
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None


class HistoryEntry(BaseModel):
    revision: int
    at: str
    by: str | None
    from_status: str | None
    to_status: str | None
    note: str | None


class ChangeResult(BaseModel):
    model_config = ConfigDict(extra="allow")
    op_id: str
    result: Literal["applied", "conflict", "rejected", "forbidden"]
    revision: int | None = None
    report: ReportFeature | None = None
    current: ReportFeature | None = None
    reason: str | None = None


class VerificationResults(BaseModel):
    results: list[ChangeResult]


class CreatedId(BaseModel):
    id: int


class ConfirmationOut(BaseModel):
    id: int
    confirmations: int


class DistrictUpsertOut(BaseModel):
    created: int
    updated: int
    reports_moved: int


def _safe_text(v: str | None) -> str | None:
    if v is None:
        return v
    if "\x00" in v:
        raise ValueError("must not contain NUL characters")
    try:
        v.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("not valid Unicode text") from None
    return v


class Change(BaseModel):
    model_config = ConfigDict(extra="forbid")
    op_id: StrictStr = Field(min_length=1, max_length=200)
    report_id: StrictInt = Field(ge=1, le=MAX_ID)
    base_revision: StrictInt = Field(ge=0, le=MAX_ID)
    # unknown statuses and over-long notes are per-change "rejected" results, not a 422
    status: StrictStr | None = None
    note: StrictStr | None = None

    _check = field_validator("op_id", "status", "note")(_safe_text)


class VerificationRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    changes: list[Change] = Field(max_length=service.MAX_CHANGES)


class PatchBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: StrictStr | None = Field(default=None, max_length=64)
    note: StrictStr | None = Field(default=None, max_length=service.MAX_NOTE)

    _check = field_validator("status", "note")(_safe_text)


class PublicReportIn(BaseModel):
    """A resident's report (documentation of the JSON body and of the multipart part)."""

    model_config = ConfigDict(extra="forbid")
    category: str = Field(description="category code from /meta (active ones)")
    lon: float = Field(ge=14.0, le=24.2)
    lat: float = Field(ge=49.0, le=54.9)
    description: str | None = Field(default=None, max_length=500)
    event_date: date | None = None
    event_time: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    time_of_day: str | None = Field(default=None, pattern=r"^[a-z_]{1,20}$")
    days_of_week: str | None = None


def _errors(*codes: int) -> dict:
    return {c: {"model": ErrorBody, "description": _REASONS.get(c, "error")} for c in codes}


_REASONS = {
    400: "malformed request",
    401: "missing or invalid bearer token",
    403: "not allowed for this user",
    404: "not found (or outside the caller's scope)",
    409: "conflict",
    412: "stale revision",
    413: "body too large",
    422: "invalid input",
    428: "If-Match required",
    429: "rate limited",
    503: "busy: try again after Retry-After seconds",
}


# --- middleware ---------------------------------------------------------------------
DRAIN_LIMIT = 32 * 1024 * 1024  # read (and drop) at most this much of a refused body


class BodyLimitMiddleware:
    """Reject request bodies over the limit with 413, whether announced (Content-Length) or
    streamed. The refused body is read and dropped up to DRAIN_LIMIT so that clients which
    send the whole body before reading the answer still see the 413 (not a reset)."""

    def __init__(self, app, limit: int = BODY_LIMIT, overrides: dict[str, int] | None = None):
        self.app = app
        self.limit = limit
        self.overrides = overrides or {}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.overrides.get(scope.get("path", ""), self.limit)
        message = f"Request body over {limit} bytes."
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    n = int(v)
                except ValueError:
                    return await _send_error(send, 400, "bad_request", "Bad Content-Length.")
                if n > limit:
                    if n <= DRAIN_LIMIT:
                        await _drain(receive, 0)
                    return await _send_error(send, 413, "body_too_large", message)
        received = 0
        too_large = False
        more = True
        started = False

        async def limited_receive():
            nonlocal received, too_large, more
            if too_large:
                return {"type": "http.disconnect"}
            msg = await receive()
            if msg["type"] == "http.request":
                received += len(msg.get("body", b""))
                more = msg.get("more_body", False)
                if received > limit:
                    too_large = True
                    return {"type": "http.disconnect"}
            return msg

        async def tracking_send(msg):
            nonlocal started
            if too_large:
                return  # the app's answer to the cut-off body is replaced by the 413
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except Exception:
            if not too_large:
                raise
        if too_large and not started:
            if more:
                await _drain(receive, received)
            await _send_error(send, 413, "body_too_large", message)


async def _drain(receive, received: int) -> None:
    while received <= DRAIN_LIMIT:
        msg = await receive()
        if msg["type"] != "http.request":
            return
        received += len(msg.get("body", b""))
        if not msg.get("more_body", False):
            return


async def _send_error(send, status: int, code: str, message: str) -> None:
    body = error_body(code, message)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", JSON.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class AccessLogMiddleware:
    """One log line per request: method, path, status, duration. Never the client address."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        t0 = time.perf_counter()
        status = 0

        async def send_wrapper(msg):
            nonlocal status
            if msg["type"] == "http.response.start":
                status = msg["status"]
            await send(msg)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            access_log.info(
                "%s %s %s %.1fms",
                scope.get("method"),
                scope.get("path"),
                status,
                (time.perf_counter() - t0) * 1000,
            )


# --- the application ----------------------------------------------------------------
def create_app(db_url: str | None = None) -> FastAPI:
    db = Database(db_url)
    app = FastAPI(
        title="KMZB store",
        version=__version__,
        description="Central store of KMZB reports (Krajowa Mapa Zagrożeń Bezpieczeństwa).",
        openapi_url=f"{API}/openapi.json",
        docs_url=f"{API}/docs",
        redoc_url=None,
    )
    app.state.db = db

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return error_response(exc.status, exc.code, exc.message, exc.headers, exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        errs = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errs):
            return error_response(400, "malformed_json", "The body is not valid JSON.")
        parts = []
        for e in errs[:5]:
            loc = ".".join(str(x) for x in e.get("loc", ()) if x != "body")
            parts.append(f"{loc}: {e.get('msg')}")
        return error_response(422, "invalid_request", "; ".join(parts) or "Invalid request.")

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        codes = {404: "not_found", 405: "method_not_allowed", 400: "bad_request"}
        msg = exc.detail if isinstance(exc.detail, str) else "Request error."
        if exc.status_code == 400 and "parsing the body" in msg:
            msg = "The body is not valid JSON."
        return error_response(
            exc.status_code, codes.get(exc.status_code, "http_error"), msg, exc.headers
        )

    @app.exception_handler(ClientDisconnect)
    async def _client_left(request: Request, exc: ClientDisconnect):
        # a phone losing signal mid-upload, not a fault of the store: one line, no traceback
        log.info(
            "client left during %s %s (request body incomplete)", request.method, request.url.path
        )
        return Response(status_code=499)  # nobody reads it (nginx's "client closed request")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.error("unexpected error on %s %s: %r", request.method, request.url.path, exc)
        return error_response(500, "internal_error", "Internal error.")

    # --- dependencies ---------------------------------------------------------------
    def current(authorization: Annotated[str | None, Header()] = None) -> auth.Principal:
        if not authorization or not authorization.startswith("Bearer "):
            return auth.require(None)
        token = authorization[7:].strip()
        if not token or len(token) > 200:
            return auth.require(None)
        with db.read() as conn:
            return auth.require(auth.principal_for_token(conn, token))

    Who = Annotated[auth.Principal, Depends(current)]
    ReportId = Annotated[int, Path(ge=1, le=MAX_ID)]

    # --- routes -----------------------------------------------------------------------
    @app.get(f"{API}/meta", response_model=MetaOut, tags=["meta"])
    def get_meta():
        with db.read() as conn:
            return JSONBytes(service.meta(conn))

    @app.get(f"{API}/me", response_model=MeOut, responses=_errors(401), tags=["meta"])
    def get_me(who: Who):
        with db.read() as conn:
            unit = None
            if who.unit_id is not None:
                row = conn.one("SELECT id, code, name FROM units WHERE id = ?", (who.unit_id,))
                unit = {"id": int(row[0]), "code": row[1], "name": row[2]}
        return JSONBytes(
            {"name": who.name, "role": who.role, "unit": unit, "districts": sorted(who.districts)}
        )

    @app.get(f"{API}/units", response_model=list[UnitOut], responses=_errors(401), tags=["meta"])
    def get_units(who: Who):
        with db.read() as conn:
            rows = conn.all("SELECT id, code, name, kind, parent_id FROM units ORDER BY id")
        return JSONBytes(
            [
                {
                    "id": int(i),
                    "code": c,
                    "name": n,
                    "kind": k,
                    "parent_id": None if p is None else int(p),
                }
                for i, c, n, k, p in rows
            ]
        )

    def _csv(value: str | None, allowed: frozenset[str], what: str) -> list[str] | None:
        if value is None:
            return None
        items = [v.strip() for v in value.split(",") if v.strip()]
        bad = [v for v in items if v not in allowed]
        if bad or not items:
            raise ApiError(422, "invalid_filter", f"Unknown {what}: {', '.join(bad) or value}")
        return items

    @app.get(
        f"{API}/reports",
        response_model=ReportCollection | ReportRows,
        responses=_errors(401, 422, 503),
        tags=["reports"],
        summary="Changes feed (GeoJSON FeatureCollection ordered by revision)",
    )
    def get_reports(
        who: Who,
        since: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
        limit: Annotated[int, Query(ge=1, le=10**12)] = DEFAULT_LIMIT,
        bbox: Annotated[str | None, Query(max_length=200)] = None,
        unit: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
        district: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
        status: Annotated[str | None, Query(max_length=500)] = None,
        category: Annotated[str | None, Query(max_length=2000)] = None,
        source: Annotated[str | None, Query(max_length=500)] = None,
        submitted_from: date | None = None,
        submitted_to: date | None = None,
        format: Literal["geojson", "rows"] = "geojson",
    ):
        f = FeedFilter(
            bbox=parse_bbox(bbox),
            district=district,
            statuses=_csv(status, catalogue.STATUS_CODES, "status"),
            categories=_csv(category, catalogue.CATEGORY_CODES, "category"),
            sources=_csv(source, catalogue.SOURCE_CODES, "source"),
            submitted_from=submitted_from,
            submitted_to=submitted_to,
        )

        def page() -> Iterator[bytes]:
            with db.read() as conn:
                if unit is not None:
                    f.units = auth.unit_subtree(conn, unit)
                rows = format == "rows"
                yield from feed_stream(conn, who, f, since, min(limit, MAX_LIMIT), rows)

        return streamed(page())

    @app.get(
        f"{API}/reports/{{report_id}}",
        response_model=ReportFeature,
        responses=_errors(401, 404, 422),
        tags=["reports"],
    )
    def get_report(who: Who, report_id: ReportId):
        with db.read() as conn:
            body, rev = service.report_detail(conn, who, report_id)
        return JSONBytes(body, headers={"ETag": f'"{rev}"'})

    @app.patch(
        f"{API}/reports/{{report_id}}",
        response_model=ReportFeature,
        responses=_errors(400, 401, 403, 404, 412, 422, 428),
        tags=["reports"],
    )
    def patch_report(
        who: Who,
        report_id: ReportId,
        body: PatchBody,
        if_match: Annotated[str | None, Header(max_length=100)] = None,
    ):
        with db.write() as conn:
            out, rev = service.patch_report(
                conn, who, report_id, if_match, body.model_dump(exclude_none=True)
            )
        return JSONBytes(out, headers={"ETag": f'"{rev}"'})

    @app.delete(
        f"{API}/reports/{{report_id}}",
        status_code=204,
        responses=_errors(401, 403, 404, 422),
        tags=["reports"],
    )
    def delete_report(who: Who, report_id: ReportId):
        with db.write() as conn:
            service.delete_report(conn, who, report_id)
        return Response(status_code=204)

    @app.get(
        f"{API}/reports/{{report_id}}/history",
        response_model=list[HistoryEntry],
        responses=_errors(401, 404, 422),
        tags=["reports"],
    )
    def get_history(who: Who, report_id: ReportId):
        with db.read() as conn:
            return JSONBytes(service.report_history(conn, who, report_id))

    @app.get(
        f"{API}/reports/{{report_id}}/attachments/{{n}}",
        responses={
            200: {"description": "the file", "content": {"application/octet-stream": {}}},
            **_errors(401, 404, 422),
        },
        response_class=Response,
        tags=["reports"],
    )
    def get_attachment(who: Who, report_id: ReportId, n: Annotated[int, Path(ge=0, le=2)]):
        with db.read() as conn:
            name, ctype, content = service.attachment(conn, who, report_id, n)
        from urllib.parse import quote

        return Response(
            content,
            media_type=ctype,
            headers={
                "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
                "X-Content-Type-Options": "nosniff",
                "Content-Security-Policy": "default-src 'none'; sandbox",
            },
        )

    @app.post(
        f"{API}/verifications",
        response_model=VerificationResults,
        responses=_errors(400, 401, 413, 422),
        tags=["reports"],
    )
    def post_verifications(who: Who, body: VerificationRequest):
        changes = [c.model_dump() for c in body.changes]
        with db.write() as conn:
            out = service.verify_batch(conn, who, changes)
        return JSONBytes(out)

    @app.get(
        f"{API}/districts",
        response_model=DistrictCollection,
        responses=_errors(401, 422),
        tags=["districts"],
    )
    def get_districts(
        who: Who,
        unit: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
        bbox: Annotated[str | None, Query(max_length=200)] = None,
    ):
        box = parse_bbox(bbox)
        with db.read() as conn:
            units = auth.unit_subtree(conn, unit) if unit is not None else None
            body = districts.collection(conn, units, box)
        return JSONBytes(body)

    @app.post(
        f"{API}/districts",
        response_model=DistrictUpsertOut,
        responses=_errors(400, 401, 403, 413, 422),
        tags=["districts"],
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {JSON: {"schema": {"type": "object"}}},
            }
        },
    )
    async def post_districts(request: Request):
        who = await run_in_threadpool(current, request.headers.get("authorization"))
        if not who.is_admin:
            raise ApiError(403, "forbidden", "Only an admin may change districts.")
        data = _parse_json(await request.body())

        def work():
            with db.write() as conn:
                items = districts.from_feature_collection(conn, data)
                return districts.upsert(conn, items, who.name)

        return JSONBytes(await run_in_threadpool(work))

    @app.post(
        f"{API}/public/reports",
        status_code=201,
        response_model=CreatedId,
        responses=_errors(400, 413, 422, 429),
        tags=["public"],
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    JSON: {"schema": {"$ref": "#/components/schemas/PublicReportIn"}},
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "required": ["report"],
                            "properties": {
                                "report": {"$ref": "#/components/schemas/PublicReportIn"},
                                "files": {
                                    "type": "array",
                                    "maxItems": MAX_FILES,
                                    "items": {"type": "string", "format": "binary"},
                                },
                            },
                        },
                        "encoding": {"report": {"contentType": JSON}},
                    },
                },
            }
        },
    )
    async def post_public_report(request: Request):
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        files: list[Upload] = []
        if ctype == "multipart/form-data":
            data, files = await _read_multipart(request)
        elif ctype in ("application/json", "") or ctype.endswith("+json"):
            data = _parse_json(await request.body())
        else:
            raise ApiError(422, "unsupported_media_type", "Send JSON or multipart/form-data.")
        today = utcnow().date()
        report = service.parse_public_report(data, today)
        ip = request.client.host if request.client else "unknown"

        def work():
            with db.write() as conn:
                return service.submit_report(conn, report, files, ip)

        report_id = await run_in_threadpool(work)
        return JSONBytes({"id": report_id}, status_code=201)

    @app.post(
        f"{API}/public/reports/{{report_id}}/confirmations",
        status_code=201,
        response_model=ConfirmationOut,
        responses=_errors(404, 409, 422, 429),
        tags=["public"],
        summary='A resident confirms ("+1") a report that is on the map',
    )
    def post_confirmation(report_id: ReportId, request: Request):
        ip = request.client.host if request.client else "unknown"
        with db.write() as conn:
            count = service.confirm_report(conn, report_id, ip)
        return JSONBytes({"id": report_id, "confirmations": count}, status_code=201)

    app.include_router(police_reports.router(db, current, _errors))

    from .public_web import install  # the public map (it imports this module's helpers)

    install(app)
    app.openapi = lambda: _openapi(app)
    app.add_middleware(AccessLogMiddleware)
    app.add_middleware(
        BodyLimitMiddleware,
        limit=BODY_LIMIT,
        overrides={f"{API}/districts": DISTRICTS_BODY_LIMIT},
    )
    return app


def _setup_logging() -> None:
    logger = logging.getLogger("kmzb_store")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    if os.environ.get("KMZB_STORE_ACCESS_LOG") == "0":
        access_log.setLevel(logging.WARNING)


def create_app_from_env() -> FastAPI:
    """The factory uvicorn calls in each worker (database URL from ``KMZB_STORE_DB``)."""
    _setup_logging()
    return create_app(os.environ.get(ENV_URL))


def _parse_json(raw: bytes) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise ApiError(400, "malformed_json", "The body is not valid JSON.") from None


async def _read_multipart(request: Request) -> tuple[Any, list[Upload]]:
    from starlette.datastructures import UploadFile

    try:
        form = await request.form(max_files=10, max_fields=20, max_part_size=64 * 1024)
    except ClientDisconnect:
        raise
    except Exception:
        raise ApiError(400, "malformed_multipart", "The multipart body is malformed.") from None
    try:
        data: Any = None
        files: list[Upload] = []
        for key, value in form.multi_items():
            if key == "report":
                if data is not None:
                    raise ApiError(422, "invalid_body", "Only one report part is allowed.")
                raw = await value.read() if isinstance(value, UploadFile) else value.encode()
                data = _parse_json(raw)
            elif key in ("files", "file"):
                if not isinstance(value, UploadFile):
                    raise ApiError(422, "invalid_body", "files must be file parts.")
                if len(files) >= MAX_FILES:
                    raise ApiError(422, "too_many_files", f"At most {MAX_FILES} attachments.")
                files.append(Upload(value.filename or "plik", await value.read()))
            else:
                raise ApiError(422, "unknown_field", "Unknown multipart field.")
        if data is None:
            raise ApiError(422, "invalid_body", "The multipart body needs a report part.")
        return data, files
    finally:
        await form.close()


def _openapi(app: FastAPI) -> dict:
    """FastAPI's schema with every error response described by ErrorBody."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    comps = schema.setdefault("components", {}).setdefault("schemas", {})
    comps["PublicReportIn"] = PublicReportIn.model_json_schema(
        ref_template="#/components/schemas/{model}"
    )
    comps.setdefault("ErrorBody", ErrorBody.model_json_schema())
    for k in ("HTTPValidationError", "ValidationError"):
        comps.pop(k, None)
    err = {"$ref": "#/components/schemas/ErrorBody"}
    for name, path in schema.get("paths", {}).items():
        public = name.startswith((f"{API}/public/", f"{API}/meta"))
        for op in path.values():
            responses = op.get("responses", {})
            for code in list(responses):
                if code.startswith(("4", "5")):
                    responses[code] = {
                        "description": responses[code].get("description", "error"),
                        "content": {JSON: {"schema": err}},
                    }
            if not public:
                op["security"] = [{"bearer": []}]
    schema["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
    app.openapi_schema = schema
    return schema
