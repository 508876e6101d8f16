"""Repositories of councils and mandates."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from councils.adapters import mapping
from councils.adapters.tables import CouncilRow, MandateRow
from councils.domain.councils import Council, Mandate


class CouncilRepository:
    """Councils, by id or landlord."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, council: Council) -> None:
        """Store a new council."""
        self.session.add(mapping.council_row(council))

    async def get(self, council_id: uuid.UUID, *, lock: bool = False) -> Council | None:
        """The council with ``council_id``; ``lock`` holds it until commit (seats, scheduling)."""
        query = select(CouncilRow).where(CouncilRow.id == council_id)
        row = (await self.session.exec(query.with_for_update() if lock else query)).first()
        return mapping.council(row) if row else None

    async def of_landlords(self, landlord_ids: Iterable[uuid.UUID] | None) -> list[Council]:
        """The councils of ``landlord_ids`` (every council for None)."""
        query = select(CouncilRow).order_by(col(CouncilRow.created_at), col(CouncilRow.id))
        if landlord_ids is not None:
            query = query.where(col(CouncilRow.landlord_id).in_(list(landlord_ids)))
        return [mapping.council(row) for row in await self.session.exec(query)]


class MandateRepository:
    """Mandates of councils."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, mandate: Mandate) -> None:
        """Store a new mandate."""
        self.session.add(mapping.mandate_row(mandate))

    async def of_council(self, council_id: uuid.UUID) -> list[Mandate]:
        """Every mandate of a council (past, present and future), by term."""
        query = (
            select(MandateRow)
            .where(MandateRow.council_id == council_id)
            .order_by(col(MandateRow.term_start), col(MandateRow.id))
        )
        return [mapping.mandate(row) for row in await self.session.exec(query)]

    async def held_by(self, person_id: uuid.UUID) -> list[Mandate]:
        """Every mandate of one person."""
        query = select(MandateRow).where(MandateRow.person_id == person_id)
        return [mapping.mandate(row) for row in await self.session.exec(query)]
