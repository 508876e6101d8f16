"""The unit of work: one transaction, its repositories and the events it records.

Events go to the outbox in the same transaction as the state change; a unique-key violation
at commit time (two writers at once) becomes CONFLICT.
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager

from sqlmodel.ext.asyncio.session import AsyncSession

from identity.adapters.credentials import (
    DemoCredentialsRepository,
    PartnerClientRepository,
    SigningKeyRepository,
)
from identity.adapters.households import (
    ActivationCodeRepository,
    HouseholdRepository,
    HouseholdSessionRepository,
)
from identity.adapters.people import MembershipRepository, PersonRepository
from identity.adapters.places import BuildingRepository, LandlordRepository, SiteRepository
from kernel.db import SessionFactory
from kernel.unit_of_work import BaseUnitOfWork, open_unit_of_work


class UnitOfWork(BaseUnitOfWork):
    """Repositories sharing one session (one transaction)."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self.landlords = LandlordRepository(session)
        self.sites = SiteRepository(session)
        self.buildings = BuildingRepository(session)
        self.households = HouseholdRepository(session)
        self.codes = ActivationCodeRepository(session)
        self.household_sessions = HouseholdSessionRepository(session)
        self.people = PersonRepository(session)
        self.memberships = MembershipRepository(session)
        self.clients = PartnerClientRepository(session)
        self.keys = SigningKeyRepository(session)
        self.demo = DemoCredentialsRepository(session)


def unit_of_work(sessions: SessionFactory) -> AbstractAsyncContextManager[UnitOfWork]:
    """A unit of work: commits when the block ends, rolls back on any error."""
    return open_unit_of_work(sessions, UnitOfWork)
