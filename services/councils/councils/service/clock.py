"""The time, in one place (tests pass their own days to the overdue check)."""

from __future__ import annotations

from datetime import UTC, date, datetime


def utcnow() -> datetime:
    """Now, in UTC."""
    return datetime.now(UTC)


def today() -> date:
    """Today's date in Brussels terms is close enough to UTC's for due dates."""
    return utcnow().date()
