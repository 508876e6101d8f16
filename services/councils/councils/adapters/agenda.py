"""Repository of agenda items and votes."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement, func, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from councils.adapters import mapping
from councils.adapters.pages import Page, page_of, page_query
from councils.adapters.tables import AgendaItemRow, VoteRow
from councils.domain.agenda import AgendaItem


class AgendaRepository:
    """Agenda items of councils."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, item: AgendaItem, **stamps: Any) -> None:
        """Store a new item (``stamps``: accepted_at for items accepted at once)."""
        self.session.add(AgendaItemRow(**mapping.item_values(item), **stamps))

    async def save(self, item: AgendaItem, **stamps: object) -> None:
        """Store ``item``'s new state (``stamps``: accepted_at / decided_at)."""
        values = {**mapping.item_values(item), **stamps}
        await self.session.exec(
            update(AgendaItemRow).where(col(AgendaItemRow.id) == item.id).values(**values)
        )

    async def get(self, item_id: uuid.UUID, *, lock: bool = False) -> AgendaItem | None:
        """The item with ``item_id``; ``lock`` holds it until commit."""
        query = select(AgendaItemRow).where(AgendaItemRow.id == item_id)
        row = (await self.session.exec(query.with_for_update() if lock else query)).first()
        return mapping.item(row) if row else None

    async def of_consultation(self, council_id: uuid.UUID, consultation_id: uuid.UUID) -> AgendaItem | None:
        """The results item of a consultation, if there is one already."""
        query = select(AgendaItemRow).where(
            AgendaItemRow.council_id == council_id, AgendaItemRow.consultation_id == consultation_id
        )
        row = (await self.session.exec(query)).first()
        return mapping.item(row) if row else None

    async def page(
        self,
        council_id: uuid.UUID,
        *,
        states: Collection[str] | None,
        own_household: uuid.UUID | None,
        first: int,
        after: str | None,
    ) -> Page[AgendaItem]:
        """Items of a council in ``states`` (all for None), plus those ``own_household`` proposed."""
        query = select(AgendaItemRow).where(AgendaItemRow.council_id == council_id)
        if states is not None:
            visible: list[ColumnElement[bool]] = [col(AgendaItemRow.state).in_(list(states))]
            if own_household is not None:
                visible.append(col(AgendaItemRow.proposer_household_id) == own_household)
            query = query.where(or_(*visible))
        rows = list(await self.session.exec(page_query(query, AgendaItemRow, first, after)))
        found = page_of(rows, first)
        return Page([mapping.item(row) for row in found.items], found.next_cursor)

    async def on_meeting(self, meeting_id: uuid.UUID) -> list[AgendaItem]:
        """The agenda of a meeting, in order (items decided or postponed there included)."""
        query = (
            select(AgendaItemRow)
            .where(AgendaItemRow.meeting_id == meeting_id)
            .order_by(col(AgendaItemRow.position))
        )
        return [mapping.item(row) for row in await self.session.exec(query)]

    async def waiting(self, council_id: uuid.UUID) -> list[AgendaItem]:
        """Items waiting for the council's next meeting (postponed, or results without a meeting)."""
        query = (
            select(AgendaItemRow)
            .where(AgendaItemRow.council_id == council_id, col(AgendaItemRow.waits_for_next_meeting))
            .order_by(col(AgendaItemRow.created_at), col(AgendaItemRow.id))
            .with_for_update()
        )
        return [mapping.item(row) for row in await self.session.exec(query)]

    async def next_position(self, meeting_id: uuid.UUID) -> int:
        """The position after the last item on a meeting's agenda."""
        query = select(func.coalesce(func.max(AgendaItemRow.position), 0)).where(
            AgendaItemRow.meeting_id == meeting_id
        )
        return int((await self.session.exec(query)).one() or 0) + 1

    async def add_vote(
        self, meeting_id: uuid.UUID, item_id: uuid.UUID, person_id: uuid.UUID, choice: str
    ) -> None:
        """Store a vote (the primary key refuses a second one at commit)."""
        self.session.add(VoteRow(meeting_id=meeting_id, item_id=item_id, person_id=person_id, choice=choice))
        await self.session.flush()

    async def votes(self, meeting_id: uuid.UUID, item_id: uuid.UUID) -> dict[uuid.UUID, str]:
        """Who voted what on an item in a meeting."""
        query = select(VoteRow).where(VoteRow.meeting_id == meeting_id, VoteRow.item_id == item_id)
        return {row.person_id: row.choice for row in await self.session.exec(query)}
