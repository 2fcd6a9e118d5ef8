"""Saving an officer's verification: checked against the store's rules, then written to the
cached report and the outbox in one transaction (see Cache.record_changes)."""

from __future__ import annotations

from collections.abc import Iterable

from ..i18n import tr
from .cache import Cache
from .errors import KmzbError
from .model import Meta

MAX_NOTE = 2000


class ChangeRefused(KmzbError):
    """The change would be refused by the store; nothing was saved."""


def save_changes(
    cache: Cache, meta: Meta, report_ids: Iterable[int], status: str | None, note: str | None
) -> list[str]:
    """Record the same outcome and note for each report; all or nothing.

    Every report is checked first (allowed transition from its current status, a note where
    the outcome needs one), so a bulk change never half-lands.
    """
    note = (note or "").strip() or None
    if note and len(note) > MAX_NOTE:
        raise ChangeRefused(
            tr("The note is too long ({} characters, at most {}).").format(len(note), MAX_NOTE)
        )
    ids = list(dict.fromkeys(int(i) for i in report_ids))
    if not ids:
        raise ChangeRefused(tr("Choose at least one report."))
    for report_id in ids:
        problem = refusal(cache, meta, report_id, status, note)
        if problem:
            raise ChangeRefused(problem)
    return cache.record_changes(ids, status, note)


def refusal(cache: Cache, meta: Meta, report_id: int, status: str | None, note: str | None) -> str:
    """Why this change of a cached report would be refused, or ''."""
    report = cache.report(report_id)
    if report is None:
        return tr("Report {} is not in the local cache.").format(report_id)
    if note and len(note) > MAX_NOTE:
        return tr("Report {}: the note is too long ({} characters, at most {}).").format(
            report_id, len(note), MAX_NOTE
        )
    problem = meta.check_change(report["status"], status, note)
    return tr("Report {}: {}").format(report_id, problem) if problem else ""


def save_each(
    cache: Cache, meta: Meta, changes: dict[int, tuple[str | None, str | None]]
) -> tuple[list[int], list[str]]:
    """Record each report's own change (status, note); the ones the store would refuse are
    left out and explained. Returns (saved report ids, refusals)."""
    saved, refusals = [], []
    with cache.transaction():
        for report_id, (status, note) in changes.items():
            note = (note or "").strip() or None
            problem = refusal(cache, meta, report_id, status, note)
            if problem:
                refusals.append(problem)
            else:
                cache.queue_change(report_id, status, note)
                saved.append(report_id)
    return saved, refusals
