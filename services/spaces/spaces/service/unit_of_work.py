"""The unit of work: one transaction, its repositories and the events it records."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from kernel.db import SessionFactory, transaction
from kernel.errors import Conflict
from kernel.events import IntegrationEvent
from kernel.outbox import record_event
from spaces.adapters.bookings_repo import BookingRepository, is_overlap
from spaces.adapters.feeds_repo import FeedRepository
from spaces.adapters.spaces_repo import SpaceRepository

UNIQUE_VIOLATION = "23505"


class UnitOfWork:
    """Repositories sharing one session (one transaction)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.spaces = SpaceRepository(session)
        self.bookings = BookingRepository(session)
        self.feeds = FeedRepository(session)
        self.events: list[IntegrationEvent] = []

    def record(self, event: IntegrationEvent, landlord: uuid.UUID | None) -> None:
        """Put ``event`` in the outbox of this transaction."""
        record_event(self.session, event, landlord=landlord)
        self.events.append(event)


@asynccontextmanager
async def unit_of_work(sessions: SessionFactory) -> AsyncIterator[UnitOfWork]:
    """A unit of work: commits when the block ends, rolls back on any error.

    A constraint refusing a write at commit time (two writers at once) becomes CONFLICT.
    """
    try:
        async with transaction(sessions) as session:
            yield UnitOfWork(session)
    except IntegrityError as exc:
        if is_overlap(exc):
            raise Conflict("the room is booked", message_key="spaces.slot_taken") from exc
        if getattr(exc.orig, "sqlstate", None) == UNIQUE_VIOLATION:
            raise Conflict("a unique value is already taken") from exc
        raise
