"""The residents' side: the public map page at ``/`` (files in web/static, its libraries and
basemap built by ``make web``). Its read endpoint ``GET /api/v1/public/reports`` is in
routes/public.py."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.responses import FileResponse, PlainTextResponse, Response

log = logging.getLogger("kmzb_store")

STATIC = Path(__file__).resolve().parents[1] / "web" / "static"
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
NOT_BUILT = (
    "The public map's files are not built. Run `make web` in the source tree "
    "(npm ci for Leaflet, the basemap from QGIS's world_map.gpkg), then restart the store.\n"
)


class _Static(StaticFiles):
    def file_response(self, *args, **kw) -> Response:
        response = super().file_response(*args, **kw)
        response.headers.update(PAGE_HEADERS)
        return response


def install(app: FastAPI) -> None:
    """Add the page at ``/`` and its files at ``/static``."""
    if not BUILT.exists():
        log.warning("public map not built: %s", NOT_BUILT.strip())

    @app.get("/", include_in_schema=False)
    def get_page():
        if not BUILT.exists():
            return PlainTextResponse(NOT_BUILT, status_code=503)
        return FileResponse(STATIC / "index.html", headers=PAGE_HEADERS)

    app.mount("/static", _Static(directory=STATIC), name="static")
