"""What happens after a webhook attempt: delivered, retried later, given up, endpoint disabled."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Literal

DisableReason = Literal["gone", "failing"]


@dataclass(frozen=True)
class AttemptResult:
    """An attempt's answer: the HTTP status (None when none came) and any Retry-After."""

    status_code: int | None
    retry_after: float | None = None

    @property
    def succeeded(self) -> bool:
        """Any 2xx answer counts as delivered."""
        return self.status_code is not None and 200 <= self.status_code < 300


@dataclass(frozen=True)
class Outcome:
    """The delivery's next state, and whether the endpoint must be disabled (and why)."""

    delivered: bool
    next_attempt_at: datetime | None = None
    disable: DisableReason | None = None

    @property
    def given_up(self) -> bool:
        """Neither delivered nor to be tried again."""
        return not self.delivered and self.next_attempt_at is None


@dataclass(frozen=True)
class RetryPolicy:
    """``schedule[n]`` is the delay before attempt n+1 (the first one is "immediately")."""

    schedule: tuple[float, ...]
    jitter: float = 0.1
    max_retry_after: float = 86400.0
    disable_after: timedelta = timedelta(days=5)

    def first_attempt_at(self, now: datetime) -> datetime:
        """When a new delivery is first tried."""
        return now + timedelta(seconds=self.schedule[0] if self.schedule else 0.0)

    def outcome(
        self,
        result: AttemptResult,
        attempts: int,
        now: datetime,
        failing_since: datetime | None,
        rng: random.Random | None = None,
    ) -> Outcome:
        """The outcome of attempt number ``attempts`` (1-based) ending at ``now``."""
        if result.succeeded:
            return Outcome(delivered=True)
        if result.status_code == 410:
            return Outcome(delivered=False, disable="gone")
        if failing_since is not None and now - failing_since >= self.disable_after:
            return Outcome(delivered=False, disable="failing")
        if attempts >= len(self.schedule):
            return Outcome(delivered=False)
        return Outcome(delivered=False, next_attempt_at=now + self._delay(attempts, result, rng))

    def _delay(self, attempts: int, result: AttemptResult, rng: random.Random | None) -> timedelta:
        base = self.schedule[attempts]
        spread = base * self.jitter * (2 * (rng or random).random() - 1)
        delay = base + spread
        if result.retry_after is not None:
            delay = max(delay, min(result.retry_after, self.max_retry_after))
        return timedelta(seconds=max(delay, 0.0))


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max((moment - now).total_seconds(), 0.0)
