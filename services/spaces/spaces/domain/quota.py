"""Fairness: an organisation may hold a room for at most so many hours a week (or bookings a
month), so that one group cannot take a room over. Weeks and months are Brussels calendar ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from spaces.domain.clock import hours, local
from spaces.domain.policy import Quota

Period = tuple[datetime, datetime]


@dataclass(frozen=True)
class QuotaExceeded:
    """What the organisation already holds in the quota period, against the limit."""

    kind: str
    limit: int
    used: float
    period_start: datetime


def quota_window(quota: Quota, starts_at: datetime) -> Period:
    """The week (Monday 00:00) or month around ``starts_at``, in Brussels time."""
    day = local(starts_at).replace(hour=0, minute=0, second=0, microsecond=0)
    if quota.kind == "hours_per_week":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=7)
    start = day.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following


def _amount(quota: Quota, period: Period) -> float:
    return hours(*period) if quota.kind == "hours_per_week" else 1.0


def check_quota(quota: Quota, held: list[Period], wanted: Period) -> QuotaExceeded | None:
    """None when ``wanted`` fits beside what the organisation ``held`` in the same period."""
    window = quota_window(quota, wanted[0])
    used = sum(_amount(quota, p) for p in held if window[0] <= p[0] < window[1])
    if used + _amount(quota, wanted) > quota.limit + 1e-9:
        return QuotaExceeded(quota.kind, quota.limit, round(used, 2), window[0])
    return None
