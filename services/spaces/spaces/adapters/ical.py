"""iCalendar (RFC 5545) feeds with the ``icalendar`` library.

A series is one VEVENT with its RRULE; each of its occurrences that does not take place
(cancelled, rejected, or left out when booked) is an EXDATE. Times are on the Brussels clock
(with its VTIMEZONE), so calendar apps expand the rule as we did. No person appears in a feed.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime

from dateutil.rrule import rrulestr
from icalendar import Calendar, Event, vRecur

from spaces.adapters.feeds_repo import Series
from spaces.domain.bookings import Booking
from spaces.domain.clock import BRUSSELS, local

SHOWN_STATES = ("requested", "confirmed", "checked_in", "no_show")
PRODID = "-//Inspraak//spaces//NL"


def _event(uid: str, booking: Booking, starts_at: datetime, ends_at: datetime) -> Event:
    event = Event()
    event.add("uid", f"{uid}@inspraak")
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", local(starts_at))
    event.add("dtend", local(ends_at))
    event.add("summary", booking.purpose)
    event.add("categories", [booking.organisation.kind])
    event.add("status", "TENTATIVE" if booking.state == "requested" else "CONFIRMED")
    return event


def _occurrences(series: Series) -> list[datetime]:
    first = local(series.starts_at)
    rule = rrulestr(series.rule, dtstart=first.replace(tzinfo=None))
    return [moment.replace(tzinfo=BRUSSELS) for moment in rule]


def _series_event(series: Series, bookings: list[Booking]) -> Event | None:
    shown = {b.starts_at: b for b in bookings if b.state in SHOWN_STATES}
    if not shown:
        return None
    sample = next(iter(shown.values()))
    event = _event(str(series.id), sample, series.starts_at, series.ends_at)
    event.add("rrule", vRecur.from_ical(series.rule))
    excluded = [moment for moment in _occurrences(series) if moment not in shown]
    if excluded:
        event.add("exdate", excluded)
    return event


def calendar(name: str, bookings: Iterable[Booking], series: dict[uuid.UUID, Series]) -> bytes:
    """The feed of ``bookings`` (those of a series grouped under its rule)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    grouped: dict[uuid.UUID, list[Booking]] = defaultdict(list)
    for booking in bookings:
        if booking.series_id in series:
            grouped[booking.series_id].append(booking)
        elif booking.state in SHOWN_STATES:
            cal.add_component(_event(str(booking.id), booking, booking.starts_at, booking.ends_at))
    for series_id, members in grouped.items():
        event = _series_event(series[series_id], members)
        if event is not None:
            cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
