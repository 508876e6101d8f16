"""Repository of advice."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import UTC, date, datetime

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from councils.adapters import mapping
from councils.adapters.pages import Page, page_of, page_query
from councils.adapters.tables import AdviceRow, FollowUpRow
from councils.domain.advice import Advice
from councils.domain.follow_ups import FollowUp


class AdviceRepository:
    """Advice of councils."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, advice: Advice) -> None:
        """Store a new advice."""
        self.session.add(AdviceRow(**mapping.advice_values(advice)))

    async def save(self, advice: Advice) -> None:
        """Store ``advice``'s new state."""
        await self.session.exec(
            update(AdviceRow).where(col(AdviceRow.id) == advice.id).values(**mapping.advice_values(advice))
        )

    def add_follow_up(self, entry: FollowUp) -> None:
        """Store a new follow-up entry of an advice."""
        self.session.add(mapping.follow_up_row(entry))

    async def get(self, advice_id: uuid.UUID, *, lock: bool = False) -> Advice | None:
        """The advice with ``advice_id``; ``lock`` holds it until commit."""
        query = select(AdviceRow).where(AdviceRow.id == advice_id)
        row = (await self.session.exec(query.with_for_update() if lock else query)).first()
        return (await self._with_follow_ups([row]))[0] if row else None

    async def _with_follow_ups(self, rows: Sequence[AdviceRow]) -> list[Advice]:
        """The advice of ``rows`` with their follow-up entries, fetched in one query."""
        entries: defaultdict[uuid.UUID, list[FollowUpRow]] = defaultdict(list)
        if rows:
            query = (
                select(FollowUpRow)
                .where(col(FollowUpRow.advice_id).in_([row.id for row in rows]))
                .order_by(col(FollowUpRow.recorded_on), col(FollowUpRow.created_at), col(FollowUpRow.id))
            )
            for entry in await self.session.exec(query):
                entries[entry.advice_id].append(entry)
        return [mapping.advice(row, entries[row.id]) for row in rows]

    async def page(
        self, council_id: uuid.UUID, *, states: Collection[str] | None, first: int, after: str | None
    ) -> Page[Advice]:
        """Advice of a council in ``states`` (all for None)."""
        query = select(AdviceRow).where(AdviceRow.council_id == council_id)
        if states is not None:
            query = query.where(col(AdviceRow.state).in_(list(states)))
        found = page_of(list(await self.session.exec(page_query(query, AdviceRow, first, after))), first)
        return Page(await self._with_follow_ups(found.items), found.next_cursor)

    async def overdue(self, council_id: uuid.UUID) -> list[Advice]:
        """The council's overdue advice, most overdue first."""
        query = (
            select(AdviceRow)
            .where(
                AdviceRow.council_id == council_id,
                col(AdviceRow.overdue_at).is_not(None),
                AdviceRow.state == "issued",
            )
            .order_by(col(AdviceRow.answer_due_on), col(AdviceRow.id))
        )
        return await self._with_follow_ups(list(await self.session.exec(query)))

    async def answered(self, council_id: uuid.UUID) -> list[Advice]:
        """The council's answered advice with their follow-ups, oldest answer first."""
        query = (
            select(AdviceRow)
            .where(AdviceRow.council_id == council_id, AdviceRow.state == "answered")
            .order_by(col(AdviceRow.answered_at), col(AdviceRow.id))
        )
        return await self._with_follow_ups(list(await self.session.exec(query)))

    async def mark_overdue(self, today: date) -> list[Advice]:
        """Flag every unanswered advice due before ``today`` not flagged yet; return those flagged.

        The ``overdue_at IS NULL`` condition is re-checked after a concurrent check's commit
        (READ COMMITTED), so two replicas never flag the same advice twice.
        """
        statement = (
            update(AdviceRow)
            .where(
                col(AdviceRow.state) == "issued",
                col(AdviceRow.answer_due_on) < today,
                col(AdviceRow.overdue_at).is_(None),
            )
            .values(overdue_at=datetime.now(UTC))
            .returning(AdviceRow)
        )
        rows = (await self.session.exec(statement)).scalars().all()
        return [mapping.advice(row) for row in rows]
