"""When the background sync runs next: every ``interval`` seconds while the store answers;
after a failure the wait doubles each time (up to MAX_BACKOFF_S), and only the first failure
of a run of them is said to the user. Pure logic, no Qt: the GUI's timer asks it."""

from __future__ import annotations

from dataclasses import dataclass

MAX_BACKOFF_S = 3600.0


@dataclass
class SyncSchedule:
    interval: float  # seconds between pulls while the store answers
    failures: int = 0  # failed pulls in a row

    @property
    def delay(self) -> float:
        """Seconds until the next pull."""
        if not self.failures:
            return self.interval
        return min(self.interval * 2**self.failures, max(MAX_BACKOFF_S, self.interval))

    def failed(self) -> bool:
        """A pull failed; True when the user should hear of it (the first in a row)."""
        self.failures += 1
        return self.failures == 1

    def succeeded(self) -> bool:
        """A pull went through; True when the store is back after failures."""
        was_down = self.failures > 0
        self.failures = 0
        return was_down
