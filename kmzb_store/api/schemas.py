"""The API's request and response models (pydantic): what FastAPI checks and what the
OpenAPI document describes. Catalogue entries (categories, statuses, sources) take their
fields from ``catalogue.py``, so each field is defined once."""

import typing
from datetime import date
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    create_model,
    field_validator,
)

from .. import catalogue
from ..police_reports import MAX_REPORTS
from ..verifications import MAX_CHANGES, MAX_NOTE

MAX_ID = 2**53


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    model_config = ConfigDict(extra="allow")
    error: ErrorDetail


# --- reports --------------------------------------------------------------------------
class PointGeometry(BaseModel):
    type: Literal["Point"]
    coordinates: list[float] = Field(min_length=2, max_length=2)


class ReportProperties(BaseModel):
    model_config = ConfigDict(extra="allow")
    revision: int
    deleted: bool | None = None
    category: str | None = None
    status: str | None = None
    description: str | None = None
    submitted_at: str | None = None
    event_date: str | None = None
    event_time: str | None = None
    time_of_day: str | None = None
    days_of_week: str | None = None
    unit_id: int | None = None
    district_id: int | None = None
    confirmations: int | None = None
    attachments: int | None = None
    take_up_due: str | None = None
    verify_due: str | None = None
    taken_up_at: str | None = None
    verified_at: str | None = None
    updated_at: str | None = None
    last_note: str | None = None
    source: str | None = None


class ReportFeature(BaseModel):
    type: Literal["Feature"]
    id: int
    geometry: PointGeometry | None
    properties: ReportProperties


class ReportCollection(BaseModel):
    type: Literal["FeatureCollection"]
    next_since: int | None
    server_revision: int
    features: list[ReportFeature]


class ReportRows(BaseModel):
    """The feed in the compact rows format (``format=rows``, see docs/api.md)."""

    type: Literal["ReportRows"]
    next_since: int | None
    server_revision: int
    last_revision: int
    columns: list[str]
    rows: list[list[Any]]
    deleted: list[int]


class PublicReports(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str
    server_revision: int
    next_since: int | None
    features: list[ReportFeature]


class HistoryEntry(BaseModel):
    revision: int
    at: str
    by: str | None
    from_status: str | None
    to_status: str | None
    note: str | None


class DistrictCollection(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: Literal["FeatureCollection"]
    features: list[dict[str, Any]]


class DistrictUpsertOut(BaseModel):
    created: int
    updated: int
    reports_moved: int


# --- meta -----------------------------------------------------------------------------
def _served_model(entry_type: type, name: str) -> type[BaseModel]:
    """A response model with the fields ``GET /meta`` serves of a catalogue entry type."""
    hints = typing.get_type_hints(entry_type)
    served = catalogue.served_fields(entry_type)
    return create_model(name, **{f.name: (hints[f.name], ...) for f in served})


CategoryOut = _served_model(catalogue.Category, "CategoryOut")
StatusOut = _served_model(catalogue.Status, "StatusOut")
SourceOut = _served_model(catalogue.Source, "SourceOut")


class TransitionOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    from_: str = Field(alias="from")
    to: str


class Deadlines(BaseModel):
    take_up_hours: int
    verify_hours: int


class MetaOut(BaseModel):
    api_version: str
    server_version: str
    server_time: str
    categories: list[CategoryOut]
    statuses: list[StatusOut]
    transitions: list[TransitionOut]
    sources: list[SourceOut]
    deadlines: Deadlines


class UnitRef(BaseModel):
    id: int
    code: str
    name: str


class MeOut(BaseModel):
    name: str
    role: str
    unit: UnitRef | None
    districts: list[int]


class UnitOut(BaseModel):
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None


# --- changes and new reports ----------------------------------------------------------
def _safe_text(v: str | None) -> str | None:
    if v is None:
        return v
    if "\x00" in v:
        raise ValueError("must not contain NUL characters")
    try:
        v.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("not valid Unicode text") from None
    return v


class Change(BaseModel):
    model_config = ConfigDict(extra="forbid")
    op_id: StrictStr = Field(min_length=1, max_length=200)
    report_id: StrictInt = Field(ge=1, le=MAX_ID)
    base_revision: StrictInt = Field(ge=0, le=MAX_ID)
    # unknown statuses and over-long notes are per-change "rejected" results, not a 422
    status: StrictStr | None = None
    note: StrictStr | None = None

    _check = field_validator("op_id", "status", "note")(_safe_text)


class VerificationRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    changes: list[Change] = Field(max_length=MAX_CHANGES)


# one item's answer in an op_id batch (/verifications, police POST /reports)
class _OpResult(BaseModel):
    model_config = ConfigDict(extra="allow")
    op_id: str
    result: str


class ChangeResult(_OpResult):
    result: Literal["applied", "conflict", "rejected", "forbidden"]
    revision: int | None = None
    report: ReportFeature | None = None
    current: ReportFeature | None = None
    reason: str | None = None


class VerificationResults(BaseModel):
    results: list[ChangeResult]


class PatchBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: StrictStr | None = Field(default=None, max_length=64)
    note: StrictStr | None = Field(default=None, max_length=MAX_NOTE)

    _check = field_validator("status", "note")(_safe_text)


class PublicReportIn(BaseModel):
    """A resident's report (documentation of the JSON body and of the multipart part)."""

    model_config = ConfigDict(extra="forbid")
    category: str = Field(description="category code from /meta (active ones)")
    lon: float = Field(ge=14.0, le=24.2)
    lat: float = Field(ge=49.0, le=54.9)
    description: str | None = Field(default=None, max_length=500)
    event_date: date | None = None
    event_time: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    time_of_day: str | None = Field(default=None, pattern=r"^[a-z_]{1,20}$")
    days_of_week: str | None = None


class CreatedId(BaseModel):
    id: int


class ConfirmationOut(BaseModel):
    id: int
    confirmations: int


class PoliceReportIn(BaseModel):
    """One threat; fields beyond op_id and source are checked as a resident's report's are
    (a bad value is that item's 'rejected' result)."""

    model_config = ConfigDict(extra="forbid")
    op_id: StrictStr = Field(min_length=1, max_length=200)
    source: StrictStr = Field(description="a police source code from /meta (police: true)")
    category: StrictStr
    lon: float
    lat: float
    description: StrictStr | None = Field(default=None, max_length=500)
    event_date: StrictStr | None = Field(default=None, max_length=10)
    event_time: StrictStr | None = Field(default=None, max_length=5)
    time_of_day: StrictStr | None = Field(default=None, max_length=20)
    days_of_week: StrictStr | None = Field(default=None, max_length=40)

    @field_validator("op_id", "source", "category", "description", "days_of_week")
    @classmethod
    def _no_nul(cls, v: str | None) -> str | None:
        if v is not None and "\x00" in v:
            raise ValueError("must not contain NUL characters")
        return v


class PoliceReportResult(_OpResult):
    id: int | None = None
    revision: int | None = None
    reason: str | None = None
    report: dict | None = None


class PoliceReportsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reports: list[PoliceReportIn] = Field(max_length=MAX_REPORTS)


class PoliceReportResults(BaseModel):
    results: list[PoliceReportResult]
