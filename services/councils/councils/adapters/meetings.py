"""Repository of meetings (rows: a meeting's rules live in ``domain.meetings``)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from councils.adapters.pages import Page, page_of, page_query
from councils.adapters.tables import MeetingRow


class MeetingRepository:
    """Meetings of councils."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, meeting: MeetingRow) -> MeetingRow:
        """Store a new meeting (written now, so items can point at it)."""
        self.session.add(meeting)
        await self.session.flush()
        return meeting

    async def get(self, meeting_id: uuid.UUID, *, lock: bool = False) -> MeetingRow | None:
        """The meeting with ``meeting_id``; ``lock`` holds it until commit."""
        query = select(MeetingRow).where(MeetingRow.id == meeting_id)
        return (await self.session.exec(query.with_for_update() if lock else query)).first()

    async def next_of(self, council_id: uuid.UUID, now: datetime) -> MeetingRow | None:
        """The council's next meeting not yet held (None: none planned)."""
        query = (
            select(MeetingRow)
            .where(
                MeetingRow.council_id == council_id,
                MeetingRow.starts_at > now,
                col(MeetingRow.held_at).is_(None),
            )
            .order_by(col(MeetingRow.starts_at))
            .limit(1)
        )
        return (await self.session.exec(query)).first()

    async def page(self, council_id: uuid.UUID, first: int, after: str | None) -> Page[MeetingRow]:
        """Meetings of a council, in the order they were scheduled."""
        query = select(MeetingRow).where(MeetingRow.council_id == council_id)
        return page_of(list(await self.session.exec(page_query(query, MeetingRow, first, after))), first)

    async def between(self, council_id: uuid.UUID, start: datetime, end: datetime) -> list[MeetingRow]:
        """Meetings starting in [start, end)."""
        query = select(MeetingRow).where(
            MeetingRow.council_id == council_id, MeetingRow.starts_at >= start, MeetingRow.starts_at < end
        )
        return list(await self.session.exec(query))
