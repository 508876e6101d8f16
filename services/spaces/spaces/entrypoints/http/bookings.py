"""Bookings: request (single or series), approve, reject, cancel, check in, mine."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from kernel.http import CurrentPrincipal, Runtime
from spaces.domain.commands import CancelBooking, DecideBooking, RequestBooking
from spaces.entrypoints.booking_schemas import (
    BookingCreate,
    BookingPage,
    BookingPublic,
    Cancellation,
    PlacementPublic,
    Rejection,
)
from spaces.entrypoints.deps import execute, next_cursor, page, read
from spaces.service import bookings as handlers
from spaces.service.permissions import booker_of

router = APIRouter(tags=["bookings"])


@router.post("/bookings", status_code=201)
async def request_booking(
    body: BookingCreate, principal: CurrentPrincipal, runtime: Runtime
) -> PlacementPublic:
    """Book a room → ``BookingConfirmed`` or ``BookingRequested`` per occurrence.

    A single booking that cannot be placed is an error (CONFLICT when the room is taken or the
    quota reached); a series answers with its conflicting occurrences.
    """
    command = RequestBooking(
        space_id=body.space_id,
        organisation=body.organisation,
        purpose=body.purpose,
        attendees=body.attendees,
        starts_at=body.starts_at,
        ends_at=body.ends_at,
        recurrence=body.recurrence.domain() if body.recurrence else None,
        skip_conflicts=body.skip_conflicts,
    )
    return PlacementPublic.of(await execute(runtime, handlers.request_booking, principal, command))


@router.get("/bookings/mine")
async def my_bookings(
    principal: CurrentPrincipal, runtime: Runtime, first: int = 50, after: str | None = None
) -> BookingPage:
    """What the caller booked, latest first."""
    limit, offset = page(first, after)
    found = await read(
        runtime, lambda uow: uow.bookings.of_booker(booker_of(principal), limit=limit, offset=offset)
    )
    items = [BookingPublic.of(b, show_booker=True) for b in found]
    return BookingPage(items=items, next=next_cursor(limit, offset, len(found)))


@router.post("/bookings/{booking_id}/approve")
async def approve_booking(
    booking_id: uuid.UUID, principal: CurrentPrincipal, runtime: Runtime
) -> BookingPublic:
    """Approve a requested booking (staff of the room's landlord) → ``BookingConfirmed``."""
    booking = await execute(runtime, handlers.decide_booking, principal, DecideBooking(booking_id, True))
    return BookingPublic.of(booking, show_booker=True)


@router.post("/bookings/{booking_id}/reject")
async def reject_booking(
    booking_id: uuid.UUID, body: Rejection, principal: CurrentPrincipal, runtime: Runtime
) -> BookingPublic:
    """Reject a requested booking with a reason (staff of the room's landlord) → ``BookingRejected``."""
    command = DecideBooking(booking_id, False, body.reason)
    return BookingPublic.of(
        await execute(runtime, handlers.decide_booking, principal, command), show_booker=True
    )


@router.post("/bookings/{booking_id}/cancel")
async def cancel_booking(
    booking_id: uuid.UUID, body: Cancellation, principal: CurrentPrincipal, runtime: Runtime
) -> list[BookingPublic]:
    """Cancel an occurrence (or the rest of its series) → ``BookingCancelled`` each."""
    command = CancelBooking(booking_id, body.whole_series)
    cancelled = await execute(runtime, handlers.cancel_booking, principal, command)
    return [BookingPublic.of(b, show_booker=True) for b in cancelled]


@router.post("/bookings/{booking_id}/check-in")
async def check_in(booking_id: uuid.UUID, principal: CurrentPrincipal, runtime: Runtime) -> BookingPublic:
    """Record that the organisation arrived (booker or staff) → ``BookingCheckedIn``."""
    return BookingPublic.of(
        await execute(runtime, handlers.check_in, principal, booking_id), show_booker=True
    )
