"""Time as the spaces domain sees it: instants in UTC, opening hours in Brussels local time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")


def utcnow() -> datetime:
    """The current instant (UTC, aware)."""
    return datetime.now(UTC)


def local(at: datetime) -> datetime:
    """``at`` on a Brussels wall clock."""
    return at.astimezone(BRUSSELS)


def local_days(starts_at: datetime, ends_at: datetime) -> list[date]:
    """The Brussels calendar days a period touches (its end is exclusive)."""
    first = local(starts_at).date()
    last = local(ends_at - timedelta(microseconds=1)).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def hours(starts_at: datetime, ends_at: datetime) -> float:
    """The length of a period in hours."""
    return (ends_at - starts_at).total_seconds() / 3600
