"""Indicators from bookings, opening hours and closures, without I/O."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from contracts.common import Organisation
from kernel.errors import ValidationFailed
from kernel.localisation import LocalizedText
from kernel.periods import Period
from spaces.domain.bookings import Booking, State
from spaces.domain.indicators import MAX_DAYS, room_indicators
from spaces.domain.policy import BookingPolicy
from spaces.domain.spaces import Closure, OpeningWindow, Space
from spaces.testing import at

MONDAY = date(2031, 3, 24)


def period_window(first_day: date, last_day: date) -> tuple[datetime, datetime]:
    """The period the indicators route accepts, as the instants the indicators read."""
    period = Period(first_day, last_day, max_days=MAX_DAYS)
    return period.begins, period.ends


CHOIR = Organisation(kind="tenant_group", id=uuid.uuid4())
COUNCIL = Organisation(kind="council", id=uuid.uuid4())


def room(site_id: uuid.UUID, opens: int = 8, closes: int = 18) -> Space:
    """A room open every weekday from ``opens`` to ``closes``."""
    hours = tuple(OpeningWindow(d, time(opens), time(closes)) for d in ("mon", "tue", "wed", "thu", "fri"))  # type: ignore[arg-type]
    return Space(
        uuid.uuid4(),
        uuid.uuid4(),
        site_id,
        LocalizedText(nl="Zaal", fr="Salle"),
        20,
        frozenset(),
        frozenset(),
        LocalizedText(),
        hours,
        BookingPolicy(),
        "token",
    )


def booking(
    space: Space, org: Organisation, start: str, end: str, state: State, day: date = MONDAY
) -> Booking:
    starts, ends = at(day, start), at(day, end)
    requested = starts - timedelta(days=3)
    return Booking(
        uuid.uuid4(),
        space.id,
        org,
        "p",
        "x",
        5,
        starts,
        ends,
        ends,
        state,
        requested_at=requested,
        decided_at=requested,
    )


def test_occupancy_is_booked_over_open_hours_per_room_and_site_with_closed_days_left_out() -> None:
    site = uuid.uuid4()
    hall, kitchen = room(site), room(site, opens=10, closes=14)
    hall = hall.with_closure(
        Closure.new(MONDAY + timedelta(days=1), MONDAY + timedelta(days=4), LocalizedText(nl="x"))
    )
    bookings = [
        booking(hall, CHOIR, "10:00", "13:00", "confirmed"),
        booking(hall, COUNCIL, "19:00", "20:00", "cancelled"),
        booking(hall, COUNCIL, "14:00", "15:00", "no_show"),
        booking(kitchen, CHOIR, "10:00", "12:00", "requested"),
        booking(kitchen, COUNCIL, "10:00", "14:00", "checked_in", MONDAY + timedelta(days=2)),
    ]

    found = room_indicators([hall, kitchen], bookings, period_window(MONDAY, MONDAY + timedelta(days=6)))

    rooms = {r.space_id: r.occupancy for r in found.spaces}
    assert (rooms[hall.id].open_hours, rooms[hall.id].booked_hours, rooms[hall.id].rate) == (10, 4, 0.4)
    assert (rooms[kitchen.id].open_hours, rooms[kitchen.id].booked_hours, rooms[kitchen.id].rate) == (
        20,
        4,
        0.2,
    )
    assert (found.sites[site].open_hours, found.sites[site].booked_hours) == (30, 8)
    assert found.total.rate == round(8 / 30, 4)
    assert [(s.organisation, s.booked_hours, s.share) for s in found.organisations] == [
        (COUNCIL, 5, 0.625),
        (CHOIR, 3, 0.375),
    ]


def test_the_no_show_rate_counts_bookings_whose_attendance_is_known() -> None:
    hall = room(uuid.uuid4())
    states: list[State] = ["checked_in", "checked_in", "no_show", "checked_in", "confirmed", "cancelled"]
    bookings = [booking(hall, CHOIR, f"{10 + n}:00", f"{11 + n}:00", state) for n, state in enumerate(states)]

    found = room_indicators([hall], bookings, period_window(MONDAY, MONDAY))

    assert (found.settled, found.no_shows, found.no_show_rate) == (4, 1, 0.25)
    assert room_indicators([hall], [], period_window(MONDAY, MONDAY)).no_show_rate is None


def test_the_median_approval_time_leaves_out_auto_confirmed_bookings() -> None:
    hall = room(uuid.uuid4())
    auto = booking(hall, CHOIR, "08:00", "09:00", "confirmed")
    decided = [
        replace(b, decided_at=b.requested_at + timedelta(hours=h))  # type: ignore[operator]
        for b, h in [
            (booking(hall, CHOIR, "10:00", "11:00", "confirmed"), 2),
            (booking(hall, CHOIR, "11:00", "12:00", "rejected"), 4),
        ]
    ]

    found = room_indicators([hall], [auto, *decided], period_window(MONDAY, MONDAY))

    assert (found.decisions, found.median_approval_hours) == (2, 3.0)


def test_a_period_ends_on_or_after_its_first_day_and_spans_at_most_a_year() -> None:
    start, end = period_window(MONDAY, MONDAY)
    assert (end - start, start.tzinfo is not None) == (timedelta(days=1), True)
    with pytest.raises(ValidationFailed):
        period_window(MONDAY, MONDAY - timedelta(days=1))
    with pytest.raises(ValidationFailed):
        period_window(MONDAY, MONDAY + timedelta(days=400))
