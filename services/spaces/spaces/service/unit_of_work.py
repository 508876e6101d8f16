"""The unit of work: one transaction, its repositories and the events it records."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from kernel.db import SessionFactory
from kernel.errors import Conflict
from kernel.unit_of_work import BaseUnitOfWork, open_unit_of_work
from spaces.adapters.bookings_repo import BookingRepository, is_overlap
from spaces.adapters.feeds_repo import FeedRepository
from spaces.adapters.spaces_repo import SpaceRepository


class UnitOfWork(BaseUnitOfWork):
    """Repositories sharing one session (one transaction)."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self.spaces = SpaceRepository(session)
        self.bookings = BookingRepository(session)
        self.feeds = FeedRepository(session)


def unit_of_work(sessions: SessionFactory) -> AbstractAsyncContextManager[UnitOfWork]:
    """A unit of work: commits when the block ends, rolls back on any error.

    A constraint refusing a write at commit time (two writers at once) becomes CONFLICT.
    """
    return open_unit_of_work(sessions, UnitOfWork, _slot_taken)


def _slot_taken(error: IntegrityError) -> Conflict | None:
    """The exclusion constraint refused an overlapping booking."""
    return Conflict("the room is booked", message_key="spaces.slot_taken") if is_overlap(error) else None
