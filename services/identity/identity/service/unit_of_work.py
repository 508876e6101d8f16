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

from identity.adapters.credentials import (
    DemoCredentialsRepository,
    PartnerClientRepository,
    SigningKeyRepository,
)
from identity.adapters.households import ActivationCodeRepository, HouseholdRepository
from identity.adapters.people import MembershipRepository, PersonRepository
from identity.adapters.places import BuildingRepository, LandlordRepository, SiteRepository
from kernel.db import SessionFactory, transaction
from kernel.errors import Conflict
from kernel.events import IntegrationEvent
from kernel.outbox import record_event

UNIQUE_VIOLATION = "23505"


class UnitOfWork:
    """Repositories sharing one session (one transaction)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.landlords = LandlordRepository(session)
        self.sites = SiteRepository(session)
        self.buildings = BuildingRepository(session)
        self.households = HouseholdRepository(session)
        self.codes = ActivationCodeRepository(session)
        self.people = PersonRepository(session)
        self.memberships = MembershipRepository(session)
        self.clients = PartnerClientRepository(session)
        self.keys = SigningKeyRepository(session)
        self.demo = DemoCredentialsRepository(session)
        self.events: list[IntegrationEvent] = []

    def record(self, event: IntegrationEvent, landlord: uuid.UUID | None) -> None:
        """Put ``event`` in the outbox of this transaction."""
        record_event(self.session, event, landlord=landlord)
        self.events.append(event)

    async def flush(self) -> None:
        """Write pending rows now (surfacing constraint violations inside the block)."""
        await self.session.flush()


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
