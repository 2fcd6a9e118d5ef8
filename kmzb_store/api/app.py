"""The application: ``create_app`` wires the database, the error handlers, the routers,
the public page, the middleware and the OpenAPI document. uvicorn calls
``create_app_from_env`` in each worker (``kmzb-store serve``)."""

import logging
import os
import sys

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from .. import __version__
from ..db import ENV_URL, Database
from . import errors, public_page
from .deps import API
from .middleware import BODY_LIMIT, AccessLogMiddleware, BodyLimitMiddleware
from .routes import ROUTERS
from .routes.districts import DISTRICTS_BODY_LIMIT
from .schemas import ErrorBody, PublicReportIn

JSON = errors.JSON


def create_app(db_url: str | None = None) -> FastAPI:
    """The store's FastAPI application on the database at ``db_url`` (see db.py)."""
    app = FastAPI(
        title="KMZB store",
        version=__version__,
        description="Central store of KMZB reports (Krajowa Mapa Zagrożeń Bezpieczeństwa).",
        openapi_url=f"{API}/openapi.json",
        docs_url=f"{API}/docs",
        redoc_url=None,
    )
    app.state.db = Database(db_url)
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)
    public_page.install(app)
    app.openapi = lambda: _openapi(app)
    app.add_middleware(AccessLogMiddleware)
    app.add_middleware(
        BodyLimitMiddleware,
        limit=BODY_LIMIT,
        overrides={f"{API}/districts": DISTRICTS_BODY_LIMIT},
    )
    return app


def _setup_logging() -> None:
    logger = logging.getLogger("kmzb_store")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    if os.environ.get("KMZB_STORE_ACCESS_LOG") == "0":
        logging.getLogger("kmzb_store.access").setLevel(logging.WARNING)


def create_app_from_env() -> FastAPI:
    """The factory uvicorn calls in each worker (database URL from ``KMZB_STORE_DB``)."""
    _setup_logging()
    return create_app(os.environ.get(ENV_URL))


def _openapi(app: FastAPI) -> dict:
    """FastAPI's schema with every error response described by ErrorBody."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    comps = schema.setdefault("components", {}).setdefault("schemas", {})
    comps["PublicReportIn"] = PublicReportIn.model_json_schema(
        ref_template="#/components/schemas/{model}"
    )
    comps.setdefault("ErrorBody", ErrorBody.model_json_schema())
    for k in ("HTTPValidationError", "ValidationError"):
        comps.pop(k, None)
    err = {"$ref": "#/components/schemas/ErrorBody"}
    for name, path in schema.get("paths", {}).items():
        public = name.startswith((f"{API}/public/", f"{API}/meta"))
        for op in path.values():
            responses = op.get("responses", {})
            for code in list(responses):
                if code.startswith(("4", "5")):
                    responses[code] = {
                        "description": responses[code].get("description", "error"),
                        "content": {JSON: {"schema": err}},
                    }
            if not public:
                op["security"] = [{"bearer": []}]
    schema["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
    app.openapi_schema = schema
    return schema
