"""No-shows: confirmed bookings past their start plus grace without a check-in.

``mark_no_shows`` is one sweep (tests call it directly); ``NoShowSweeper`` runs it
periodically beside the service. Several replicas may sweep at once: rows are claimed with
``FOR UPDATE SKIP LOCKED``.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import structlog

from contracts.spaces import BookingNoShow
from kernel.asyncio_tools import sleep_or_stop
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
    return marked


class NoShowSweeper:
    """Sweeps for no-shows every ``interval`` seconds until stopped."""

    def __init__(self, sessions: SessionFactory, interval: float = 60.0) -> None:
        self.sessions = sessions
        self.interval = interval

    async def run(self, stop: asyncio.Event) -> None:
        """Sweep until ``stop`` is set; a failed sweep is logged and retried next time."""
        while not stop.is_set():
            try:
                marked = await mark_no_shows(self.sessions)
                if marked:
                    log.info("spaces.no_shows_marked", count=len(marked))
            except Exception as exc:
                log.warning("spaces.no_show_sweep_failed", error=str(exc))
            await sleep_or_stop(stop, self.interval)
