"""The unit of work: one transaction and the events it records (outbox, same transaction)."""

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

UNIQUE_VIOLATION = "23505"


class UnitOfWork:
    """A session (one transaction) and the events recorded in it."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.events: list[IntegrationEvent] = []

    def record(self, event: IntegrationEvent, landlord: uuid.UUID | None = None) -> None:
        """Put ``event`` in the outbox of this transaction."""
        record_event(self.session, event, landlord=landlord)
        self.events.append(event)


@asynccontextmanager
async def unit_of_work(sessions: SessionFactory) -> AsyncIterator[UnitOfWork]:
    """Commit when the block ends, roll back on any error; a unique violation is CONFLICT."""
    try:
        async with transaction(sessions) as session:
            yield UnitOfWork(session)
    except IntegrityError as exc:
        if getattr(exc.orig, "sqlstate", None) == UNIQUE_VIOLATION:
            raise Conflict("a unique value is already taken") from exc
        raise
