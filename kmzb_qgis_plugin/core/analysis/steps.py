"""Progress and cancel for long numerical work, without depending on QGIS."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ...i18n import tr
from ..errors import Cancelled


def _nothing(_: float) -> None:
    return None


def _never() -> bool:
    return False


@dataclass
class Steps:
    """Reports progress (0-100) and stops with Cancelled once the user asked to cancel."""

    progress: Callable[[float], None] = field(default=_nothing)
    is_cancelled: Callable[[], bool] = field(default=_never)

    def check(self, percent: float) -> None:
        if self.is_cancelled():
            raise Cancelled(tr("Cancelled."))
        self.progress(percent)
