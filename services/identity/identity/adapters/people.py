"""Repositories of people and memberships."""

from __future__ import annotations

import uuid

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from identity.adapters import mapping
from identity.adapters.tables import MembershipRow, PersonRow
from identity.domain.people import Membership, Person


class PersonRepository:
    """People, by id or username."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, person: Person, password_hash: str | None = None) -> None:
        """Store a new person (with their password hash, if they log in with a password)."""
        self.session.add(mapping.person_row(person, password_hash))

    async def get(self, person_id: uuid.UUID) -> Person | None:
        """The person with ``person_id``, if any."""
        row = await self.session.get(PersonRow, person_id)
        return mapping.person(row) if row else None

    async def many(self, person_ids: list[uuid.UUID]) -> list[Person]:
        """The people of ``person_ids`` that exist (one query, for the gateway's DataLoader)."""
        if not person_ids:
            return []
        query = select(PersonRow).where(col(PersonRow.id).in_(person_ids))
        return [mapping.person(row) for row in (await self.session.exec(query)).all()]

    async def username_taken(self, username: str) -> bool:
        """True when someone already has ``username``."""
        query = select(PersonRow.id).where(PersonRow.username == username)
        return (await self.session.exec(query)).first() is not None

    async def login(self, username: str) -> tuple[Person, str] | None:
        """The person with ``username`` and their password hash (None without a password)."""
        query = select(PersonRow).where(
            PersonRow.username == username, col(PersonRow.password_hash).is_not(None)
        )
        row = (await self.session.exec(query)).first()
        return (mapping.person(row), row.password_hash or "") if row else None


class MembershipRepository:
    """Memberships (role, scope, period) of people."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, membership: Membership) -> None:
        """Store a new membership."""
        self.session.add(mapping.membership_row(membership))

    async def get(self, membership_id: uuid.UUID, *, lock: bool = False) -> Membership | None:
        """The membership with ``membership_id``; ``lock`` holds its row until commit."""
        query = select(MembershipRow).where(MembershipRow.id == membership_id)
        if lock:
            query = query.with_for_update()
        row = (await self.session.exec(query)).first()
        return mapping.membership(row) if row else None

    async def of_person(self, person_id: uuid.UUID) -> list[Membership]:
        """Every membership of a person (past, present and future), oldest first."""
        query = (
            select(MembershipRow)
            .where(MembershipRow.person_id == person_id)
            .order_by(col(MembershipRow.valid_from), col(MembershipRow.id))
        )
        return [mapping.membership(row) for row in await self.session.exec(query)]

    async def save_revocation(self, membership: Membership) -> None:
        """Store when ``membership`` was revoked."""
        await self.session.exec(
            update(MembershipRow)
            .where(col(MembershipRow.id) == membership.id)
            .values(revoked_at=membership.revoked_at)
        )
