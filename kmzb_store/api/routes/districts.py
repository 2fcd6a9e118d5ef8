"""``/districts``: the districts as GeoJSON; the admin's upsert (a large body, read by
hand: its limit is DISTRICTS_BODY_LIMIT)."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool

from ... import auth, districts
from ...errors import Forbidden, Invalid, Malformed, TooLarge, Unauthenticated
from ..bodies import parse_json
from ..deps import API, Bbox, Db, Who, authenticate, parse_bbox
from ..errors import JSON, documented
from ..responses import JSONBytes
from ..schemas import MAX_ID, DistrictCollection, DistrictUpsertOut

DISTRICTS_BODY_LIMIT = 64 * 1024 * 1024

router = APIRouter(prefix=API, tags=["districts"])


@router.get(
    "/districts",
    response_model=DistrictCollection,
    responses=documented(Unauthenticated, Invalid),
)
def get_districts(
    who: Who,
    db: Db,
    unit: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    bbox: Bbox = None,
):
    box = parse_bbox(bbox)
    with db.read() as conn:
        units = auth.unit_subtree(conn, unit) if unit is not None else None
        body = districts.collection(conn, units, box)
    return JSONBytes(body)


@router.post(
    "/districts",
    response_model=DistrictUpsertOut,
    responses=documented(Malformed, Unauthenticated, Forbidden, TooLarge, Invalid),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {JSON: {"schema": {"type": "object"}}},
        }
    },
)
async def post_districts(request: Request, db: Db):
    who = await run_in_threadpool(authenticate, db, request.headers.get("authorization"))
    if not who.is_admin:
        raise Forbidden("Only an admin may change districts.")
    data = parse_json(await request.body())

    def work():
        with db.write() as conn:
            items = districts.from_feature_collection(conn, data)
            return districts.upsert(conn, items, who.name)

    return JSONBytes(await run_in_threadpool(work))
