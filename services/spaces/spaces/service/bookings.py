"""Handlers for bookings: request, approve or reject, cancel, check in."""

from __future__ import annotations

import uuid
from datetime import timedelta

from contracts.spaces import BookingCancelled, BookingCheckedIn, BookingRejected
from kernel.auth import Principal
from kernel.errors import NotFound
from spaces.domain.bookings import Booking
from spaces.domain.clock import utcnow
from spaces.domain.commands import CancelBooking, DecideBooking, RequestBooking
from spaces.domain.spaces import Space
from spaces.service import announce
from spaces.service.permissions import (
    booker_of,
    require_booker_or_staff,
    require_may_book_for,
    require_staff,
)
from spaces.service.placement import Placement, place, raise_for_single
from spaces.service.unit_of_work import UnitOfWork


async def space_of(uow: UnitOfWork, space_id: uuid.UUID) -> Space:
    """The space, or NOT_FOUND."""
    space = await uow.spaces.get(space_id)
    if space is None:
        raise NotFound(f"space {space_id}", message_key="spaces.space_not_found")
    return space


async def request_booking(uow: UnitOfWork, actor: Principal, command: RequestBooking) -> Placement:
    """Book a room for an organisation: confirmed at once under an auto-confirm policy, else
    requested for landlord approval. A single booking that cannot be placed is an error; a
    series reports its conflicting occurrences (and books the rest with ``skip_conflicts``)."""
    starts, ends = command.starts_at, command.ends_at
    if command.recurrence is None and starts.tzinfo and ends.tzinfo and starts < ends:
        # The room and whether a committed booking already holds the slot, in one read (a bad
        # period is left to the validation below).
        found, held = await uow.spaces.for_booking(command.space_id, (starts, ends))
        if found is None:
            raise NotFound(f"space {command.space_id}", message_key="spaces.space_not_found")
        space = found
    else:
        space, held = await space_of(uow, command.space_id), None
    require_may_book_for(actor, space, command.organisation)
    placement = await place(uow, space, booker_of(actor), command, utcnow(), single_raises=True, held=held)
    if command.recurrence is None:
        raise_for_single(placement)
    for booking in placement.bookings:
        announce.placed(uow, space, booking)
    return placement


async def _booking_and_space(uow: UnitOfWork, booking_id: uuid.UUID) -> tuple[Booking, Space]:
    booking = await uow.bookings.get(booking_id, lock=True)
    if booking is None:
        raise NotFound(f"booking {booking_id}", message_key="spaces.booking_not_found")
    return booking, await space_of(uow, booking.space_id)


async def decide_booking(uow: UnitOfWork, actor: Principal, command: DecideBooking) -> Booking:
    """Staff of the space's landlord approve (→ ``BookingConfirmed``) or reject
    (→ ``BookingRejected``) a requested booking."""
    booking, space = await _booking_and_space(uow, command.booking_id)
    require_staff(actor, space.landlord_id)
    now = utcnow()
    booking = booking.approve(now) if command.approve else booking.reject(now, command.reason)
    await uow.bookings.save(booking)
    if booking.state == "confirmed":
        announce.placed(uow, space, booking)
    else:
        event = BookingRejected(
            booking_id=booking.id,
            space_id=space.id,
            landlord_id=space.landlord_id,
            organisation=booking.organisation,
            reason_code="rejected_by_landlord",
            request=booking.request,
        )
        uow.record(event, space.landlord_id)
    return booking


async def cancel_booking(uow: UnitOfWork, actor: Principal, command: CancelBooking) -> list[Booking]:
    """The booker or staff cancel an occurrence (and the later ones of its series when asked)
    → ``BookingCancelled`` each; within the notice period the cancellation is recorded late."""
    booking, space = await _booking_and_space(uow, command.booking_id)
    require_booker_or_staff(actor, space, booking)
    targets = [booking]
    if command.whole_series and booking.series_id is not None:
        later = await uow.bookings.of_series(booking.series_id, after=booking.starts_at)
        targets += [b for b in later if b.id != booking.id and b.state in ("requested", "confirmed")]
    now, notice = utcnow(), timedelta(hours=space.policy.min_cancellation_notice_hours)
    cancelled = []
    for target in targets:
        done = target.cancel(now, notice)
        await uow.bookings.save(done)
        uow.record(
            BookingCancelled(
                booking_id=done.id,
                space_id=space.id,
                landlord_id=space.landlord_id,
                organisation=done.organisation,
                starts_at=done.starts_at,
                late=done.late_cancellation,
                request=done.request,
            ),
            space.landlord_id,
        )
        cancelled.append(done)
    return cancelled


async def check_in(uow: UnitOfWork, actor: Principal, booking_id: uuid.UUID) -> Booking:
    """The booker or staff record that the organisation arrived → ``BookingCheckedIn``."""
    booking, space = await _booking_and_space(uow, booking_id)
    require_booker_or_staff(actor, space, booking)
    booking = booking.check_in(utcnow())
    await uow.bookings.save(booking)
    event = BookingCheckedIn(
        booking_id=booking.id,
        space_id=space.id,
        landlord_id=space.landlord_id,
        organisation=booking.organisation,
    )
    uow.record(event, space.landlord_id)
    return booking
