"""Free slots of a space: opening hours, minus closures, minus what live bookings hold."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from spaces.domain.clock import BRUSSELS, local
from spaces.domain.spaces import WEEKDAYS, Space

Period = tuple[datetime, datetime]
MAX_WINDOW = timedelta(days=62)


def open_periods(space: Space, starts_at: datetime, ends_at: datetime) -> list[Period]:
    """The opening periods within ``starts_at``–``ends_at``, closed days left out."""
    periods: list[Period] = []
    day: date = local(starts_at).date()
    while day <= local(ends_at).date():
        closed = any(closure.covers(day) for closure in space.closures)
        for window in space.opening_hours if not closed else ():
            if window.weekday == WEEKDAYS[day.weekday()]:
                opens = datetime.combine(day, window.opens, BRUSSELS)
                closes = datetime.combine(day, window.closes, BRUSSELS)
                start, end = max(opens, starts_at), min(closes, ends_at)
                if start < end:
                    periods.append((start, end))
        day += timedelta(days=1)
    return sorted(periods)


def subtract(periods: list[Period], busy: list[Period]) -> list[Period]:
    """``periods`` with every ``busy`` period cut out."""
    free: list[Period] = []
    for start, end in periods:
        cursor = start
        for busy_start, busy_end in sorted(busy):
            if busy_end <= cursor or busy_start >= end:
                continue
            if busy_start > cursor:
                free.append((cursor, busy_start))
            cursor = max(cursor, busy_end)
        if cursor < end:
            free.append((cursor, end))
    return free


def free_slots(space: Space, starts_at: datetime, ends_at: datetime, busy: list[Period]) -> list[Period]:
    """When the space is open and nobody holds it, within the window (at most two months),
    on the Brussels clock."""
    ends_at = min(ends_at, starts_at + MAX_WINDOW)
    return [(local(s), local(e)) for s, e in subtract(open_periods(space, starts_at, ends_at), busy)]


def is_free(space: Space, starts_at: datetime, ends_at: datetime, busy: list[Period]) -> bool:
    """True when one free slot holds the whole period."""
    return any(s <= starts_at and ends_at <= e for s, e in free_slots(space, starts_at, ends_at, busy))
