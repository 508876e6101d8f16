"""Repositories of households and their activation codes."""

from __future__ import annotations

import uuid

from sqlalchemy import func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from identity.adapters import mapping
from identity.adapters.tables import ActivationCodeRow, HouseholdRow
from identity.domain.activation import ActivationCode
from identity.domain.households import Household


class HouseholdRepository:
    """Households (pseudonymous dwellings)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, household: Household) -> None:
        """Store a new household."""
        self.session.add(mapping.household_row(household))

    async def get(self, household_id: uuid.UUID, *, lock: bool = False) -> Household | None:
        """The household with ``household_id``; ``lock`` holds its row until commit."""
        query = select(HouseholdRow).where(HouseholdRow.id == household_id)
        if lock:
            query = query.with_for_update()
        row = (await self.session.exec(query)).first()
        return mapping.household(row) if row else None

    async def save_placement(self, household: Household) -> None:
        """Store where ``household`` lives now."""
        place = household.placement
        await self.session.exec(
            update(HouseholdRow)
            .where(col(HouseholdRow.id) == household.id)
            .values(landlord_id=place.landlord_id, site_id=place.site_id, building_id=place.building_id)
        )


class ActivationCodeRepository:
    """Activation codes, stored by hash only."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, code: ActivationCode) -> None:
        """Store a newly issued code (its hash)."""
        self.session.add(
            ActivationCodeRow(
                id=code.id,
                code_hash=code.code_hash,
                household_id=code.household_id,
                created_at=code.created_at,
                expires_at=code.expires_at,
            )
        )

    async def consume(self, code_hash: str) -> uuid.UUID | None:
        """Use the code once, atomically: the household it opens, or None if it is unknown,
        expired or already used (concurrent attempts wait on the row lock; one wins)."""
        result = await self.session.exec(
            update(ActivationCodeRow)
            .where(
                col(ActivationCodeRow.code_hash) == code_hash,
                col(ActivationCodeRow.used_at).is_(None),
                col(ActivationCodeRow.expires_at) > func.now(),
            )
            .values(used_at=func.now())
            .returning(col(ActivationCodeRow.household_id))
        )
        household_id: uuid.UUID | None = result.scalar_one_or_none()
        return household_id

    async def is_usable(self, code_hash: str) -> bool:
        """True when the code exists, is unused and has not expired."""
        query = select(ActivationCodeRow.id).where(
            ActivationCodeRow.code_hash == code_hash,
            col(ActivationCodeRow.used_at).is_(None),
            col(ActivationCodeRow.expires_at) > func.now(),
        )
        return (await self.session.exec(query)).first() is not None
