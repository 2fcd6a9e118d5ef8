"""The store client's former transport, ``requests`` with urllib3 retries, kept only as the
reference the pull benchmark measures QGIS's network stack against (bench_pull.py
--transport requests). Same API, same typed errors for the happy path."""

from __future__ import annotations

from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from kmzb_qgis_plugin.core.api_client import USER_AGENT, StoreClient
from kmzb_qgis_plugin.core.errors import Cancelled, StoreUnreachable, from_status

CHUNK = 1 << 20


class RequestsStoreClient(StoreClient):
    """StoreClient whose requests go through a requests.Session (streamed, chunked)."""

    def __init__(self, base_url: str, token: str | None = None, **kw: Any) -> None:
        super().__init__(base_url, token, **kw)
        self.session = requests.Session()
        retry = Retry(
            total=self.retry.total,
            connect=self.retry.total,
            read=0,
            status=self.retry.total,
            backoff_factor=self.retry.backoff,
            status_forcelist=(502, 503, 504),
            allowed_methods=None,
            raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept"] = "application/json"
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self.session.close()

    def request_bytes(self, method: str, path: str, **kwargs: Any) -> bytes:
        if self._cancel.is_set():
            raise Cancelled("Cancelled.")
        url = f"{self.base_url}{path}"
        try:
            with self.session.request(
                method, url, timeout=self.timeout, stream=True, **kwargs
            ) as resp:
                chunks = []
                for chunk in resp.iter_content(CHUNK):
                    if self._cancel.is_set():
                        raise Cancelled("Cancelled.")
                    chunks.append(chunk)
                body = b"".join(chunks)
                if resp.status_code >= 400:
                    raise from_status(resp.status_code, body, url)
                return body
        except requests.exceptions.RequestException as exc:
            raise StoreUnreachable("Cannot reach the store.", repr(exc)) from exc
