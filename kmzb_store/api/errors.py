"""The one place where errors become HTTP: each domain error kind's status code, the JSON
error body ``{"error": {"code", "message"}}``, the exception handlers, and the error
responses the OpenAPI document lists per route."""

from __future__ import annotations

import logging
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import Response

from ..errors import (
    AlreadyDone,
    Busy,
    Forbidden,
    Invalid,
    Malformed,
    NotFound,
    RateLimited,
    RevisionRequired,
    StaleRevision,
    StoreError,
    TooLarge,
    Unauthenticated,
)
from .schemas import ErrorBody

log = logging.getLogger("kmzb_store")
JSON = "application/json"

# kind -> (status, what the OpenAPI document says of it)
STATUS: dict[type[StoreError], tuple[int, str]] = {
    Malformed: (400, "malformed request"),
    Unauthenticated: (401, "missing or invalid bearer token"),
    Forbidden: (403, "not allowed for this user"),
    NotFound: (404, "not found (or outside the caller's scope)"),
    AlreadyDone: (409, "conflict"),
    StaleRevision: (412, "stale revision"),
    TooLarge: (413, "body too large"),
    Invalid: (422, "invalid input"),
    RevisionRequired: (428, "If-Match required"),
    RateLimited: (429, "rate limited"),
    Busy: (503, "busy: try again after Retry-After seconds"),
}


def status_of(exc: StoreError) -> int:
    for kind in type(exc).__mro__:
        if kind in STATUS:
            return STATUS[kind][0]
    return 500


def headers_of(exc: StoreError) -> dict[str, str]:
    headers = {}
    if exc.retry_after is not None:
        headers["Retry-After"] = str(exc.retry_after)
    if isinstance(exc, Unauthenticated):
        headers["WWW-Authenticate"] = "Bearer"
    return headers


def error_body(code: str, message: str, extra: dict | None = None) -> bytes:
    body: dict[str, Any] = {"error": {"code": code, "message": message}}
    if extra:
        body.update(extra)
    return orjson.dumps(body)


def error_response(exc: StoreError) -> Response:
    return _response(status_of(exc), exc.code, exc.message, headers_of(exc), exc.extra)


def _response(status: int, code: str, message: str, headers=None, extra=None) -> Response:
    body = error_body(code, message, extra)
    return Response(body, status_code=status, media_type=JSON, headers=headers)


async def send_error(send, exc: StoreError) -> None:
    """The error as a whole ASGI response (for middleware, before the app runs), closing
    the connection."""
    body = error_body(exc.code, exc.message)
    await send(
        {
            "type": "http.response.start",
            "status": status_of(exc),
            "headers": [
                (b"content-type", JSON.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def documented(*kinds: type[StoreError]) -> dict:
    """A route's ``responses=``: the error kinds it may answer, each with ErrorBody."""
    return {STATUS[k][0]: {"model": ErrorBody, "description": STATUS[k][1]} for k in kinds}


def install(app: FastAPI) -> None:
    """The exception handlers: domain errors, FastAPI's validation, Starlette's HTTP errors,
    a client gone mid-body, and anything unexpected (logged, never a traceback out)."""

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError):
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        errs = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errs):
            return error_response(Malformed("The body is not valid JSON.", "malformed_json"))
        parts = []
        for e in errs[:5]:
            loc = ".".join(str(x) for x in e.get("loc", ()) if x != "body")
            parts.append(f"{loc}: {e.get('msg')}")
        return error_response(Invalid("; ".join(parts) or "Invalid request."))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        codes = {404: "not_found", 405: "method_not_allowed", 400: "bad_request"}
        msg = exc.detail if isinstance(exc.detail, str) else "Request error."
        if exc.status_code == 400 and "parsing the body" in msg:
            msg = "The body is not valid JSON."
        code = codes.get(exc.status_code, "http_error")
        return _response(exc.status_code, code, msg, exc.headers)

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
        return _response(500, "internal_error", "Internal error.")
