"""How ``kmzb-store serve`` meets clients that misbehave (docs/guide-admin.md §5).

uvicorn's own HTTP/1.1 protocol (h11) with two clocks added, per connection:

* read timeout: a client must send its complete request headers within ``read_timeout``
  seconds of connecting (or of the previous answer), and may not pause longer than that in
  the middle of a request body; otherwise the connection is closed. Idle and half-open
  sockets cost a file descriptor for seconds, not for ever.
* send timeout: when the client has read nothing for ``send_timeout`` seconds while an
  answer waits to be sent (the socket's buffers are full), the connection is dropped; the
  application sees the client leave and a streamed feed page gives its database connection
  back.

The settings come from the environment (``kmzb-store serve`` sets them) because uvicorn
builds the protocol in every worker process.
"""

from __future__ import annotations

import asyncio
import logging
import os
import resource

from uvicorn.protocols.http.h11_impl import H11Protocol

ENV_READ_TIMEOUT = "KMZB_STORE_READ_TIMEOUT"
ENV_SEND_TIMEOUT = "KMZB_STORE_SEND_TIMEOUT"
READ_TIMEOUT = 15.0
SEND_TIMEOUT = 30.0
KEEP_ALIVE = 5  # seconds an idle connection stays open after an answer (uvicorn's default)

log = logging.getLogger("kmzb_store")


def _seconds(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a read and a send timeout (see the module docstring)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.read_timeout = _seconds(ENV_READ_TIMEOUT, READ_TIMEOUT)
        self.send_timeout = _seconds(ENV_SEND_TIMEOUT, SEND_TIMEOUT)
        self._read_clock: asyncio.TimerHandle | None = None
        self._send_clock: asyncio.TimerHandle | None = None

    # --- read timeout -------------------------------------------------------------
    def _start_read_clock(self, why: str) -> None:
        self._stop_read_clock()
        self._read_clock = self.loop.call_later(self.read_timeout, self._read_expired, why)

    def _stop_read_clock(self) -> None:
        if self._read_clock is not None:
            self._read_clock.cancel()
            self._read_clock = None

    def _read_expired(self, why: str) -> None:
        self._read_clock = None
        if self.transport.is_closing():
            return
        if self.flow is not None and self.flow.read_paused:  # we stopped reading, not the client
            self._start_read_clock(why)
            return
        if why == "body":
            log.info(
                "closed a connection: the request body stalled for %.0f s (%s %s)",
                self.read_timeout,
                self.scope.get("method"),
                self.scope.get("path"),
            )
        else:  # common and harmless (browsers' spare connections): no line at info
            log.debug("closed a connection: no complete request in %.0f s", self.read_timeout)
        self.transport.abort()

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_read_clock("headers")

    def handle_events(self) -> None:
        before = self.cycle
        super().handle_events()
        cycle = self.cycle
        if cycle is None or self.transport.is_closing():
            return  # no request yet: the clock for its headers runs on
        if cycle is before and cycle.response_complete:
            return  # the same: the next request's headers after an answer
        if cycle.more_body and not cycle.response_started and not cycle.disconnected:
            self._start_read_clock("body")  # every piece of body restarts the clock
        else:
            self._stop_read_clock()  # the request is in: the application has it

    def on_response_complete(self) -> None:
        if not self.transport.is_closing():
            self._start_read_clock("headers")  # the next request (keep-alive), if any
        super().on_response_complete()

    # --- send timeout -------------------------------------------------------------
    def pause_writing(self) -> None:
        super().pause_writing()
        if self._send_clock is None:
            self._send_clock = self.loop.call_later(self.send_timeout, self._send_expired)

    def resume_writing(self) -> None:
        super().resume_writing()
        if self._send_clock is not None:
            self._send_clock.cancel()
            self._send_clock = None

    def _send_expired(self) -> None:
        self._send_clock = None
        if self.transport.is_closing():
            return
        scope = self.scope or {}
        log.warning(
            "dropped a client that read nothing for %.0f s (%s %s)",
            self.send_timeout,
            scope.get("method"),
            scope.get("path"),
        )
        self.transport.abort()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_read_clock()
        if self._send_clock is not None:
            self._send_clock.cancel()
            self._send_clock = None
        super().connection_lost(exc)


def raise_open_files_limit() -> int:
    """Lift this process's soft limit of open files to its hard limit (systemd's default
    soft limit is 1,024: that many idle sockets would stop the store accepting anyone);
    returns the limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        target = 1 << 20 if hard == resource.RLIM_INFINITY else hard
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            return target
        except (ValueError, OSError):
            pass
    return soft
