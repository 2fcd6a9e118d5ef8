"""What the last pull left in the cache about the store and the user: its catalogue (/meta)
and who the user is (/me), parsed once per pull, not by each reader."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .model import Meta

if TYPE_CHECKING:
    from .cache.connection import Connection


@dataclass(frozen=True)
class Session:
    meta: Meta | None  # None before the first pull
    me: Mapping[str, Any]

    @property
    def own_districts(self) -> list[int] | None:
        """A dzielnicowy's own districts; None (all) for every other role."""
        return self.me.get("districts") if self.me.get("role") == "dzielnicowy" else None


def session(cache: Connection) -> Session:
    """The cache's session; the JSON is parsed again only when a pull changed it."""
    return _parse(cache.get_state("meta"), cache.get_state("me"))


@lru_cache(maxsize=8)
def _parse(raw_meta: str | None, raw_me: str | None) -> Session:
    meta = Meta.from_json(json.loads(raw_meta)) if raw_meta else None
    return Session(meta, MappingProxyType(json.loads(raw_me) if raw_me else {}))
