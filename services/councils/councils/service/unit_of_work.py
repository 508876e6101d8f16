"""The unit of work: one transaction, its repositories and the events it records.

Events go to the outbox in the same transaction as the state change; a unique-key violation
at commit time (two writers at once) becomes CONFLICT.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from councils.adapters.advice import AdviceRepository
from councils.adapters.agenda import AgendaRepository
from councils.adapters.councils import CouncilRepository, MandateRepository
from councils.adapters.indicators import IndicatorFacts
from councils.adapters.meetings import MeetingRepository
from councils.adapters.projections import ProjectionRepository
from kernel.db import SessionFactory, transaction
from kernel.errors import Conflict
from kernel.events import IntegrationEvent
from kernel.outbox import record_event

UNIQUE_VIOLATION = "23505"


class UnitOfWork:
    """Repositories sharing one session (one transaction)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.councils = CouncilRepository(session)
        self.mandates = MandateRepository(session)
        self.items = AgendaRepository(session)
        self.meetings = MeetingRepository(session)
        self.advice = AdviceRepository(session)
        self.projections = ProjectionRepository(session)
        self.facts = IndicatorFacts(session)
        self.events: list[IntegrationEvent] = []

    def record(self, event: IntegrationEvent, landlord: uuid.UUID) -> None:
        """Put ``event`` in the outbox of this transaction."""
        record_event(self.session, event, landlord=landlord)
        self.events.append(event)


def is_unique_violation(error: IntegrityError) -> bool:
    """True when ``error`` is a unique-constraint violation."""
    return getattr(error.orig, "sqlstate", None) == UNIQUE_VIOLATION


@asynccontextmanager
async def unit_of_work(sessions: SessionFactory) -> AsyncIterator[UnitOfWork]:
    """A unit of work: commits when the block ends, rolls back on any error."""
    try:
        async with transaction(sessions) as session:
            yield UnitOfWork(session)
    except IntegrityError as exc:
        if is_unique_violation(exc):
            raise Conflict("a unique value is already taken") from exc
        raise


@asynccontextmanager
async def within(session: AsyncSession) -> AsyncIterator[UnitOfWork]:
    """A unit of work inside a transaction someone else owns (a consumer's inbox transaction)."""
    yield UnitOfWork(session)
