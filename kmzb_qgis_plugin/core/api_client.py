"""The one client that talks to the KMZB store: base URL, auth header, timeouts, retries.

Every failure leaves here as a typed ``KmzbError`` (see errors.py); callers never see a
requests exception. Bodies are read in chunks so ``cancel()`` takes effect within one chunk.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from ..i18n import tr
from .errors import (
    BadResponse,
    Cancelled,
    KmzbError,
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
CHUNK = 1 << 20


def make_retry(total: int = 4, backoff: float = 0.5) -> Retry:
    """Retry refused connections and 502/503/504 with exponential backoff.

    POST is retried too: every change we send carries its own op_id, so a repeat is a no-op
    on the store.
    """
    return Retry(
        total=total,
        connect=total,
        read=0,
        status=total,
        backoff_factor=backoff,
        other=0,  # e.g. an untrusted certificate: retrying will not help
        status_forcelist=(502, 503, 504),
        allowed_methods=None,
        respect_retry_after_header=True,
        raise_on_status=False,
    )


def _timed_out(exc: Exception) -> bool:
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    refused = isinstance(reason, urllib3.exceptions.NewConnectionError)  # a ConnectTimeout
    return not refused and isinstance(reason, TimeoutError | urllib3.exceptions.TimeoutError)


class StoreClient:
    """HTTP client of the store's API v1 (see docs/api.md)."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: tuple[float, float] = (5.0, 60.0),
        retry: Retry | None = None,
        proxies: dict[str, str] | None = None,
        verify: bool | str = True,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        if not self.base_url.endswith("/api/v1"):
            self.base_url += "/api/v1"
        self.timeout = timeout
        self._cancel = threading.Event()
        self.session = requests.Session()
        adapter = HTTPAdapter(max_retries=retry if retry is not None else make_retry())
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept"] = "application/json"
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        if proxies:
            self.session.proxies.update(proxies)
        self.session.verify = verify

    # --- plumbing ---------------------------------------------------------------------
    def close(self) -> None:
        self.session.close()

    def cancel(self) -> None:
        """Abort the request in flight (from any thread); later calls raise Cancelled."""
        self._cancel.set()

    def request_bytes(self, method: str, path: str, **kwargs: Any) -> bytes:
        """Send a request and return the body of a 2xx answer, or raise a KmzbError."""
        if self._cancel.is_set():
            raise Cancelled(tr("Cancelled."))
        url = f"{self.base_url}{path}"
        try:
            with self.session.request(  # verify per request: REQUESTS_CA_BUNDLE would win
                method, url, timeout=self.timeout, stream=True, verify=self.session.verify, **kwargs
            ) as resp:
                chunks = []
                for chunk in resp.iter_content(CHUNK):
                    if self._cancel.is_set():
                        raise Cancelled(tr("Cancelled."))
                    chunks.append(chunk)
                body = b"".join(chunks)
                if resp.status_code >= 400:
                    raise from_status(resp.status_code, body, url)
                return body
        except KmzbError:
            raise
        except requests.exceptions.Timeout as exc:
            raise StoreTimeout(tr("The store did not answer in time."), repr(exc)) from exc
        except requests.exceptions.ChunkedEncodingError as exc:  # a streamed page cut short
            raise StoreError(
                tr("The store's answer broke off midway; nothing of it was kept. Try again."),
                repr(exc),
            ) from exc
        except requests.exceptions.SSLError as exc:  # a ConnectionError: first
            raise StoreUnreachable(
                tr("Secure connection to the store failed (certificate not trusted?)."), repr(exc)
            ) from exc
        except requests.exceptions.ConnectionError as exc:
            if _timed_out(exc):  # urllib3 wraps a read timeout in MaxRetryError
                raise StoreTimeout(tr("The store did not answer in time."), repr(exc)) from exc
            raise StoreUnreachable(
                tr("Cannot reach the store at {}. Check the address and the network.").format(
                    self.base_url
                ),
                repr(exc),
            ) from exc
        except requests.exceptions.RequestException as exc:
            raise StoreUnreachable(
                tr("Cannot reach the store at {}. Check the address and the network.").format(
                    self.base_url
                ),
                repr(exc),
            ) from exc

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
