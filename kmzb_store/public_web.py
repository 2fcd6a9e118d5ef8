"""The residents' side: the public map page at ``/`` (files in web/static, its libraries and
basemap built by ``make web``) and its read endpoint ``GET /api/v1/public/reports``."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Header, Query
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict
from starlette.responses import FileResponse, PlainTextResponse, Response

from .app import API, MAX_ID, JSONBytes, ReportFeature, _errors, parse_bbox
from .auth import Principal
from .feed import PUBLIC_MAX_LIMIT, FeedFilter, feed_stream

log = logging.getLogger("kmzb_store")

STATIC = Path(__file__).resolve().parent / "web" / "static"
BUILT = STATIC / "build" / ".built"  # written last by `make web`
# the page's scripts, styles, images and data come from the store itself, nothing inline
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
# caches may keep a page but must ask again (If-None-Match) before using it: a resident who
# just reported expects to see the report
CACHE = "public, no-cache"
PUBLIC = Principal(user_id=0, name="public", role="public", unit_id=None)
NOT_BUILT = (
    "The public map's files are not built. Run `make web` in the source tree "
    "(npm ci for Leaflet, the basemap from QGIS's world_map.gpkg), then restart the store.\n"
)


class PublicReports(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str
    server_revision: int
    next_since: int | None
    features: list[ReportFeature]


class _Static(StaticFiles):
    def file_response(self, *args, **kw) -> Response:
        response = super().file_response(*args, **kw)
        response.headers.update(PAGE_HEADERS)
        return response


def install(app: FastAPI) -> None:
    """Add the public read endpoint, the page at ``/`` and its files at ``/static``."""
    db = app.state.db
    if not BUILT.exists():
        log.warning("public map not built: %s", NOT_BUILT.strip())

    @app.get(
        f"{API}/public/reports",
        response_model=PublicReports,
        responses={304: {"description": "unchanged (If-None-Match)"}, **_errors(422)},
        tags=["public"],
        summary="The public map's reports in a bbox (only what anyone may see)",
    )
    def get_public_reports(
        bbox: Annotated[str, Query(max_length=200)],
        since: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
        limit: Annotated[int, Query(ge=1, le=PUBLIC_MAX_LIMIT)] = PUBLIC_MAX_LIMIT,
        if_none_match: Annotated[str | None, Header(max_length=200)] = None,
    ):
        f = FeedFilter(bbox=parse_bbox(bbox))
        with db.read() as conn:
            # every change of a report takes a new revision: the store's revision tags the page
            etag = f'"{conn.current_revision()}"'
            headers = {"ETag": etag, "Cache-Control": CACHE}
            if if_none_match and etag in (t.strip() for t in if_none_match.split(",")):
                return Response(status_code=304, headers=headers)
            body = b"".join(feed_stream(conn, PUBLIC, f, since, limit, public=True))
        return JSONBytes(body, headers=headers)

    @app.get("/", include_in_schema=False)
    def get_page():
        if not BUILT.exists():
            return PlainTextResponse(NOT_BUILT, status_code=503)
        return FileResponse(STATIC / "index.html", headers=PAGE_HEADERS)

    app.mount("/static", _Static(directory=STATIC), name="static")
