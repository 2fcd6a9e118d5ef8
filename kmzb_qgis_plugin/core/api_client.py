"""The one client that talks to the KMZB store: base URL, auth header, timeouts, retries.

Every failure leaves here as a typed ``KmzbError`` (see errors.py); callers never see a Qt
network error. ``cancel()`` aborts the request in flight through its QgsFeedback.
"""

from __future__ import annotations

import json
import json as _json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from qgis.core import QgsBlockingNetworkRequest, QgsFeedback
from qgis.PyQt.QtCore import QByteArray, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from ..i18n import tr
from .errors import (
    BadResponse,
    Cancelled,
    StoreError,
    StoreTimeout,
    StoreUnreachable,
    from_status,
)

_scan = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[attr-defined]


def _skip(text: str, i: int) -> int:
    """The index of the first character at or after ``i`` that is not JSON whitespace."""
    while i < len(text) and text[i] in " \t\n\r":
        i += 1
    return i


def loads_in_steps(body: bytes) -> Any:
    """``json.loads`` of a JSON object whose arrays directly under the top level are read
    an item at a time by json's own C scanner: QGIS's main thread gets the GIL between two
    items, where json.loads of a 10,000-row page holds it for 50-200 ms at once. Anything
    else (or anything malformed) goes to json.loads, which gives the same answer or error."""
    try:
        text = body.decode("utf-8")
        skip = _skip
        i = skip(text, 0)
        if text[i] != "{":
            raise ValueError
        out: dict[str, Any] = {}
        i = skip(text, i + 1)
        while text[i] != "}" or out:
            key, i = _scan(text, i)
            i = skip(text, i)
            if type(key) is not str or text[i] != ":":
                raise ValueError
            i = skip(text, i + 1)
            if text[i] == "[":
                out[key], i = _array_in_steps(text, skip(text, i + 1))
            else:
                out[key], i = _scan(text, i)
            i = skip(text, i)
            if text[i] == "}":
                break
            if text[i] != ",":
                raise ValueError
            i = skip(text, i + 1)
        if skip(text, i + 1) != len(text):
            raise ValueError
        return out
    except (ValueError, IndexError, StopIteration):
        return json.loads(body)


def _array_in_steps(text: str, i: int) -> tuple[list, int]:
    """The array whose first item (or end) is at ``i``: (items, index after its "]")."""
    items: list = []
    add, scan = items.append, _scan
    if text[i] == "]":
        return items, i + 1
    while True:
        item, i = scan(text, i)
        add(item)
        if text[i] in " \t\n\r":
            i = _skip(text, i)
        if text[i] == "]":
            return items, i + 1
        if text[i] != ",":
            raise ValueError
        i += 1
        if text[i] in " \t\n\r":
            i = _skip(text, i)


try:  # orjson parses the feed 2-3x faster; QGIS's own Python may not have it
    import orjson

    _loads: Callable[[bytes], Any] = orjson.loads
    _JSONError: tuple[type[Exception], ...] = (orjson.JSONDecodeError, ValueError)
except ImportError:  # pragma: no cover - depends on the interpreter
    _loads = loads_in_steps
    _JSONError = (ValueError,)

USER_AGENT = "kmzb-qgis-plugin"
RETRY_STATUSES = (502, 503, 504)
_Error = QNetworkReply.NetworkError


@dataclass(frozen=True)
class Retry:
    """How often refused connections and 502/503/504 answers are tried again, with
    exponential backoff (``backoff`` * 2**(n-1) s) or the store's Retry-After."""

    total: int = 4
    backoff: float = 0.5

    def delay(self, attempt: int, retry_after: str = "") -> float:
        if retry_after.strip().isdigit():
            return float(retry_after)
        return self.backoff * 2 ** (attempt - 1)


def make_retry(total: int = 4, backoff: float = 0.5) -> Retry:
    """Retry refused connections and 502/503/504 with exponential backoff.

    POST is retried too: every change we send carries its own op_id, so a repeat is a no-op
    on the store.
    """
    return Retry(total, backoff)


class StoreClient:
    """HTTP client of the store's API v1 (see docs/api.md) on QGIS's own network stack
    (QgsBlockingNetworkRequest): QGIS's proxy, its trusted CAs and SSL settings apply, in
    the main thread and in QgsTask threads alike."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: tuple[float, float] = (5.0, 60.0),
        retry: Retry | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        if not self.base_url.endswith("/api/v1"):
            self.base_url += "/api/v1"
        self.timeout = timeout
        self.retry = retry if retry is not None else make_retry()
        self.token = token
        self._cancel = threading.Event()
        self._feedback: QgsFeedback | None = None

    # --- plumbing ---------------------------------------------------------------------
    def close(self) -> None:
        """Nothing to release: QGIS owns the connections (kept for the callers' symmetry)."""

    def cancel(self) -> None:
        """Abort the request in flight (from any thread); later calls raise Cancelled."""
        self._cancel.set()
        feedback = self._feedback
        if feedback is not None:
            feedback.cancel()

    def _request(self, url: str, json_body: Any) -> QNetworkRequest:
        request = QNetworkRequest(QUrl(url))
        request.setRawHeader(b"User-Agent", USER_AGENT.encode())
        request.setRawHeader(b"Accept", b"application/json")
        if self.token:
            request.setRawHeader(b"Authorization", f"Bearer {self.token}".encode())
        if json_body is not None:
            request.setHeader(QNetworkRequest.KnownHeaders.ContentTypeHeader, "application/json")
        # no byte for this long (connecting, waiting, reading): the store is not answering
        request.setTransferTimeout(int(max(self.timeout) * 1000))
        return request

    def _send(self, method: str, request: QNetworkRequest, data: bytes | None):
        """One attempt: (HTTP status or None, body, Qt network error, error text)."""
        feedback = QgsFeedback()
        self._feedback = feedback
        if self._cancel.is_set():
            raise Cancelled(tr("Cancelled."))
        blocking = QgsBlockingNetworkRequest()
        try:
            if method == "GET":
                blocking.get(request, True, feedback)
            elif method == "POST":
                blocking.post(request, QByteArray(data or b""), True, feedback)
            else:  # pragma: no cover - the API uses GET and POST only
                raise ValueError(method)
        finally:
            self._feedback = None
        if self._cancel.is_set():
            raise Cancelled(tr("Cancelled."))
        reply = blocking.reply()
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        retry_after = bytes(reply.rawHeader(QByteArray(b"Retry-After"))).decode("latin-1")
        return (
            int(status) if status else None,
            bytes(reply.content()),
            reply.error(),
            blocking.errorMessage(),
            retry_after,
        )

    def request_bytes(
        self, method: str, path: str, *, params: dict | None = None, json: Any = None
    ) -> bytes:
        """Send a request and return the body of a 2xx answer, or raise a KmzbError."""
        url = f"{self.base_url}{path}"
        full = f"{url}?{urlencode(params)}" if params else url
        data = _json.dumps(json).encode() if json is not None else None
        request = self._request(full, json)
        attempt = 0
        while True:
            status, body, error, text, retry_after = self._send(method, request, data)
            again = status in RETRY_STATUSES or (
                status is None and error == _Error.ConnectionRefusedError
            )
            if again and attempt < self.retry.total:
                attempt += 1
                if self._cancel.wait(self.retry.delay(attempt, retry_after)):
                    raise Cancelled(tr("Cancelled."))
                continue
            break
        detail = f"{method} {url}: {text} (Qt error {int(error)})"
        if status is not None and (error == _Error.NoError or status >= 400):
            if status >= 400:
                raise from_status(status, body, url)
            return body
        if error in (_Error.TimeoutError, _Error.OperationCanceledError):
            raise StoreTimeout(tr("The store did not answer in time."), detail)
        if status is not None:  # the answer began, then the connection broke
            raise StoreError(
                tr("The store's answer broke off midway; nothing of it was kept. Try again."),
                detail,
            )
        if error == _Error.SslHandshakeFailedError:
            raise StoreUnreachable(
                tr("Secure connection to the store failed (certificate not trusted?)."), detail
            )
        raise StoreUnreachable(
            tr("Cannot reach the store at {}. Check the address and the network.").format(
                self.base_url
            ),
            detail,
        )

    def request_json(self, method: str, path: str, **kwargs: Any) -> Any:
        body = self.request_bytes(method, path, **kwargs)
        try:
            return _loads(body)
        except _JSONError as exc:
            raise BadResponse(
                tr("The store sent a malformed answer (not JSON)."), f"{path}: {body[:500]!r}"
            ) from exc

    # --- API v1 -----------------------------------------------------------------------
    def meta(self) -> dict:
        return self.request_json("GET", "/meta")

    def me(self) -> dict:
        return self.request_json("GET", "/me")

    def reports_page(
        self, since: int, limit: int, filters: dict[str, str] | None = None, rows: bool = False
    ) -> dict:
        """One page of the changes feed; checked to be a FeatureCollection, or with ``rows``
        a page in the compact rows format (docs/api.md) if the store offers it."""
        params = {"since": since, "limit": limit, **(filters or {})}
        if rows:
            params["format"] = "rows"
        page = self.request_json("GET", "/reports", params=params)
        kind = page.get("type") if isinstance(page, dict) else None
        if kind == "FeatureCollection":
            ok = isinstance(page.get("features"), list)
        else:
            ok = (
                rows
                and kind == "ReportRows"
                and all(isinstance(page.get(k), list) for k in ("columns", "rows", "deleted"))
                and isinstance(page.get("last_revision"), int)
            )
        if not ok:
            raise BadResponse(
                tr("The store sent a malformed reports page (not GeoJSON)."), repr(page)[:500]
            )
        return page

    def report(self, report_id: int) -> dict:
        return self.request_json("GET", f"/reports/{int(report_id)}")

    def history(self, report_id: int) -> list:
        return self.request_json("GET", f"/reports/{int(report_id)}/history")

    def attachment(self, report_id: int, n: int) -> bytes:
        return self.request_bytes("GET", f"/reports/{int(report_id)}/attachments/{int(n)}")

    def districts(self) -> dict:
        return self.request_json("GET", "/districts")

    def _batch(self, path: str, key: str, items: list[dict]) -> list[dict]:
        """POST a batch of op_id items; the store's results, one per item, in order."""
        answer = self.request_json("POST", path, json={key: items})
        results = answer.get("results") if isinstance(answer, dict) else None
        if not isinstance(results, list) or len(results) != len(items):
            raise BadResponse(
                tr("The store's answer to the verifications is malformed."), repr(answer)[:500]
            )
        return results

    def verifications(self, changes: list[dict]) -> list[dict]:
        return self._batch("/verifications", "changes", changes)

    def add_reports(self, reports: list[dict]) -> list[dict]:
        """POST /reports: police-sourced threats."""
        return self._batch("/reports", "reports", reports)

    def upload_districts(self, collection: dict) -> dict:
        """POST /districts (admin): create or update districts by code."""
        return self.request_json("POST", "/districts", json=collection)
