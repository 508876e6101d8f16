"""The domain's rules, without I/O: recurrence, quotas, free slots, a booking's life."""

from __future__ import annotations

import uuid
from datetime import date, time, timedelta

import pytest

from contracts.common import Organisation
from kernel.errors import Conflict, ValidationFailed
from kernel.localisation import LocalizedText
from spaces.domain.availability import free_slots
from spaces.domain.bookings import Booking
from spaces.domain.clock import local
from spaces.domain.policy import BookingPolicy, Quota
from spaces.domain.quota import check_quota
from spaces.domain.recurrence import Recurrence
from spaces.domain.spaces import Closure, OpeningWindow, Space
from spaces.testing import at

MONDAY = date(2031, 3, 24)  # the week Belgian clocks move forward (30 March 2031)


def room(**policy: object) -> Space:
    hours = tuple(
        OpeningWindow(d, time(8), time(22)) for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    )  # type: ignore[arg-type]
    return Space(
        uuid.uuid4(),
        uuid.uuid4(),
        uuid.uuid4(),
        LocalizedText(nl="Zaal", fr="Salle"),
        20,
        frozenset(),
        frozenset(),
        LocalizedText(),
        hours,
        BookingPolicy(**policy),
        "token",  # type: ignore[arg-type]
    )


def test_a_weekly_series_stays_at_seven_in_the_evening_across_the_clock_change() -> None:
    occurrences = Recurrence("weekly", count=3).expand(at(MONDAY, "19:00"), at(MONDAY, "21:00"))
    assert [local(start).time() for start, _ in occurrences] == [time(19)] * 3
    assert occurrences[1][0] - occurrences[0][0] == timedelta(days=7, hours=-1)


def test_a_series_gives_a_count_or_an_end_and_stays_bounded() -> None:
    with pytest.raises(ValidationFailed):
        Recurrence("weekly")
    with pytest.raises(ValidationFailed):
        Recurrence("weekly", count=2, until=MONDAY)
    with pytest.raises(ValidationFailed):
        Recurrence("weekly", until=MONDAY + timedelta(weeks=300)).expand(
            at(MONDAY, "19:00"), at(MONDAY, "20:00")
        )
    monthly = Recurrence("monthly", until=date(2031, 6, 30))
    assert len(monthly.expand(at(MONDAY, "19:00"), at(MONDAY, "20:00"))) == 4
    assert monthly.rule() == "FREQ=MONTHLY;INTERVAL=1;UNTIL=20310630T215959Z"


def test_the_quota_counts_the_organisations_hours_in_the_same_brussels_week() -> None:
    quota = Quota("hours_per_week", 4)
    held = [
        (at(MONDAY, "10:00"), at(MONDAY, "13:00")),
        (at(MONDAY - timedelta(days=1), "10:00"), at(MONDAY - timedelta(days=1), "14:00")),
    ]
    assert check_quota(quota, held, (at(MONDAY, "15:00"), at(MONDAY, "16:00"))) is None
    exceeded = check_quota(quota, held, (at(MONDAY, "15:00"), at(MONDAY, "17:00")))
    assert exceeded is not None and (exceeded.used, exceeded.limit) == (3.0, 4)


def test_free_slots_leave_out_closures_and_what_bookings_hold() -> None:
    space = room().with_closure(
        Closure.new(MONDAY + timedelta(days=1), MONDAY + timedelta(days=1), LocalizedText(nl="x"))
    )
    busy = [(at(MONDAY, "10:00"), at(MONDAY, "12:15"))]
    slots = free_slots(space, at(MONDAY, "00:00"), at(MONDAY + timedelta(days=2), "00:00"), busy)
    assert [(local(s).strftime("%a %H:%M"), local(e).strftime("%H:%M")) for s, e in slots] == [
        ("Mon 08:00", "10:00"),
        ("Mon 12:15", "22:00"),
    ]


def test_a_booking_checks_in_only_around_its_time_and_cancels_late_within_the_notice() -> None:
    booking = Booking(
        uuid.uuid4(),
        uuid.uuid4(),
        Organisation(kind="council", id=uuid.uuid4()),
        "p",
        "x",
        5,
        at(MONDAY, "19:00"),
        at(MONDAY, "21:00"),
        at(MONDAY, "21:00"),
        "confirmed",
    )
    with pytest.raises(Conflict):
        booking.check_in(at(MONDAY, "18:00"))
    assert booking.check_in(at(MONDAY, "18:45")).state == "checked_in"
    assert booking.cancel(at(MONDAY, "09:00"), timedelta(hours=24)).late_cancellation is True
    assert (
        booking.cancel(at(MONDAY - timedelta(days=2), "09:00"), timedelta(hours=24)).late_cancellation
        is False
    )
    with pytest.raises(Conflict):
        booking.approve(at(MONDAY, "09:00"))
    assert booking.no_show_due(at(MONDAY, "19:16"), timedelta(minutes=15))
    with pytest.raises(ValidationFailed):
        room(buffer_minutes=-5)
