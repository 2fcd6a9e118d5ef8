"""What to tell the officer after a pull: new reports in *his* districts (a dzielnicowy) or
unit (a kierownik, an analityk: everything his pull brings), and open reports whose take-up
or verification deadline falls within the next SOON_H hours. Each report is told of once
per kind: what was told is kept in the connection's cache (``kmzb_seen``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from .cache import Cache
from .model import Meta
from .session import Session

SOON_H = 12


@dataclass
class News:
    new: list[int] = field(default_factory=list)  # reports that came in since the last look
    due_soon: list[int] = field(default_factory=list)  # a deadline within SOON_H hours

    @property
    def ids(self) -> list[int]:
        return sorted(set(self.new) | set(self.due_soon))

    def __bool__(self) -> bool:
        return bool(self.new or self.due_soon)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def take_news(
    cache: Cache, meta: Meta, me: dict, first_pull: bool = False, now: datetime | None = None
) -> News:
    """The news since the last look, marked as told in the same transaction. After the first
    pull (or the first look into a cache filled before notes existed), the reports already
    there are the starting point, not news (only deadlines are)."""
    now = now or datetime.now(UTC)
    districts = Session(meta, me).own_districts
    news = News()
    with cache.transaction():
        new = cache.unseen("new", [meta.new_code], districts)
        if not first_pull and cache.get_state("news_since"):
            news.new = new
        if not cache.get_state("news_since"):
            cache.set_state("news_since", _iso(now))
        cache.mark_seen("new", new)
        soon = (_iso(now), _iso(now + timedelta(hours=SOON_H)))
        news.due_soon = cache.unseen("due", meta.open_codes(), districts, soon, meta)
        cache.mark_seen("due", news.due_soon)
    return news
