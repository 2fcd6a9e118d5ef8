"""``/meta`` (the catalogue, public), ``/me`` and ``/units``."""

from fastapi import APIRouter

from ...common import me, meta, units
from ...errors import Unauthenticated
from ..deps import API, Db, Who
from ..errors import documented
from ..responses import JSONBytes
from ..schemas import MeOut, MetaOut, UnitOut

router = APIRouter(prefix=API, tags=["meta"])


@router.get("/meta", response_model=MetaOut)
def get_meta(db: Db):
    with db.read() as conn:
        return JSONBytes(meta(conn))


@router.get("/me", response_model=MeOut, responses=documented(Unauthenticated))
def get_me(who: Who, db: Db):
    with db.read() as conn:
        return JSONBytes(me(conn, who))


@router.get("/units", response_model=list[UnitOut], responses=documented(Unauthenticated))
def get_units(who: Who, db: Db):
    with db.read() as conn:
        return JSONBytes(units(conn))
