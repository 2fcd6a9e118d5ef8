"""Response classes: JSON from bytes or objects (orjson), and feed pages streamed from the
database with a bounded number of stream slots."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import anyio
import orjson
from fastapi.concurrency import run_in_threadpool
from starlette.responses import Response, StreamingResponse

from ..errors import Busy

log = logging.getLogger("kmzb_store")
JSON = "application/json"


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
STREAM_WAIT = 15.0  # seconds a page waits for a slot before Busy


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
            raise Busy(retry_after=5) from None
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
