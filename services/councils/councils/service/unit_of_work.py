"""The unit of work: one transaction, its repositories and the events it records.

Events go to the outbox in the same transaction as the state change; a unique-key violation
at commit time (two writers at once) becomes CONFLICT.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from sqlmodel.ext.asyncio.session import AsyncSession

from councils.adapters.advice import AdviceRepository
from councils.adapters.agenda import AgendaRepository
from councils.adapters.councils import CouncilRepository, MandateRepository
from councils.adapters.indicators import IndicatorFacts
from councils.adapters.meetings import MeetingRepository
from councils.adapters.projections import ProjectionRepository
from kernel.db import SessionFactory
from kernel.unit_of_work import BaseUnitOfWork, open_unit_of_work


class UnitOfWork(BaseUnitOfWork):
    """Repositories sharing one session (one transaction)."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self.councils = CouncilRepository(session)
        self.mandates = MandateRepository(session)
        self.items = AgendaRepository(session)
        self.meetings = MeetingRepository(session)
        self.advice = AdviceRepository(session)
        self.projections = ProjectionRepository(session)
        self.facts = IndicatorFacts(session)


def unit_of_work(sessions: SessionFactory) -> AbstractAsyncContextManager[UnitOfWork]:
    """A unit of work: commits when the block ends, rolls back on any error."""
    return open_unit_of_work(sessions, UnitOfWork)


@asynccontextmanager
async def within(session: AsyncSession) -> AsyncIterator[UnitOfWork]:
    """A unit of work inside a transaction someone else owns (a consumer's inbox transaction)."""
    yield UnitOfWork(session)
