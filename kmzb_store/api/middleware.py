"""ASGI middleware: the request body limit (413 before the app reads too much) and one
access-log line per request."""

from __future__ import annotations

import logging
import time

from ..errors import Malformed, TooLarge
from .errors import send_error

access_log = logging.getLogger("kmzb_store.access")

BODY_LIMIT = 6 * 1024 * 1024
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
        too_large_error = TooLarge(f"Request body over {limit} bytes.")
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    n = int(v)
                except ValueError:
                    return await send_error(send, Malformed("Bad Content-Length."))
                if n > limit:
                    if n <= DRAIN_LIMIT:
                        await _drain(receive, 0)
                    return await send_error(send, too_large_error)
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
            await send_error(send, too_large_error)


async def _drain(receive, received: int) -> None:
    while received <= DRAIN_LIMIT:
        msg = await receive()
        if msg["type"] != "http.request":
            return
        received += len(msg.get("body", b""))
        if not msg.get("more_body", False):
            return


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
