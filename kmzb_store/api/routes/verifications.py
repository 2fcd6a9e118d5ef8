"""``POST /verifications``: a batch of status and note changes, once per op_id."""

from fastapi import APIRouter

from ... import verifications
from ...errors import Invalid, Malformed, TooLarge, Unauthenticated
from ..deps import API, Db, Who
from ..errors import documented
from ..responses import JSONBytes
from ..schemas import VerificationRequest, VerificationResults

router = APIRouter(prefix=API, tags=["reports"])


@router.post(
    "/verifications",
    response_model=VerificationResults,
    responses=documented(Malformed, Unauthenticated, TooLarge, Invalid),
)
def post_verifications(who: Who, db: Db, body: VerificationRequest):
    changes = [c.model_dump() for c in body.changes]
    with db.write() as conn:
        out = verifications.verify_batch(conn, who, changes)
    return JSONBytes(out)
