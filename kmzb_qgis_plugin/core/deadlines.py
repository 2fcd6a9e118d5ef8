"""A report's deadline as a person says it: "overdue by 27 days", "5 h left",
"take up by Fri 14:00" (Polish through tr(): "po terminie od 27 dni", "zostało 5 h",
"do podjęcia do pt 14:00"). Short enough for the queue's column in a narrow dock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

from ..i18n import tr
from .model import Meta, deadlines, parse_time

SOON_H = 24  # nearer than this: the time left; further: the day and hour it falls due


def _weekday(day: int) -> str:
    return (tr("Mon"), tr("Tue"), tr("Wed"), tr("Thu"), tr("Fri"), tr("Sat"), tr("Sun"))[day]


def _span(hours: float) -> str:
    """A length of time rounded as people round it: minutes, hours, then days."""
    if hours < 1:
        return tr("{} min").format(max(1, int(hours * 60)))
    if hours < 48:
        return tr("{} h").format(int(hours))
    days = int(hours // 24)
    return tr("{} day").format(days) if days == 1 else tr("{} days").format(days)


def due_at(props: dict, meta: Meta, now: datetime | None = None) -> tuple[str, datetime] | None:
    """The deadline that matters next: ('take_up' | 'verify', when), None when none is open."""
    state = deadlines(props, meta, now)
    for kind, left in (("take_up", state.take_up_left_h), ("verify", state.verify_left_h)):
        when = parse_time(props.get(f"{kind}_due"))
        if left is not None and when is not None:
            return kind, when
    return None


def say_deadline(
    props: dict, meta: Meta, now: datetime | None = None, tz: tzinfo | None = None
) -> str:
    """The next open deadline of a report in a few words, '' when it has none (``tz``: the
    clock the officer reads, the machine's local time by default)."""
    now = now or datetime.now(UTC)
    due = due_at(props, meta, now)
    if due is None:
        return ""
    kind, when = due
    left_h = (when - now).total_seconds() / 3600
    if left_h < 0:
        return tr("overdue by {}").format(_span(-left_h))
    if left_h < SOON_H:
        return tr("{} left").format(_span(left_h))
    local = when.astimezone(tz)
    today = now.astimezone(tz).date()
    if local.date() - today < timedelta(days=7):
        day = _weekday(local.weekday())
    else:
        day = local.strftime("%d.%m")
    text = tr("take up by {} {}") if kind == "take_up" else tr("verify by {} {}")
    return text.format(day, local.strftime("%H:%M"))
