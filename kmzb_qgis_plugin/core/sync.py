"""Pull: the store's changes feed -> the GeoPackage cache, page by page.

Each page lands in one transaction together with the cursor, so a cancel, a crash or a
dropped connection leaves a consistent cache and the next pull resumes where it stopped.
The next page is fetched while the current one is written (the two overlap on 2 cores).
Pages come in the store's compact rows format (GeoJSON from a store without it). A first
pull sets the cache's secondary indexes and R-tree aside and builds them once at the end,
also when cancelled; one killed before that gets them from the next pull.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ..i18n import tr
from .api_client import StoreClient
from .cache import Cache, write_districts
from .district_locate import assign_districts
from .errors import BadResponse, Cancelled

PAGE_SIZE = 10_000  # ~3.5 MB a rows page; json parses it a row at a time (loads_in_steps)


@dataclass
class PullResult:
    upserted: int = 0
    deleted: int = 0
    pages: int = 0
    skipped: int = 0
    cursor: int = 0
    full: bool = False
    districts: int | None = None
    located: int = 0  # reports without a district that got one by point-in-polygon
    outside: int = 0  # reports outside every cached district (flagged, kept)


def filters_signature(filters: dict[str, str]) -> str:
    return json.dumps({k: v for k, v in filters.items() if v not in (None, "")}, sort_keys=True)


def pull(
    client: StoreClient,
    cache: Cache,
    filters: dict[str, str] | None = None,
    *,
    page_size: int = PAGE_SIZE,
    with_districts: bool | None = None,
    progress: Callable[[float], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> PullResult:
    """Bring the cache up to date with the store for these filters."""
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    signature = filters_signature(filters)
    result = PullResult()
    meta, me = client.meta(), client.me()
    with cache.transaction():
        cache.set_state("meta", json.dumps(meta))
        cache.set_state("me", json.dumps(me))
    if cache.get_state("filters") != signature:
        cache.reset_reports()
    with cache.fast_writes():
        cache.end_bulk()  # a first pull killed before its end
        result.full = cache.cursor == 0
        if with_districts or (with_districts is None and result.full):
            result.districts = write_districts(cache.path, client.districts())
        if result.full:
            cache.begin_bulk()
        try:
            _pages(client, cache, filters, signature, page_size, result, progress, is_cancelled)
        finally:
            cache.end_bulk()
        cache.finish_pull()
    result.located, result.outside = assign_districts(cache, recheck=result.districts is not None)
    return result


def _pages(client, cache, filters, signature, page_size, result, progress, is_cancelled) -> None:
    since = start = result.cursor = cache.cursor

    def fetch(cursor: int) -> dict:
        return client.reports_page(cursor, page_size, filters, rows=True)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kmzb-fetch") as pool:
        future = pool.submit(fetch, since)
        while True:
            page = future.result()
            if is_cancelled and is_cancelled():
                client.cancel()
                raise Cancelled(tr("Pull cancelled; the next pull resumes from here."))
            next_since = page.get("next_since")
            if next_since is not None and not isinstance(next_since, int):
                raise BadResponse(
                    tr("The store sent a malformed reports page."), f"next_since={next_since!r}"
                )
            if next_since is not None:
                future = pool.submit(fetch, next_since)
            state = {"filters": signature} if result.pages == 0 else None
            if page["type"] == "ReportRows":
                last = max(since, page["last_revision"])
                written = cache.apply_rows(
                    page["columns"], page["rows"], page["deleted"], last, state
                )
            else:
                last = _last_revision(page["features"], since)
                written = cache.apply_page(page["features"], last, state)
            result.upserted += written.upserted
            result.deleted += written.deleted
            result.skipped += written.skipped
            result.pages += 1
            since = result.cursor = last
            if progress:
                top = page.get("server_revision") or last
                progress(100.0 if top <= start else 100.0 * (last - start) / (top - start))
            if next_since is None:
                break


def _last_revision(features: list, since: int) -> int:
    """The cursor after this page: the highest revision in it (pages are ordered)."""
    for feature in reversed(features):
        try:
            return max(since, int(feature["properties"]["revision"]))
        except (KeyError, TypeError, ValueError):
            continue
    return since
