"""Repositories of households, their activation codes and their sessions (refresh tokens)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from identity.adapters import mapping
from identity.adapters.tables import ActivationCodeRow, HouseholdRow, HouseholdSessionRow
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


REPLAY_GRACE_SECONDS = 60


class HouseholdSessionRepository:
    """Refresh tokens of household sessions, stored by hash only, rotated on every use."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def start(
        self,
        household_id: uuid.UUID,
        token_hash: str,
        expires_at: datetime,
        family_id: uuid.UUID | None = None,
    ) -> None:
        """Store a new refresh token (of a new session, or of ``family_id`` when rotating)."""
        self.session.add(
            HouseholdSessionRow(
                id=uuid.uuid4(),
                family_id=family_id or uuid.uuid4(),
                token_hash=token_hash,
                household_id=household_id,
                expires_at=expires_at,
            )
        )

    async def use(self, token_hash: str) -> tuple[uuid.UUID, uuid.UUID] | None:
        """Use a refresh token once, atomically: (household, family), or None when it is
        unknown, expired, revoked or already used. A second use later than
        ``REPLAY_GRACE_SECONDS`` revokes its whole family (the token leaked); a second use
        within them is two tabs refreshing at once, refused without ending the session."""
        result = await self.session.exec(
            update(HouseholdSessionRow)
            .where(
                col(HouseholdSessionRow.token_hash) == token_hash,
                col(HouseholdSessionRow.used_at).is_(None),
                col(HouseholdSessionRow.revoked_at).is_(None),
                col(HouseholdSessionRow.expires_at) > func.now(),
            )
            .values(used_at=func.now())
            .returning(col(HouseholdSessionRow.household_id), col(HouseholdSessionRow.family_id))
        )
        found = result.first()
        if found is not None:
            return found[0], found[1]
        replayed = await self.session.exec(
            select(HouseholdSessionRow.family_id).where(
                col(HouseholdSessionRow.token_hash) == token_hash,
                col(HouseholdSessionRow.used_at) < func.now() - timedelta(seconds=REPLAY_GRACE_SECONDS),
            )
        )
        family = replayed.first()
        if family is not None:
            await self.revoke_family(family)
        return None

    async def revoke(self, token_hash: str) -> None:
        """End the session the refresh token belongs to (signing out)."""
        found = await self.session.exec(
            select(HouseholdSessionRow.family_id).where(col(HouseholdSessionRow.token_hash) == token_hash)
        )
        family = found.first()
        if family is not None:
            await self.revoke_family(family)

    async def revoke_family(self, family_id: uuid.UUID) -> None:
        """Revoke every refresh token of one session."""
        await self.session.exec(
            update(HouseholdSessionRow)
            .where(
                col(HouseholdSessionRow.family_id) == family_id,
                col(HouseholdSessionRow.revoked_at).is_(None),
            )
            .values(revoked_at=func.now())
        )
