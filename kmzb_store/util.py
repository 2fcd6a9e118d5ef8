"""Small shared helpers: time formatting, hashing, address blocks."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from datetime import UTC, date, datetime, timedelta

ISO_FMT = "%Y-%m-%dT%H:%M:%SZ"

# Poland's bounding box: coordinates outside it are rejected as bad input.
LON_MIN, LON_MAX = 14.0, 24.2
LAT_MIN, LAT_MAX = 49.0, 54.9


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


IPV6_PREFIX = 64  # default of the ipv6_prefix setting: one household's or phone's network


def address_block(ip: str, ipv6_prefix: int) -> str:
    """What the per-address limits count: an IPv4 address as it is, an IPv6 address by its
    network of ``ipv6_prefix`` bits (a /64 is what one household or phone gets, and every
    address in it is theirs). Anything else (no address) is taken as it is."""
    try:
        addr = ipaddress.ip_address(ip.strip())
    except ValueError:
        return ip
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped is not None:
            return str(addr.ipv4_mapped)
        return str(ipaddress.IPv6Network((addr, ipv6_prefix), strict=False))
    return str(addr)
