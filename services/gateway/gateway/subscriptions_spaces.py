"""``spaceAvailability(spaceId)``: a room's bookings and closures as they change.

Rooms and their bookings (without who booked) are readable by anyone who may call ``space(id)``;
the subscription pushes the same facts from the spaces service's events: which booking, its
interval, its new state, or the days a room closes. The organisation and the booker never travel.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import date, datetime
from typing import Any

import strawberry

from contracts.spaces import (
    BookingCancelled,
    BookingCheckedIn,
    BookingConfirmed,
    BookingNoShow,
    BookingRejected,
    BookingRequested,
    SpaceClosed,
    SpaceUpdated,
)
from gateway.context import Info
from gateway.fields import uuid_arg
from gateway.loaders_spaces import space_loader
from gateway.streaming import about, viewer_of, watch
from kernel.errors import NotFound
from kernel.events import CloudEvent

STATES = {
    BookingRequested.event_type: "requested",
    BookingConfirmed.event_type: "confirmed",
    BookingRejected.event_type: "rejected",
    BookingCancelled.event_type: "cancelled",
    BookingCheckedIn.event_type: "checked_in",
    BookingNoShow.event_type: "no_show",
}
"""A booking's state after each booking event (the vocabulary of ``Booking.state``)."""

CHANGES = frozenset({*STATES, SpaceClosed.event_type, SpaceUpdated.event_type})


@strawberry.type(
    description="A change to a room's availability: a booking (interval and new state) or a closure."
    " Who booked, and for which organisation, is never shown."
)
class SpaceAvailabilityChange:
    space_id: strawberry.ID
    cause: str = strawberry.field(description="The event type behind this change.")
    at: datetime = strawberry.field(description="When it happened.")
    booking_id: strawberry.ID | None = strawberry.field(description="The booking; null for a room change.")
    state: str | None = strawberry.field(
        description="The booking's state now: requested, confirmed, rejected, cancelled, checked_in or"
        " no_show; null for a room change."
    )
    starts_at: datetime | None = strawberry.field(description="When the booking starts (when known).")
    ends_at: datetime | None = strawberry.field(description="When the booking ends (when known).")
    closed_from: date | None = strawberry.field(description="First day of a closure (inclusive).")
    closed_until: date | None = strawberry.field(description="Last day of a closure (inclusive).")

    @classmethod
    def from_event(cls, space_id: str, event: CloudEvent) -> SpaceAvailabilityChange:
        """The public facts of a spaces event about ``space_id``."""
        data: dict[str, Any] = event.data
        booking = data.get("booking_id")
        return cls(
            space_id=strawberry.ID(space_id),
            cause=event.type,
            at=event.time,
            booking_id=strawberry.ID(str(booking)) if booking else None,
            state=STATES.get(event.type),
            starts_at=_moment(data.get("starts_at")),
            ends_at=_moment(data.get("ends_at")),
            closed_from=_day(data.get("starts_on")),
            closed_until=_day(data.get("ends_on")),
        )


def _moment(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def _day(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


async def space_changes(info: Info, space_id: strawberry.ID) -> AsyncGenerator[SpaceAvailabilityChange, None]:
    """Each change to the room's availability (until the subscriber's token expires)."""
    viewer = viewer_of(info)
    wanted = uuid_arg(space_id, "spaceId")
    async with watch(info, viewer, CHANGES) as live:
        if await space_loader(info).load(wanted) is None:
            raise NotFound(f"space {wanted}", message_key="spaces.space_not_found")
        async for event in live.events():
            if about(event, "space_id", wanted):
                yield SpaceAvailabilityChange.from_event(wanted, event)
