"""The facts indicators are computed from: when items, advice and held meetings happened."""

from __future__ import annotations

import uuid

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from councils.adapters.tables import AdviceRow, AgendaItemRow, MeetingRow
from councils.domain.indicators import AdviceFact, ItemFact, MeetingFact


class IndicatorFacts:
    """Reads the dated facts of one council (only the columns the indicators need)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def items(self, council_id: uuid.UUID) -> list[ItemFact]:
        """When each item of the council was proposed, accepted and decided."""
        query = select(
            col(AgendaItemRow.created_at), col(AgendaItemRow.accepted_at), col(AgendaItemRow.decided_at)
        ).where(AgendaItemRow.council_id == council_id)
        return [
            ItemFact(proposed, accepted, decided)
            for proposed, accepted, decided in await self.session.exec(query)
            if proposed
        ]

    async def advice(self, council_id: uuid.UUID) -> list[AdviceFact]:
        """When each advice of the council was issued, due to be answered and answered."""
        query = select(
            col(AdviceRow.issued_at), col(AdviceRow.answer_due_on), col(AdviceRow.answered_at)
        ).where(AdviceRow.council_id == council_id)
        return [AdviceFact(issued, due, answered) for issued, due, answered in await self.session.exec(query)]

    async def meetings(self, council_id: uuid.UUID) -> list[MeetingFact]:
        """The council's held meetings with their attendance counts."""
        query = select(col(MeetingRow.starts_at), col(MeetingRow.sitting), col(MeetingRow.present)).where(
            MeetingRow.council_id == council_id, col(MeetingRow.held_at).is_not(None)
        )
        return [
            MeetingFact(starts_at, len(sitting or []), len(present or []))
            for starts_at, sitting, present in await self.session.exec(query)
        ]
