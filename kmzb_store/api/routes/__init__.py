"""One APIRouter per resource, included by ``create_app`` in this order (the order of the
paths in the OpenAPI document)."""

from . import districts, meta, police_reports, public, reports, verifications

ROUTERS = (
    meta.router,
    reports.router,
    verifications.router,
    districts.router,
    public.router,
    police_reports.router,
)
