"""Residents' intake: a new report (checked, located, limited per address) and the "+1"
on a report already on the map. ``insert_report`` is shared with police_reports.py."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from . import catalogue, geo
from .attachments import Upload
from .attachments import check as check_attachments
from .common import clean_text, report_row, settings, write_history
from .db import Connection
from .errors import AlreadyDone, Invalid, NotFound, RateLimited
from .util import IPV6_PREFIX, add_hours, address_block, ip_hmac, iso, parse_iso, utcnow

MAX_DESCRIPTION = 500
DAYS_OF_WEEK = ("pn", "wt", "sr", "cz", "pt", "sb", "nd")
_DAY_ALIASES = {"so": "sb", "śr": "sr"}
TIME_OF_DAY = re.compile(r"^[a-z_]{1,20}$")
EVENT_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
PUBLIC_FIELDS = {
    "category",
    "lon",
    "lat",
    "description",
    "event_date",
    "event_time",
    "time_of_day",
    "days_of_week",
}


def address_key(s: dict[str, str], client_ip: str) -> str:
    """The salted HMAC under which the per-address limits count a resident: IPv4 by
    address, IPv6 by its /``ipv6_prefix`` network (util.address_block)."""
    prefix = int(s.get("ipv6_prefix", IPV6_PREFIX))
    return ip_hmac(s["ip_salt"], address_block(client_ip, prefix))


def _daily_limit(s: dict[str, str], now: datetime, what: str, times: list[Any]) -> None:
    """``RateLimited`` (with when to retry) when an address already made
    ``public_reports_per_ip_per_day`` of ``what`` in the last 24 h (``times``: theirs,
    oldest first; 0 means no limit)."""
    per_day = int(s.get("public_reports_per_ip_per_day", "1"))
    if per_day <= 0 or len(times) < per_day:
        return
    first = times[0][0]
    first_dt = parse_iso(first) if isinstance(first, str) else first
    retry = max(1, math.ceil((first_dt + timedelta(hours=24) - now).total_seconds()))
    raise RateLimited(
        f"Only one {what} per day is accepted from one connection.", retry_after=retry
    )


@dataclass
class NewReport:
    category: str
    lon: float
    lat: float
    description: str | None
    event_date: str | None
    event_time: str | None
    time_of_day: str | None
    days_of_week: str | None


def parse_public_report(data: Any, today: date) -> NewReport:
    """A resident's report body checked field by field, or ``Invalid`` naming the field."""
    if not isinstance(data, dict):
        raise Invalid("The report must be a JSON object.", "invalid_body")
    unknown = set(data) - PUBLIC_FIELDS
    if unknown:
        raise Invalid(f"Unknown field(s): {', '.join(sorted(unknown))}.", "unknown_field")
    cat = data.get("category")
    if not isinstance(cat, str) or cat not in catalogue.CATEGORY_CODES:
        raise Invalid("Unknown category code (see /api/v1/meta).", "unknown_category")
    if not next(c for c in catalogue.CATEGORIES if c.code == cat).active:
        raise Invalid("This category is no longer accepted.", "inactive_category")
    lon, lat = data.get("lon"), data.get("lat")
    if not geo.valid_point(lon, lat):
        raise Invalid(
            "lon and lat must be numbers inside Poland (lon 14.0–24.2, lat 49.0–54.9).",
            "invalid_location",
        )
    desc = clean_text(data.get("description"), "description", MAX_DESCRIPTION)
    ev_date = data.get("event_date")
    if ev_date is not None:
        try:
            if not isinstance(ev_date, str) or len(ev_date) != 10:
                raise ValueError
            d = date.fromisoformat(ev_date)
        except ValueError:
            raise Invalid("event_date must be YYYY-MM-DD.", "invalid_field") from None
        if d > today + timedelta(days=1) or d.year < 2000:
            raise Invalid("event_date must not be in the future.", "invalid_field")
    ev_time = data.get("event_time")
    if ev_time is not None and not (isinstance(ev_time, str) and EVENT_TIME.match(ev_time)):
        raise Invalid("event_time must be HH:MM.", "invalid_field")
    tod = data.get("time_of_day")
    if tod is not None and not (isinstance(tod, str) and TIME_OF_DAY.match(tod)):
        raise Invalid("time_of_day must be a short lowercase code.", "invalid_field")
    dow = data.get("days_of_week")
    if dow is not None:
        parts = (
            [_DAY_ALIASES.get(p.strip(), p.strip()) for p in dow.split(",")]
            if isinstance(dow, str)
            else None
        )
        if not parts or any(p not in DAYS_OF_WEEK for p in parts) or len(set(parts)) != len(parts):
            raise Invalid(
                "days_of_week must be a comma list of pn,wt,sr,cz,pt,sb,nd.", "invalid_field"
            )
        dow = ",".join(p for p in DAYS_OF_WEEK if p in parts)
    return NewReport(
        category=cat,
        lon=round(float(lon), 7),
        lat=round(float(lat), 7),
        description=desc or None,
        event_date=ev_date,
        event_time=ev_time,
        time_of_day=tod,
        days_of_week=dow,
    )


def submit_report(
    conn: Connection, report: NewReport, files: Sequence[Upload], client_ip: str
) -> int:
    """Store a resident's report (inside a write transaction); ``RateLimited`` on the
    address rule."""
    checked = check_attachments(list(files))
    s = settings(conn)
    now = utcnow()
    now_s = iso(now)
    ip_key = address_key(s, client_ip)
    window_start = iso(now - timedelta(hours=24))
    _daily_limit(
        s,
        now,
        "report",
        conn.all(
            "SELECT submitted_at FROM ip_submissions WHERE ip_hmac = ? AND submitted_at > ? "
            "ORDER BY submitted_at",
            (ip_key, window_start),
        ),
    )
    conn.execute("DELETE FROM ip_submissions WHERE submitted_at <= ?", (window_start,))
    conn.execute(
        "INSERT INTO ip_submissions (ip_hmac, submitted_at) VALUES (?, ?)", (ip_key, now_s)
    )
    district_id, unit_id = geo.locate(conn, report.lon, report.lat)
    report_id, _ = insert_report(conn, report, (unit_id, district_id), s, now_s, len(checked))
    conn.executemany(
        "INSERT INTO attachments (report_id, n, name, content_type, size, content) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(report_id, n, name, ct, len(data), data) for n, (name, ct, data) in enumerate(checked)],
    )
    return report_id


def insert_report(
    conn: Connection,
    report: NewReport,
    place: tuple[int | None, int | None],
    s: dict[str, str],
    now_s: str,
    attachments: int = 0,
    source: str = catalogue.CITIZEN_SOURCE,
    by_user: str | None = None,
) -> tuple[int, int]:
    """A new report in catalogue.NEW_STATUS at ``place`` (unit, district), its deadlines
    counted from now, and its first history row; returns (id, revision)."""
    unit_id, district_id = place
    rev = conn.next_revision()
    report_id = conn.insert_id(
        "INSERT INTO reports (revision, created_revision, category, status, lon, lat, "
        "description, submitted_at, event_date, event_time, time_of_day, days_of_week, "
        "unit_id, district_id, confirmations, attachments, take_up_due, verify_due, "
        "updated_at, source) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)",
        (
            rev,
            rev,
            report.category,
            catalogue.NEW_STATUS,
            report.lon,
            report.lat,
            report.description,
            now_s,
            report.event_date,
            report.event_time,
            report.time_of_day,
            report.days_of_week,
            unit_id,
            district_id,
            attachments,
            add_hours(now_s, int(s["take_up_hours"])),
            add_hours(now_s, int(s["verify_hours"])),
            now_s,
            source,
        ),
    )
    write_history(conn, [(report_id, rev, now_s, by_user, None, catalogue.NEW_STATUS, None)])
    return report_id, rev


def confirm_report(conn: Connection, report_id: int, client_ip: str) -> int:
    """A resident's "+1" on a report already on the map: once per address and report, and
    within the daily limit per address (as reports, counted apart from them)."""
    row = report_row(conn, report_id)
    if row is None:
        raise NotFound("report")
    s = settings(conn)
    key = address_key(s, client_ip)
    if conn.one(
        "SELECT 1 FROM ip_confirmations WHERE ip_hmac = ? AND report_id = ?", (key, report_id)
    ):
        raise AlreadyDone("This report was already confirmed from here.", "already_confirmed")
    now = utcnow()
    _daily_limit(
        s,
        now,
        "confirmation",
        conn.all(
            "SELECT at FROM ip_confirmations WHERE ip_hmac = ? AND at > ? ORDER BY at",
            (key, iso(now - timedelta(hours=24))),
        ),
    )
    now_s = iso(now)
    rev = conn.next_revision()
    conn.execute(
        "INSERT INTO ip_confirmations (ip_hmac, report_id, at) VALUES (?, ?, ?)",
        (key, report_id, now_s),
    )
    count = conn.scalar(
        "UPDATE reports SET confirmations = confirmations + 1, revision = ?, updated_at = ? "
        "WHERE id = ? RETURNING confirmations",
        (rev, now_s, report_id),
    )
    note = "potwierdzenie mieszkańca (+1)"
    write_history(conn, [(report_id, rev, now_s, None, row[2], row[2], note)])
    return int(count)
