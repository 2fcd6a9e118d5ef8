"""Small shared helpers: time formatting, errors, hashing."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, date, datetime, timedelta

ISO_FMT = "%Y-%m-%dT%H:%M:%SZ"

# Poland's bounding box: coordinates outside it are rejected as bad input.
LON_MIN, LON_MAX = 14.0, 24.2
LAT_MIN, LAT_MAX = 49.0, 54.9


class ApiError(Exception):
    """An error with an HTTP status and a machine code, rendered as
    ``{"error": {"code", "message"}}``."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict | None = None, extra=None
    ):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}
        self.extra = extra  # merged into the body next to "error" (e.g. "current")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def iso(dt: datetime | None) -> str | None:
    if dt is None:
        return None
    if dt.tzinfo is None:
        raise ValueError("naive datetime")
    return dt.astimezone(UTC).strftime(ISO_FMT)


def iso_now() -> str:
    return iso(utcnow())


def parse_iso(text: str) -> datetime:
    dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def add_hours(text: str, hours: int) -> str:
    return iso(parse_iso(text) + timedelta(hours=hours))


def day_start(d: date) -> str:
    return f"{d.isoformat()}T00:00:00Z"


def day_after(d: date) -> str:
    return f"{(d + timedelta(days=1)).isoformat()}T00:00:00Z"


def sha256_hex(data: str | bytes) -> str:
    if isinstance(data, str):
        data = data.encode()
    return hashlib.sha256(data).hexdigest()


def ip_hmac(salt: str, ip: str) -> str:
    return hmac.new(salt.encode(), ip.encode(), hashlib.sha256).hexdigest()


def in_poland(lon: float, lat: float) -> bool:
    return LON_MIN <= lon <= LON_MAX and LAT_MIN <= lat <= LAT_MAX
