"""The routes' dependencies and shared parameters: the database, the caller (bearer
token), report ids, paging and the feed's filters."""

import math
from typing import Annotated

from fastapi import Depends, Header, Path, Query, Request

from .. import auth
from ..auth import Principal
from ..db import Database
from ..errors import Invalid
from .schemas import MAX_ID

API = "/api/v1"


def database(request: Request) -> Database:
    """The application's database (``create_app`` puts it in ``app.state``)."""
    return request.app.state.db


Db = Annotated[Database, Depends(database)]


def authenticate(db: Database, authorization: str | None) -> Principal:
    """The caller named by an ``Authorization: Bearer`` header, or ``Unauthenticated``."""
    if not authorization or not authorization.startswith("Bearer "):
        return auth.require(None)
    token = authorization[7:].strip()
    if not token or len(token) > 200:
        return auth.require(None)
    with db.read() as conn:
        return auth.require(auth.principal_for_token(conn, token))


def principal(db: Db, authorization: Annotated[str | None, Header()] = None) -> Principal:
    return authenticate(db, authorization)


Who = Annotated[Principal, Depends(principal)]
ReportId = Annotated[int, Path(ge=1, le=MAX_ID)]
Since = Annotated[int, Query(ge=0, le=MAX_ID)]  # a revision: pages after it
Bbox = Annotated[str | None, Query(max_length=200)]


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``minlon,minlat,maxlon,maxlat`` as numbers, or ``Invalid``."""
    if value is None:
        return None
    try:
        parts = [float(p) for p in value.split(",")]
    except ValueError:
        parts = []
    if len(parts) != 4 or not all(math.isfinite(p) for p in parts):
        raise Invalid("bbox must be minlon,minlat,maxlon,maxlat.", "invalid_bbox")
    minx, miny, maxx, maxy = parts
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise Invalid("bbox must be minlon,minlat,maxlon,maxlat.", "invalid_bbox")
    return minx, miny, maxx, maxy


def parse_codes(value: str | None, allowed: frozenset[str], what: str) -> list[str] | None:
    """A comma list of catalogue codes, or ``Invalid`` naming the unknown ones."""
    if value is None:
        return None
    items = [v.strip() for v in value.split(",") if v.strip()]
    bad = [v for v in items if v not in allowed]
    if bad or not items:
        raise Invalid(f"Unknown {what}: {', '.join(bad) or value}", "invalid_filter")
    return items
