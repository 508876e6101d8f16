"""No-shows: confirmed bookings past their start plus grace without a check-in.

``mark_no_shows`` is one sweep: tests call it directly; the app registers it as the
runtime's periodic job ``no-shows``. Several replicas may sweep at once: rows are claimed with
``FOR UPDATE SKIP LOCKED``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import structlog

from contracts.spaces import BookingNoShow
from kernel.db import SessionFactory
from spaces.domain.bookings import Booking
from spaces.domain.clock import utcnow
from spaces.service.unit_of_work import unit_of_work

log = structlog.get_logger(__name__)


async def mark_no_shows(sessions: SessionFactory, now: datetime | None = None) -> list[Booking]:
    """Mark every due booking as a no-show → ``BookingNoShow`` each; return them."""
    now = now or utcnow()
    marked: list[Booking] = []
    async with unit_of_work(sessions) as uow:
        for booking in await uow.bookings.started_unchecked(now):
            space = await uow.spaces.get(booking.space_id)
            grace = timedelta(minutes=space.policy.check_in_grace_minutes if space else 15)
            if space is None or not booking.no_show_due(now, grace):
                continue
            missed = booking.mark_no_show()
            await uow.bookings.save(missed)
            event = BookingNoShow(
                booking_id=missed.id,
                space_id=space.id,
                landlord_id=space.landlord_id,
                organisation=missed.organisation,
                starts_at=missed.starts_at,
            )
            uow.record(event, space.landlord_id)
            marked.append(missed)
    if marked:
        log.info("spaces.no_shows_marked", count=len(marked))
    return marked
