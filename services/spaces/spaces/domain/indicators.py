"""Indicators of a landlord's rooms over a period: occupancy per room and site, each
organisation's share of the booked hours, the no-show rate and the median approval time."""

from __future__ import annotations

import statistics
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from contracts.common import Organisation
from spaces.domain.availability import open_periods
from spaces.domain.bookings import Booking, State
from spaces.domain.clock import hours
from spaces.domain.spaces import Space

Period = tuple[datetime, datetime]
BOOKED: tuple[State, ...] = ("confirmed", "checked_in", "no_show")
"""States that held the room: a no-show still kept others out."""
SETTLED: tuple[State, ...] = ("checked_in", "no_show")
"""States that tell whether the organisation came."""
MAX_DAYS = 366
"""The longest period one request reads: a year (a leap one included)."""


@dataclass(frozen=True)
class Occupancy:
    """Booked hours against open hours (of a room, a site or every room)."""

    open_hours: float = 0.0
    booked_hours: float = 0.0

    @property
    def rate(self) -> float | None:
        """Booked / open hours; None when nothing was open."""
        return round(self.booked_hours / self.open_hours, 4) if self.open_hours else None

    def __add__(self, other: Occupancy) -> Occupancy:
        return Occupancy(self.open_hours + other.open_hours, self.booked_hours + other.booked_hours)


@dataclass(frozen=True)
class SpaceOccupancy:
    """One room's occupancy, and the site it stands on."""

    space_id: uuid.UUID
    site_id: uuid.UUID
    occupancy: Occupancy


@dataclass(frozen=True)
class OrganisationShare:
    """One organisation's booked hours and their share of all booked hours."""

    organisation: Organisation
    booked_hours: float
    share: float


@dataclass(frozen=True)
class RoomIndicators:
    """The indicators of a set of rooms over a period."""

    total: Occupancy
    spaces: list[SpaceOccupancy]
    sites: dict[uuid.UUID, Occupancy]
    organisations: list[OrganisationShare]
    settled: int
    no_shows: int
    decisions: int
    median_approval_hours: float | None

    @property
    def no_show_rate(self) -> float | None:
        """No-shows among the bookings whose attendance is known (checked in or no-show)."""
        return round(self.no_shows / self.settled, 4) if self.settled else None


def _clipped_hours(booking: Booking, window: Period) -> float:
    start, end = max(booking.starts_at, window[0]), min(booking.ends_at, window[1])
    return hours(start, end) if start < end else 0.0


def _occupancy(space: Space, bookings: Sequence[Booking], window: Period) -> Occupancy:
    opened = sum(hours(s, e) for s, e in open_periods(space, *window))
    booked = sum(_clipped_hours(b, window) for b in bookings if b.state in BOOKED)
    return Occupancy(round(opened, 4), round(booked, 4))


def _shares(bookings: Sequence[Booking], window: Period) -> list[OrganisationShare]:
    per_org: dict[Organisation, float] = defaultdict(float)
    for booking in bookings:
        if booking.state in BOOKED:
            per_org[booking.organisation] += _clipped_hours(booking, window)
    total = sum(per_org.values())
    ranked = sorted(per_org.items(), key=lambda item: (-item[1], item[0].kind, str(item[0].id)))
    return [OrganisationShare(org, round(h, 4), round(h / total, 4)) for org, h in ranked if total]


def _approval_hours(bookings: Sequence[Booking]) -> list[float]:
    """Request-to-decision times of staff decisions; auto-confirmed bookings are decided
    the instant they are requested and are left out."""
    return [
        hours(b.requested_at, b.decided_at)
        for b in bookings
        if b.requested_at and b.decided_at and b.decided_at > b.requested_at
    ]


def room_indicators(spaces: Sequence[Space], bookings: Sequence[Booking], window: Period) -> RoomIndicators:
    """The indicators of ``spaces`` over ``window`` from their ``bookings`` (any state)."""
    per_space: dict[uuid.UUID, list[Booking]] = defaultdict(list)
    for booking in bookings:
        per_space[booking.space_id].append(booking)
    mine = [b for space in spaces for b in per_space[space.id]]
    rooms = [SpaceOccupancy(s.id, s.site_id, _occupancy(s, per_space[s.id], window)) for s in spaces]
    sites: dict[uuid.UUID, Occupancy] = defaultdict(Occupancy)
    for room in rooms:
        sites[room.site_id] += room.occupancy
    approvals = _approval_hours(mine)
    return RoomIndicators(
        total=sum((room.occupancy for room in rooms), Occupancy()),
        spaces=rooms,
        sites=dict(sites),
        organisations=_shares(mine, window),
        settled=sum(b.state in SETTLED for b in mine),
        no_shows=sum(b.state == "no_show" for b in mine),
        decisions=len(approvals),
        median_approval_hours=round(statistics.median(approvals), 4) if approvals else None,
    )
