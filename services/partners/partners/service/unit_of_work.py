"""The unit of work: one transaction and the events it records (outbox, same transaction)."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager

from sqlmodel.ext.asyncio.session import AsyncSession

from kernel.db import SessionFactory
from kernel.unit_of_work import BaseUnitOfWork, open_unit_of_work
from partners.adapters.indicators import IndicatorFacts


class UnitOfWork(BaseUnitOfWork):
    """A session (one transaction) and the events recorded in it."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self.indicators = IndicatorFacts(session)


def unit_of_work(sessions: SessionFactory) -> AbstractAsyncContextManager[UnitOfWork]:
    """Commit when the block ends, roll back on any error; a unique violation is CONFLICT."""
    return open_unit_of_work(sessions, UnitOfWork)
