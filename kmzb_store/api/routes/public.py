"""The residents' endpoints (no token): a new report (JSON or multipart with files), the
"+1", and the public map's reports in a bbox (public fields only, ETag)."""

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import Response

from ... import intake
from ...attachments import MAX_FILES, Upload
from ...auth import Principal
from ...errors import AlreadyDone, Invalid, Malformed, NotFound, RateLimited, TooLarge
from ...feed import PUBLIC_MAX_LIMIT, FeedFilter, feed_stream
from ...util import utcnow
from ..bodies import parse_json, read_multipart
from ..deps import API, Db, ReportId, Since, parse_bbox
from ..errors import JSON, documented
from ..responses import JSONBytes
from ..schemas import ConfirmationOut, CreatedId, PublicReports

router = APIRouter(prefix=f"{API}/public", tags=["public"])
PUBLIC = Principal(user_id=0, name="public", role="public", unit_id=None)
# caches may keep a page but must ask again (If-None-Match) before using it: a resident who
# just reported expects to see the report
CACHE = "public, no-cache"


def client_ip(request: Request) -> str:
    """The resident's address: used for the per-address limits (as a salted HMAC), never
    stored or sent on as it is."""
    return request.client.host if request.client else "unknown"


@router.post(
    "/reports",
    status_code=201,
    response_model=CreatedId,
    responses=documented(Malformed, TooLarge, Invalid, RateLimited),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                JSON: {"schema": {"$ref": "#/components/schemas/PublicReportIn"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["report"],
                        "properties": {
                            "report": {"$ref": "#/components/schemas/PublicReportIn"},
                            "files": {
                                "type": "array",
                                "maxItems": MAX_FILES,
                                "items": {"type": "string", "format": "binary"},
                            },
                        },
                    },
                    "encoding": {"report": {"contentType": JSON}},
                },
            },
        }
    },
)
async def post_public_report(request: Request, db: Db):
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    files: list[Upload] = []
    if ctype == "multipart/form-data":
        data, files = await read_multipart(request)
    elif ctype in ("application/json", "") or ctype.endswith("+json"):
        data = parse_json(await request.body())
    else:
        raise Invalid("Send JSON or multipart/form-data.", "unsupported_media_type")
    report = intake.parse_public_report(data, utcnow().date())
    ip = client_ip(request)

    def work():
        with db.write() as conn:
            return intake.submit_report(conn, report, files, ip)

    report_id = await run_in_threadpool(work)
    return JSONBytes({"id": report_id}, status_code=201)


@router.post(
    "/reports/{report_id}/confirmations",
    status_code=201,
    response_model=ConfirmationOut,
    responses=documented(NotFound, AlreadyDone, Invalid, RateLimited),
    summary='A resident confirms ("+1") a report that is on the map',
)
def post_confirmation(report_id: ReportId, request: Request, db: Db):
    with db.write() as conn:
        count = intake.confirm_report(conn, report_id, client_ip(request))
    return JSONBytes({"id": report_id, "confirmations": count}, status_code=201)


@router.get(
    "/reports",
    response_model=PublicReports,
    responses={304: {"description": "unchanged (If-None-Match)"}, **documented(Invalid)},
    summary="The public map's reports in a bbox (only what anyone may see)",
)
def get_public_reports(
    db: Db,
    bbox: Annotated[str, Query(max_length=200)],
    since: Since = 0,
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
