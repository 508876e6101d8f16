"""Time as the surveys service sees it: instants in UTC, days in Brussels."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")


def utcnow() -> datetime:
    """The current instant (UTC, aware)."""
    return datetime.now(UTC)


def today(at: datetime | None = None) -> date:
    """The calendar day in Brussels at ``at`` (default: now)."""
    return (at or utcnow()).astimezone(BRUSSELS).date()
