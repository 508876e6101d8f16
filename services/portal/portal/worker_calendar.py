"""A room's week as a table of days × hours, and the times a worker can book instead.

Pure functions over what the gateway returned (free slots, bookings, opening hours), on the
Brussels clock: the worker reads the calendar where the room is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from portal.i18n import BRUSSELS

Status = Literal["free", "taken", "closed", "past"]
HOLDING = frozenset({"requested", "confirmed", "checked_in"})
"""Booking states that hold the room (a request holds it until staff decide)."""
DEFAULT_HOURS = (8, 22)
Period = tuple[datetime, datetime]


@dataclass(frozen=True)
class Cell:
    """One hour of one day and whether it can be booked."""

    starts_at: datetime
    ends_at: datetime
    status: Status


@dataclass(frozen=True)
class Week:
    """Seven days from ``monday``; ``rows`` holds one list of seven cells per hour."""

    monday: date
    days: list[date]
    rows: list[tuple[int, list[Cell]]]

    @property
    def starts_at(self) -> datetime:
        return at(self.monday, time(0))

    @property
    def ends_at(self) -> datetime:
        return at(self.monday + timedelta(days=7), time(0))

    @property
    def previous(self) -> date:
        return self.monday - timedelta(days=7)

    @property
    def following(self) -> date:
        return self.monday + timedelta(days=7)


def at(day: date, moment: time) -> datetime:
    """``day`` at ``moment`` on the Brussels clock."""
    return datetime.combine(day, moment, BRUSSELS)


def monday_of(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def parse_periods(values: Iterable[dict[str, Any]]) -> list[Period]:
    """``startsAt``/``endsAt`` pairs of the gateway as aware datetimes."""
    return [(datetime.fromisoformat(v["startsAt"]), datetime.fromisoformat(v["endsAt"])) for v in values]


def holding(bookings: Iterable[dict[str, Any]]) -> list[Period]:
    """The periods of the bookings that hold the room."""
    return parse_periods(b for b in bookings if b.get("state") in HOLDING)


def hour_span(opening_hours: list[dict[str, str]]) -> tuple[int, int]:
    """From the earliest opening to the latest closing hour (8–22 when none is given)."""
    if not opening_hours:
        return DEFAULT_HOURS
    first = min(int(w["opens"][:2]) for w in opening_hours)
    last = max(int(w["closes"][:2]) + (1 if w["closes"][3:5] not in ("", "00") else 0) for w in opening_hours)
    return (first, max(last, first + 1))


def overlaps(period: Period, others: Iterable[Period]) -> bool:
    """Whether ``period`` shares a moment with one of ``others``."""
    return any(start < period[1] and period[0] < end for start, end in others)


def covered(period: Period, slots: Iterable[Period]) -> bool:
    """Whether one slot holds the whole ``period``."""
    return any(start <= period[0] and period[1] <= end for start, end in slots)


def build_week(
    monday: date, span: tuple[int, int], free: list[Period], taken: list[Period], now: datetime
) -> Week:
    """The week's table: each hour free, taken, closed, or past."""
    days = [monday + timedelta(days=offset) for offset in range(7)]
    rows = []
    for hour in range(*span):
        cells = []
        for day in days:
            period = (at(day, time(hour)), at(day, time(hour)) + timedelta(hours=1))
            cells.append(Cell(period[0], period[1], _status(period, free, taken, now)))
        rows.append((hour, cells))
    return Week(monday, days, rows)


def _status(period: Period, free: list[Period], taken: list[Period], now: datetime) -> Status:
    if period[0] < now:
        return "past"
    if covered(period, free):
        return "free"
    if overlaps(period, taken):
        return "taken"
    return "closed"


def next_free(free: list[Period], length: timedelta, after: datetime, limit: int = 3) -> list[Period]:
    """The first ``limit`` periods of ``length`` that fit in a free slot, starting at ``after`` or
    later, on whole or half hours (one proposal per free slot, so they differ)."""
    found: list[Period] = []
    for start, end in sorted(free):
        begin = _round_up(max(start, after))
        if begin + length <= end:
            found.append((begin, begin + length))
        if len(found) == limit:
            break
    return found


def _round_up(moment: datetime) -> datetime:
    local = moment.astimezone(BRUSSELS)
    extra = (30 - local.minute % 30) % 30
    rounded = local.replace(second=0, microsecond=0) + timedelta(minutes=extra)
    return rounded if rounded >= local else rounded + timedelta(minutes=30)
