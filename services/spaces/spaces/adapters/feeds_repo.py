"""What iCalendar feeds read: feed tokens, bookings and their series."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from contracts.common import Organisation
from spaces.adapters import mapping
from spaces.adapters.tables import BookingRow, OrganisationFeedRow, SeriesRow
from spaces.domain.bookings import Booking


@dataclass(frozen=True)
class Series:
    """A recurring booking's rule and first occurrence."""

    id: uuid.UUID
    space_id: uuid.UUID
    rule: str
    starts_at: datetime
    ends_at: datetime


class FeedRepository:
    """Feed tokens and the bookings a feed shows."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def organisation_token(self, organisation: Organisation, new_token: str) -> str:
        """The organisation's feed token, made (as ``new_token``) on first use."""
        await self.session.exec(
            insert(OrganisationFeedRow)
            .values(organisation_kind=organisation.kind, organisation_id=organisation.id, token=new_token)
            .on_conflict_do_nothing()
        )
        query = select(OrganisationFeedRow.token).where(
            col(OrganisationFeedRow.organisation_kind) == organisation.kind,
            col(OrganisationFeedRow.organisation_id) == organisation.id,
        )
        return str((await self.session.exec(query)).one())

    async def organisation_of(self, token: str) -> Organisation | None:
        """The organisation whose feed has ``token``."""
        query = select(OrganisationFeedRow).where(col(OrganisationFeedRow.token) == token)
        row = (await self.session.exec(query)).first()
        if row is None:
            return None
        return Organisation.model_validate({"kind": row.organisation_kind, "id": row.organisation_id})

    async def bookings(
        self, *, space_id: uuid.UUID | None = None, organisation: Organisation | None = None
    ) -> list[Booking]:
        """Every booking of a room or of an organisation, by start."""
        query = select(BookingRow).order_by(col(BookingRow.starts_at))
        if space_id is not None:
            query = query.where(col(BookingRow.space_id) == space_id)
        if organisation is not None:
            query = query.where(
                col(BookingRow.organisation_kind) == organisation.kind,
                col(BookingRow.organisation_id) == organisation.id,
            )
        return [mapping.booking(row) for row in await self.session.exec(query)]

    async def series(self, ids: set[uuid.UUID]) -> dict[uuid.UUID, Series]:
        """The series of ``ids``."""
        if not ids:
            return {}
        rows = await self.session.exec(select(SeriesRow).where(col(SeriesRow.id).in_(ids)))
        return {r.id: Series(r.id, r.space_id, r.rule, r.starts_at, r.ends_at) for r in rows}
