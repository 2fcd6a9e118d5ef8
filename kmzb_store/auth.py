"""Users, bearer tokens and the per-object authorization rules.

Tokens are random; only their SHA-256 is stored. Read scope: dzielnicowy, kierownik and
analityk read the reports of their unit and its sub-units, admin reads everything. Write
scope: dzielnicowy changes reports inside its own districts, kierownik within its unit
subtree, analityk nothing, admin everything.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from .db import Connection
from .errors import Unauthenticated
from .util import iso_now, sha256_hex

ROLES = ("dzielnicowy", "kierownik", "analityk", "admin")


@dataclass
class Principal:
    user_id: int
    name: str
    role: str
    unit_id: int | None
    districts: frozenset[int] = frozenset()
    read_units: frozenset[int] | None = None  # None: every unit (admin)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def can_read(self, unit_id: int | None) -> bool:
        if self.read_units is None:
            return True
        return unit_id is not None and unit_id in self.read_units

    def can_write(self, unit_id: int | None, district_id: int | None) -> bool:
        if self.role == "admin":
            return True
        if self.role == "kierownik":
            return self.can_read(unit_id)
        if self.role == "dzielnicowy":
            return district_id is not None and district_id in self.districts
        return False

    def can_add(self, unit_id: int | None, district_id: int | None) -> bool:
        """Whether this user may put a police-sourced threat at a place of that unit and
        district: where they may edit, and an analityk anywhere in their read scope."""
        if self.role == "analityk":
            return self.can_read(unit_id)
        return self.can_write(unit_id, district_id)


@dataclass
class UserSpec:
    name: str
    role: str
    unit: str | None = None
    districts: list[str] = field(default_factory=list)


def new_token() -> str:
    return "kmzb_" + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return sha256_hex(token)


def unit_subtree(conn: Connection, unit_id: int) -> list[int]:
    rows = conn.all(
        "WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE id = ? "
        "UNION ALL SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) "
        "SELECT id FROM sub",
        (unit_id,),
    )
    return [int(r[0]) for r in rows]


def principal_for_token(conn: Connection, token: str) -> Principal | None:
    row = conn.one(
        "SELECT id, name, role, unit_id FROM users WHERE token_hash = ?", (token_hash(token),)
    )
    if row is None:
        return None
    user_id, name, role, unit_id = int(row[0]), row[1], row[2], row[3]
    districts = frozenset(
        int(r[0])
        for r in conn.all("SELECT district_id FROM user_districts WHERE user_id = ?", (user_id,))
    )
    if role == "admin":
        read_units = None
    elif unit_id is None:
        read_units = frozenset()
    else:
        read_units = frozenset(unit_subtree(conn, int(unit_id)))
    return Principal(
        user_id=user_id,
        name=name,
        role=role,
        unit_id=None if unit_id is None else int(unit_id),
        districts=districts,
        read_units=read_units,
    )


def resolve_ref(conn: Connection, table: str, ref: str) -> int:
    """A unit or district given as code or numeric id → id (ValueError when unknown)."""
    assert table in ("units", "districts")
    row = conn.one(f"SELECT id FROM {table} WHERE code = ?", (ref,))
    if row is None and ref.isdigit():
        row = conn.one(f"SELECT id FROM {table} WHERE id = ?", (int(ref),))
    if row is None:
        kind = "unit" if table == "units" else "district"
        raise ValueError(f"unknown {kind}: {ref}")
    return int(row[0])


def create_user(conn: Connection, spec: UserSpec) -> str:
    """Create (or re-issue) a user; returns the new token. Re-running for an existing name
    replaces its role, unit, districts and token."""
    if spec.role not in ROLES:
        raise ValueError(f"unknown role {spec.role!r} (one of {', '.join(ROLES)})")
    unit_id = resolve_ref(conn, "units", spec.unit) if spec.unit else None
    district_ids = [resolve_ref(conn, "districts", d) for d in spec.districts]
    if spec.role == "dzielnicowy":
        if not district_ids:
            raise ValueError("a dzielnicowy needs at least one --district")
        units = {
            int(conn.scalar("SELECT unit_id FROM districts WHERE id = ?", (d,)))
            for d in district_ids
        }
        if unit_id is None:
            if len(units) != 1:
                raise ValueError("districts of different units: give --unit")
            unit_id = units.pop()
    elif spec.role in ("kierownik", "analityk") and unit_id is None:
        raise ValueError(f"a {spec.role} needs --unit")
    elif spec.role == "admin" and district_ids:
        raise ValueError("an admin has no districts")
    token = new_token()
    existing = conn.scalar("SELECT id FROM users WHERE name = ?", (spec.name,))
    if existing is None:
        user_id = conn.insert_id(
            "INSERT INTO users (name, role, unit_id, token_hash, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (spec.name, spec.role, unit_id, token_hash(token), iso_now()),
        )
    else:
        user_id = int(existing)
        conn.execute(
            "UPDATE users SET role = ?, unit_id = ?, token_hash = ? WHERE id = ?",
            (spec.role, unit_id, token_hash(token), user_id),
        )
        conn.execute("DELETE FROM user_districts WHERE user_id = ?", (user_id,))
    conn.executemany(
        "INSERT INTO user_districts (user_id, district_id) VALUES (?, ?)",
        [(user_id, d) for d in sorted(set(district_ids))],
    )
    return token


def require(principal: Principal | None) -> Principal:
    if principal is None:
        raise Unauthenticated()
    return principal
