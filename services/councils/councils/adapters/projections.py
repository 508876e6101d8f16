"""Projections of identity's households and memberships (idempotent upserts)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from councils.adapters.tables import HouseholdRow, MembershipRow


class ProjectionRepository:
    """Who lives with which landlord; who holds which role where."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def place_household(self, household_id: uuid.UUID, landlord_id: uuid.UUID) -> None:
        """Record (or move) a household to a landlord."""
        statement = insert(HouseholdRow).values(household_id=household_id, landlord_id=landlord_id)
        await self.session.exec(
            statement.on_conflict_do_update(
                index_elements=["household_id"], set_={"landlord_id": landlord_id}
            )
        )

    async def landlord_of(self, household_id: uuid.UUID) -> uuid.UUID | None:
        """The landlord of a household, when identity told us."""
        row = await self.session.get(HouseholdRow, household_id)
        return row.landlord_id if row else None

    async def grant(self, values: dict[str, Any]) -> None:
        """Record a membership (a redelivery rewrites the same row)."""
        statement = insert(MembershipRow).values(**values)
        await self.session.exec(
            statement.on_conflict_do_update(index_elements=["membership_id"], set_=values)
        )

    async def revoke(self, membership_id: uuid.UUID) -> None:
        """Mark a membership revoked (if known)."""
        row = await self.session.get(MembershipRow, membership_id)
        if row is not None:
            row.revoked = True

    async def holds(self, person_id: uuid.UUID, role: str, landlord_id: uuid.UUID, day: date) -> bool:
        """True when the person holds ``role`` within the landlord on ``day``."""
        query = select(MembershipRow.membership_id).where(
            MembershipRow.person_id == person_id,
            MembershipRow.role == role,
            MembershipRow.landlord_id == landlord_id,
            col(MembershipRow.revoked).is_(False),
            MembershipRow.valid_from <= day,
            or_(col(MembershipRow.valid_to).is_(None), col(MembershipRow.valid_to) >= day),
        )
        return (await self.session.exec(query)).first() is not None
