"""``/reports``: the changes feed, one report (read, PATCH, DELETE), its history and
attachments."""

from collections.abc import Iterator
from datetime import date
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Header, Path, Query
from starlette.responses import Response

from ... import auth, catalogue, reports, verifications
from ...errors import (
    Busy,
    Forbidden,
    Invalid,
    Malformed,
    NotFound,
    RevisionRequired,
    StaleRevision,
    Unauthenticated,
)
from ...feed import DEFAULT_LIMIT, MAX_LIMIT, FeedFilter, feed_stream
from ..deps import API, Bbox, Db, ReportId, Since, Who, parse_bbox, parse_codes
from ..errors import documented
from ..responses import JSONBytes, StreamedJSON
from ..schemas import MAX_ID, HistoryEntry, PatchBody, ReportCollection, ReportFeature, ReportRows

router = APIRouter(prefix=API, tags=["reports"])


@router.get(
    "/reports",
    response_model=ReportCollection | ReportRows,
    responses=documented(Unauthenticated, Invalid, Busy),
    summary="Changes feed (GeoJSON FeatureCollection ordered by revision)",
)
def get_reports(
    who: Who,
    db: Db,
    since: Since = 0,
    limit: Annotated[int, Query(ge=1, le=10**12)] = DEFAULT_LIMIT,
    bbox: Bbox = None,
    unit: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    district: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    status: Annotated[str | None, Query(max_length=500)] = None,
    category: Annotated[str | None, Query(max_length=2000)] = None,
    source: Annotated[str | None, Query(max_length=500)] = None,
    submitted_from: date | None = None,
    submitted_to: date | None = None,
    format: Literal["geojson", "rows"] = "geojson",
):
    f = FeedFilter(
        bbox=parse_bbox(bbox),
        district=district,
        statuses=parse_codes(status, catalogue.STATUS_CODES, "status"),
        categories=parse_codes(category, catalogue.CATEGORY_CODES, "category"),
        sources=parse_codes(source, catalogue.SOURCE_CODES, "source"),
        submitted_from=submitted_from,
        submitted_to=submitted_to,
    )

    def page() -> Iterator[bytes]:
        with db.read() as conn:
            if unit is not None:
                f.units = auth.unit_subtree(conn, unit)
            rows = format == "rows"
            yield from feed_stream(conn, who, f, since, min(limit, MAX_LIMIT), rows)

    return StreamedJSON(page())


@router.get(
    "/reports/{report_id}",
    response_model=ReportFeature,
    responses=documented(Unauthenticated, NotFound, Invalid),
)
def get_report(who: Who, db: Db, report_id: ReportId):
    with db.read() as conn:
        body, rev = reports.report_detail(conn, who, report_id)
    return JSONBytes(body, headers={"ETag": f'"{rev}"'})


@router.patch(
    "/reports/{report_id}",
    response_model=ReportFeature,
    responses=documented(
        Malformed, Unauthenticated, Forbidden, NotFound, StaleRevision, Invalid, RevisionRequired
    ),
)
def patch_report(
    who: Who,
    db: Db,
    report_id: ReportId,
    body: PatchBody,
    if_match: Annotated[str | None, Header(max_length=100)] = None,
):
    with db.write() as conn:
        out, rev = verifications.patch_report(
            conn, who, report_id, if_match, body.model_dump(exclude_none=True)
        )
    return JSONBytes(out, headers={"ETag": f'"{rev}"'})


@router.delete(
    "/reports/{report_id}",
    status_code=204,
    responses=documented(Unauthenticated, Forbidden, NotFound, Invalid),
)
def delete_report(who: Who, db: Db, report_id: ReportId):
    with db.write() as conn:
        reports.delete_report(conn, who, report_id)
    return Response(status_code=204)


@router.get(
    "/reports/{report_id}/history",
    response_model=list[HistoryEntry],
    responses=documented(Unauthenticated, NotFound, Invalid),
)
def get_history(who: Who, db: Db, report_id: ReportId):
    with db.read() as conn:
        return JSONBytes(reports.report_history(conn, who, report_id))


@router.get(
    "/reports/{report_id}/attachments/{n}",
    responses={
        200: {"description": "the file", "content": {"application/octet-stream": {}}},
        **documented(Unauthenticated, NotFound, Invalid),
    },
    response_class=Response,
)
def get_attachment(who: Who, db: Db, report_id: ReportId, n: Annotated[int, Path(ge=0, le=2)]):
    with db.read() as conn:
        name, ctype, content = reports.attachment(conn, who, report_id, n)
    return Response(
        content,
        media_type=ctype,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )
