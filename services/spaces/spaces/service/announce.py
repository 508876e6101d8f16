"""The events a placed booking announces: confirmed, or requested for approval."""

from __future__ import annotations

from contracts.spaces import BookingConfirmed, BookingRequested
from spaces.domain.bookings import Booking
from spaces.domain.spaces import Space
from spaces.service.unit_of_work import UnitOfWork


def placed(uow: UnitOfWork, space: Space, booking: Booking) -> None:
    """Record ``BookingConfirmed`` or ``BookingRequested`` for a booking now holding the room."""
    common = {
        "booking_id": booking.id,
        "space_id": space.id,
        "site_id": space.site_id,
        "landlord_id": space.landlord_id,
        "organisation": booking.organisation,
        "starts_at": booking.starts_at,
        "ends_at": booking.ends_at,
        "request": booking.request,
    }
    if booking.state == "confirmed":
        uow.record(BookingConfirmed(**common), space.landlord_id)
    else:
        uow.record(BookingRequested(**common, series_id=booking.series_id), space.landlord_id)
