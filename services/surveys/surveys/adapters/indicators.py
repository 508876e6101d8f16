"""The facts the indicators are computed from: which consultations of a landlord were
published, closed or open in a period, and their invitations' turnout per site."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from kernel.periods import Period
from surveys.adapters.db import run
from surveys.adapters.tables import consultations, invitations
from surveys.domain.consultation import Status
from surveys.domain.participation import Turnout

c, i = consultations.c, invitations.c


class IndicatorFacts:
    """Counts over a landlord's consultations (drafts never count)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def consultation_counts(
        self, landlord_id: uuid.UUID, period: Period, now: datetime
    ) -> tuple[int, int]:
        """(published, closed) in the period; a consultation closes when closed early or when
        its closing time passes."""
        closes = func.coalesce(c.closed_at, c.closes_at)
        query = select(
            func.count().filter(c.published_at >= period.begins, c.published_at < period.ends),
            func.count().filter(closes >= period.begins, closes < period.ends, closes <= now),
        ).where(c.landlord_id == landlord_id, c.status != Status.DRAFT.value)
        published, closed = (await run(self.session, query)).one()
        return int(published), int(closed)

    async def open_in(self, landlord_id: uuid.UUID, period: Period) -> list[tuple[uuid.UUID, int]]:
        """The consultations open at some moment of the period, with their suppression threshold."""
        closes = func.coalesce(c.closed_at, c.closes_at)
        query = select(c.id, c.suppression_threshold).where(
            c.landlord_id == landlord_id,
            c.status != Status.DRAFT.value,
            c.opens_at < period.ends,
            closes > period.begins,
        )
        return [(row[0], int(row[1])) for row in await run(self.session, query)]

    async def turnout_by_site(self, consultation_ids: Collection[uuid.UUID]) -> list[Turnout]:
        """Invited and responded households per site, over all ``consultation_ids``."""
        if not consultation_ids:
            return []
        responded = func.count().filter(i.used.is_(True))
        query = (
            select(i.site_id, func.count(), responded)
            .where(i.consultation_id.in_(list(consultation_ids)))
            .group_by(i.site_id)
            .order_by(i.site_id)
        )
        return [Turnout(str(r[0]), int(r[1]), int(r[2])) for r in await run(self.session, query)]
