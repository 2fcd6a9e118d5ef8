"""Push: the outbox -> POST /reports (new police-sourced threats, first) and
POST /verifications, exactly once.

A change leaves the outbox only after the store confirmed it. Every change keeps its op_id
across retries, so a change whose answer was lost is re-sent and the store returns the
first result without applying it again. At most one change per report is in flight: a later
change of the same report waits, and is rebased on the revision the earlier one produced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..i18n import tr
from .api_client import StoreClient
from .cache import NEW_ID_BASE, Cache, OutboxChange
from .errors import BadResponse, Cancelled

BATCH_SIZE = 500


@dataclass
class PushResult:
    applied: int = 0
    conflicts: int = 0
    rejected: int = 0
    batches: int = 0
    messages: list[str] = field(default_factory=list)


def sendable(cache: Cache, limit: int) -> list[OutboxChange]:
    """The first unresolved change of each report, if it is pending (not blocked) and the
    report is in the store (a new threat's changes wait for its store id)."""
    firsts: dict[int, OutboxChange] = {}
    for change in cache.outbox(("pending", "rejected", "conflict")):
        firsts.setdefault(change.report_id, change)
    return [c for c in firsts.values() if c.state == "pending" and c.report_id < NEW_ID_BASE][
        :limit
    ]


def push(
    client: StoreClient,
    cache: Cache,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[float], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> PushResult:
    """Send every sendable outbox change; network failures leave them queued for later."""
    result = PushResult()
    total = max(cache.pending_count(), 1)
    while threats := cache.new_threats()[:batch_size]:
        if is_cancelled and is_cancelled():
            raise Cancelled(tr("Push cancelled; unsent changes stay queued."))
        answers = client.add_reports([t.item for t in threats])
        by_op = {a.get("op_id"): a for a in answers if isinstance(a, dict)}
        if set(by_op) != {t.op_id for t in threats}:
            raise BadResponse(tr("The store's answer misses a change."), repr(answers)[:500])
        cache.settle_new_threats([(t, by_op[t.op_id]) for t in threats])
        for t in threats:
            if by_op[t.op_id].get("result") == "applied":
                result.applied += 1
            else:
                result.rejected += 1
                result.messages.append(str(by_op[t.op_id].get("reason") or ""))
        result.batches += 1
    while batch := sendable(cache, batch_size):
        if is_cancelled and is_cancelled():
            raise Cancelled(tr("Push cancelled; unsent changes stay queued."))
        cache.count_attempts(batch)
        answers = client.verifications([c.as_request() for c in batch])
        apply_results(cache, batch, answers, result)
        result.batches += 1
        if progress:
            progress(
                min(100.0, 100.0 * (result.applied + result.conflicts + result.rejected) / total)
            )
    return result


SETTLED = ("applied", "conflict", "rejected", "forbidden")  # the store's answers to a change


def apply_results(
    cache: Cache, batch: list[OutboxChange], answers: list[dict], result: PushResult
) -> None:
    """Record the store's answers in the outbox, in one transaction; a missing or malformed
    answer records none of them."""
    by_op = {a.get("op_id"): a for a in answers if isinstance(a, dict)}
    settled = []
    for change in batch:
        answer = by_op.get(change.op_id)
        if answer is None:
            raise BadResponse(tr("The store's answer misses a change."), change.op_id)
        if answer.get("result") not in SETTLED:
            raise BadResponse(
                tr("The store's answer to a change is malformed."), repr(answer)[:500]
            )
        settled.append((change, answer))
    reasons = cache.settle_changes(settled)
    for (change, answer), reason in zip(settled, reasons, strict=True):
        if answer["result"] == "applied":
            result.applied += 1
        elif answer["result"] == "conflict":
            result.conflicts += 1
        else:
            result.rejected += 1
            result.messages.append(f"{change.report_id}: {reason}")
