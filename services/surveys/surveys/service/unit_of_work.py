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
from surveys.adapters.consultations import ConsultationRepository
from surveys.adapters.households import HouseholdProjection
from surveys.adapters.invitations import InvitationRepository
from surveys.adapters.responses import ResponseRepository

UNIQUE_VIOLATION = "23505"


class UnitOfWork:
    """Repositories sharing one session (one transaction)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.consultations = ConsultationRepository(session)
        self.households = HouseholdProjection(session)
        self.invitations = InvitationRepository(session)
        self.responses = ResponseRepository(session)
        self.events: list[IntegrationEvent] = []

    def record(self, event: IntegrationEvent, landlord: uuid.UUID) -> None:
        """Put ``event`` in the outbox of this transaction."""
        record_event(self.session, event, landlord=landlord)
        self.events.append(event)


@asynccontextmanager
async def unit_of_work(sessions: SessionFactory) -> AsyncIterator[UnitOfWork]:
    """A unit of work: commits when the block ends, rolls back on any error; a unique-key
    violation (two writers at once) becomes CONFLICT."""
    try:
        async with transaction(sessions) as session:
            yield UnitOfWork(session)
    except IntegrityError as exc:
        if getattr(exc.orig, "sqlstate", None) == UNIQUE_VIOLATION:
            raise Conflict("a unique value is already taken") from exc
        raise
