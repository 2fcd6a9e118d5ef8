"""``POST /reports``: officers add threats the police learned of (police_reports.py)."""

from fastapi import APIRouter

from ... import police_reports
from ...errors import Invalid, Malformed, TooLarge, Unauthenticated
from ..deps import API, Db, Who
from ..errors import documented
from ..responses import JSONBytes
from ..schemas import PoliceReportResults, PoliceReportsIn

router = APIRouter(prefix=API, tags=["reports"])


@router.post(
    "/reports",
    response_model=PoliceReportResults,
    responses=documented(Malformed, Unauthenticated, TooLarge, Invalid),
    summary="Officers add threats the police learned of (debate, meeting, own, systems)",
)
def post_reports(who: Who, db: Db, body: PoliceReportsIn):
    items = [r.model_dump(exclude_none=True) for r in body.reports]
    with db.write() as conn:
        out = police_reports.add_batch(conn, who, items)
    return JSONBytes(out)
