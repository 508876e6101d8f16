"""The consultations repository."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import and_, insert, or_, select, tuple_, update
from sqlalchemy.sql import ColumnElement
from sqlmodel.ext.asyncio.session import AsyncSession

from surveys.adapters import mapping
from surveys.adapters.db import run
from surveys.adapters.tables import consultations as table
from surveys.domain.consultation import Consultation, Phase, Status

c = table.c


def phase_filter(phase: Phase, now: datetime) -> ColumnElement[bool]:
    """The SQL condition of a consultation being in ``phase`` at ``now``."""
    published = c.status == Status.PUBLISHED.value
    if phase is Phase.DRAFT:
        return c.status == Status.DRAFT.value
    if phase is Phase.SCHEDULED:
        return and_(published, c.opens_at > now)
    if phase is Phase.OPEN:
        return and_(published, c.opens_at <= now, c.closes_at > now)
    return or_(c.status == Status.CLOSED.value, and_(published, c.closes_at <= now))


class ConsultationRepository:
    """Consultations, their questions and follow-ups."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, consultation: Consultation, now: datetime) -> None:
        """Store a new consultation."""
        await run(
            self.session, insert(table).values(created_at=now, **mapping.consultation_row(consultation))
        )

    async def save(self, consultation: Consultation) -> None:
        """Store the new state of ``consultation``."""
        values = mapping.consultation_row(consultation)
        await run(self.session, update(table).where(c.id == consultation.id).values(**values))

    async def get(self, consultation_id: uuid.UUID, *, lock: bool = False) -> Consultation | None:
        """The consultation ``consultation_id``; ``lock`` holds its row until commit."""
        query = select(table).where(c.id == consultation_id)
        if lock:
            query = query.with_for_update()
        row = (await run(self.session, query)).first()
        return mapping.consultation_of(row) if row else None

    async def many(self, ids: Collection[uuid.UUID]) -> list[Consultation]:
        """The consultations of ``ids`` that exist (one query, for the gateway's ``nodes``)."""
        query = select(table).where(c.id.in_(list(ids))).order_by(c.created_at.desc(), c.id.desc())
        return [mapping.consultation_of(row) for row in (await run(self.session, query)).all()]

    async def by_short_id(self, short_id: str) -> list[Consultation]:
        """Consultations whose id starts with the 10 hex digits ``short_id`` (a range on the
        primary key; more than one only by a 1-in-a-trillion chance), newest first."""
        low = uuid.UUID(short_id + "0" * 22)
        high = uuid.UUID(short_id + "f" * 22)
        query = select(table).where(c.id >= low, c.id <= high).order_by(c.created_at.desc()).limit(5)
        return [mapping.consultation_of(row) for row in (await run(self.session, query)).all()]

    async def page(
        self,
        *,
        landlord_id: uuid.UUID | None,
        phase: Phase | None,
        drafts_of: Collection[uuid.UUID] | None,
        now: datetime,
        first: int,
        after: tuple[datetime, uuid.UUID] | None,
    ) -> list[tuple[Consultation, datetime]]:
        """Newest first; drafts only of the landlords in ``drafts_of`` (None: every landlord)."""
        query = select(table).order_by(c.created_at.desc(), c.id.desc()).limit(first)
        if landlord_id is not None:
            query = query.where(c.landlord_id == landlord_id)
        if phase is not None:
            query = query.where(phase_filter(phase, now))
        if drafts_of is not None:
            query = query.where(or_(c.status != Status.DRAFT.value, c.landlord_id.in_(list(drafts_of))))
        if after is not None:
            query = query.where(tuple_(c.created_at, c.id) < tuple_(*after))
        rows = (await run(self.session, query)).all()
        return [(mapping.consultation_of(row), row.created_at) for row in rows]

    async def overdue(self, landlord_ids: Collection[uuid.UUID] | None, today: date) -> list[Consultation]:
        """Published or closed consultations whose follow-up date passed without a follow-up."""
        query = select(table).where(
            c.status != Status.DRAFT.value, c.follow_up.is_(None), c.follow_up_due < today
        )
        if landlord_ids is not None:
            query = query.where(c.landlord_id.in_(list(landlord_ids)))
        rows = (await run(self.session, query.order_by(c.follow_up_due, c.id))).all()
        return [mapping.consultation_of(row) for row in rows]

    async def claim_overdue_flag(self, consultation_id: uuid.UUID) -> bool:
        """Mark the consultation as flagged overdue; False when it already was."""
        result = await run(
            self.session,
            update(table)
            .where(c.id == consultation_id, c.follow_up_overdue_flagged.is_(False))
            .values(follow_up_overdue_flagged=True)
            .returning(c.id),
        )
        return result.first() is not None
