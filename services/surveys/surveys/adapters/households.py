"""The local projection of identity's households: who lives where, in which language."""

from __future__ import annotations

import uuid

from sqlalchemy.dialects.postgresql import insert
from sqlmodel.ext.asyncio.session import AsyncSession

from surveys.adapters.db import run
from surveys.adapters.tables import households as table


class HouseholdProjection:
    """Households as identity announced them (idempotent whatever the order of events)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def registered(
        self,
        household_id: uuid.UUID,
        landlord_id: uuid.UUID,
        site_id: uuid.UUID,
        building_id: uuid.UUID,
        language: str,
    ) -> None:
        """A household became known; a move seen earlier keeps its newer placement."""
        values = {
            "household_id": household_id,
            "landlord_id": landlord_id,
            "site_id": site_id,
            "building_id": building_id,
            "language": language,
        }
        statement = insert(table).values(**values)
        await run(
            self.session,
            statement.on_conflict_do_update(
                index_elements=["household_id"], set_={"language": statement.excluded.language}
            ),
        )

    async def moved(
        self, household_id: uuid.UUID, landlord_id: uuid.UUID, site_id: uuid.UUID, building_id: uuid.UUID
    ) -> None:
        """A household lives elsewhere now (known with NL until its registration arrives)."""
        placement = {"landlord_id": landlord_id, "site_id": site_id, "building_id": building_id}
        statement = insert(table).values(household_id=household_id, language="nl", **placement)
        await run(
            self.session, statement.on_conflict_do_update(index_elements=["household_id"], set_=placement)
        )
