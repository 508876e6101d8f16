"""The unit of work every service builds on: one transaction, its repositories, its events.

A service subclasses :class:`BaseUnitOfWork` to add its repositories and opens it with
:func:`open_unit_of_work`. Events go to the outbox in the same transaction as the state change;
a constraint that refuses a write at commit time (two writers at once) becomes CONFLICT.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from kernel.db import SessionFactory, transaction
from kernel.errors import Conflict, DomainError
from kernel.events import IntegrationEvent
from kernel.outbox import record_event

UNIQUE_VIOLATION = "23505"


class BaseUnitOfWork:
    """A session (one transaction) and the events recorded in it."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.events: list[IntegrationEvent] = []

    def record(self, event: IntegrationEvent, landlord: uuid.UUID | None = None) -> None:
        """Put ``event`` in the outbox of this transaction."""
        record_event(self.session, event, landlord=landlord)
        self.events.append(event)

    async def flush(self) -> None:
        """Write pending rows now (surfacing constraint violations inside the block)."""
        await self.session.flush()


def sqlstate(error: IntegrityError) -> str | None:
    """The PostgreSQL SQLSTATE behind ``error``."""
    return getattr(error.orig, "sqlstate", None)


def is_unique_violation(error: IntegrityError) -> bool:
    """True when ``error`` is a unique-constraint violation."""
    return sqlstate(error) == UNIQUE_VIOLATION


Uow = TypeVar("Uow", bound=BaseUnitOfWork)


@asynccontextmanager
async def open_unit_of_work(
    sessions: SessionFactory,
    make: Callable[[AsyncSession], Uow],
    conflict_of: Callable[[IntegrityError], DomainError | None] = lambda _: None,
) -> AsyncIterator[Uow]:
    """Commit when the block ends, roll back on any error; ``conflict_of`` names a service's own
    constraint conflicts, and any other unique violation is CONFLICT."""
    try:
        async with transaction(sessions) as session:
            yield make(session)
    except IntegrityError as exc:
        specific = conflict_of(exc)
        if specific is not None:
            raise specific from exc
        if is_unique_violation(exc):
            raise Conflict("a unique value is already taken") from exc
        raise
