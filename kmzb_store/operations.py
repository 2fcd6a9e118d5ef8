"""Batches of ``op_id`` items (``/verifications``, police ``POST /reports``) applied at most
once each: a resent ``op_id`` answers its first result; results are kept
``op_retention_days``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import orjson

from .auth import Principal
from .common import settings
from .db import Connection
from .errors import Invalid
from .util import iso, utcnow


def purge_operations(conn: Connection) -> int:
    """Forget the stored results of changes older than ``op_retention_days`` (a resent op_id
    older than that is treated as new); returns how many were dropped."""
    days = int(settings(conn).get("op_retention_days", "30"))
    cutoff = iso(utcnow() - timedelta(days=days))
    return conn.execute("DELETE FROM operations WHERE at < ?", (cutoff,)).rowcount


def stored_operations(
    conn: Connection, who: Principal, hashes: dict[str, str]
) -> dict[str, tuple[str, str]]:
    """op_id -> (body hash, first result) of the op_ids (with their bodies' ``hashes``) this
    user sent before; ``Invalid`` when one of them came with a different body."""
    stored: dict[str, tuple[str, str]] = {}
    if not hashes:
        return stored
    sql, params = conn.dialect.in_list("op_id", list(hashes))
    for op_id, body_hash, result in conn.all(
        f"SELECT op_id, body_hash, result FROM operations WHERE user_id = ? AND {sql}",
        [who.user_id, *params],
    ):
        if body_hash != hashes[op_id]:
            raise Invalid(f"op_id {op_id} was already used for a different change.", "op_id_reused")
        stored[op_id] = (body_hash, result)
    return stored


def once_per_op(
    conn: Connection,
    who: Principal,
    items: list[dict],
    hash_of: Callable[[dict], str],
    apply_one: Callable[[dict, str], dict],
) -> bytes:
    """A batch of ``op_id`` items in the current write transaction, each applied at most
    once: an ``op_id`` already stored answers its first result and changes nothing; the
    same ``op_id`` with another body is ``Invalid``. Returns ``{"results": [...]}``, in
    order."""
    purge_operations(conn)  # an index range on operations(at): next to nothing per batch
    hashes = [hash_of(item) for item in items]
    seen: dict[str, str] = {}
    for item, h in zip(items, hashes, strict=True):
        if seen.setdefault(item["op_id"], h) != h:
            raise Invalid(f"op_id {item['op_id']} appears with different bodies.", "op_id_reused")
    stored = stored_operations(conn, who, seen)
    now_s = iso(utcnow())
    out: list[bytes] = []
    new_ops: list[tuple] = []
    for item, h in zip(items, hashes, strict=True):
        op_id = item["op_id"]
        if op_id not in stored:
            text = orjson.dumps(apply_one(item, now_s)).decode()
            stored[op_id] = (h, text)
            new_ops.append((who.user_id, op_id, h, text, now_s))
        out.append(stored[op_id][1].encode())
    conn.executemany(
        "INSERT INTO operations (user_id, op_id, body_hash, result, at) VALUES (?, ?, ?, ?, ?)",
        new_ops,
    )
    return b'{"results":[' + b",".join(out) + b"]}"
