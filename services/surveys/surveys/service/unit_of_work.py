"""The unit of work: one transaction, its repositories and the events it records."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager

from sqlmodel.ext.asyncio.session import AsyncSession

from kernel.db import SessionFactory
from kernel.unit_of_work import BaseUnitOfWork, open_unit_of_work
from surveys.adapters.consultations import ConsultationRepository
from surveys.adapters.households import HouseholdProjection
from surveys.adapters.indicators import IndicatorFacts
from surveys.adapters.invitations import InvitationRepository
from surveys.adapters.responses import ResponseRepository


class UnitOfWork(BaseUnitOfWork):
    """Repositories sharing one session (one transaction)."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self.consultations = ConsultationRepository(session)
        self.households = HouseholdProjection(session)
        self.indicators = IndicatorFacts(session)
        self.invitations = InvitationRepository(session)
        self.responses = ResponseRepository(session)


def unit_of_work(sessions: SessionFactory) -> AbstractAsyncContextManager[UnitOfWork]:
    """A unit of work: commits when the block ends, rolls back on any error; a unique-key
    violation (two writers at once) becomes CONFLICT."""
    return open_unit_of_work(sessions, UnitOfWork)
