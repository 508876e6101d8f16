"""Invitations: issued in bulk with COPY (used once: :meth:`ResponseRepository.take`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from surveys.adapters.db import run
from surveys.adapters.tables import INVITATION_COPY_COLUMNS, households, invitations
from surveys.domain.consultation import Audience
from surveys.domain.participation import Turnout

h, i = households.c, invitations.c


@dataclass(frozen=True)
class Invitee:
    """A household of the audience that gets a letter."""

    household_id: uuid.UUID
    site_id: uuid.UUID
    building_id: uuid.UUID
    language: str


class InvitationRepository:
    """One invitation per household and consultation, its code stored as a hash only."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def uninvited(self, consultation_id: uuid.UUID, audience: Audience) -> list[Invitee]:
        """The audience's households without an invitation to this consultation yet."""
        invited = exists().where(i.consultation_id == consultation_id, i.household_id == h.household_id)
        query = select(h.household_id, h.site_id, h.building_id, h.language).where(
            h.landlord_id == audience.landlord_id, ~invited
        )
        if audience.site_ids:
            query = query.where(h.site_id.in_(list(audience.site_ids)))
        if audience.building_ids:
            query = query.where(h.building_id.in_(list(audience.building_ids)))
        rows = (await run(self.session, query.order_by(h.site_id, h.building_id))).all()
        return [Invitee(r.household_id, r.site_id, r.building_id, r.language) for r in rows]

    async def copy_in(self, consultation_id: uuid.UUID, issued: list[tuple[Invitee, str]]) -> None:
        """Store ``(invitee, code hash)`` pairs in one COPY, inside the current transaction."""
        records = [
            (
                uuid.uuid4(),
                consultation_id,
                who.household_id,
                code_hash,
                who.site_id,
                who.building_id,
                who.language,
            )
            for who, code_hash in issued
        ]
        connection = await self.session.connection()
        raw: Any = await connection.get_raw_connection()
        await raw.driver_connection.copy_records_to_table(
            "invitations", records=records, columns=INVITATION_COPY_COLUMNS
        )

    async def find(self, consultation_id: uuid.UUID, **match: Any) -> bool | None:
        """Whether the matching invitation was used; None when there is no such invitation."""
        conditions = [i.consultation_id == consultation_id]
        conditions += [i[column] == value for column, value in match.items()]
        row = (await run(self.session, select(i.used).where(*conditions))).first()
        return bool(row[0]) if row else None

    async def by_code_hash(self, code_hash: str) -> tuple[uuid.UUID, bool] | None:
        """The consultation of the invitation with this code and whether it was used (never its
        household); None for an unknown code."""
        query = select(i.consultation_id, i.used).where(i.code_hash == code_hash)
        row = (await run(self.session, query)).first()
        return (row.consultation_id, bool(row.used)) if row else None

    async def turnout(self, consultation_id: uuid.UUID, by: str | None) -> list[Turnout]:
        """Invited and responded households per ``site_id`` / ``building_id`` (or in all)."""
        responded = func.count().filter(i.used.is_(True))
        if by is None:
            query = select(func.count(), responded).where(i.consultation_id == consultation_id)
            total = (await run(self.session, query)).one()
            return [Turnout("all", int(total[0]), int(total[1]))]
        column = i[by]
        query = (
            select(column, func.count(), responded)
            .where(i.consultation_id == consultation_id)
            .group_by(column)
            .order_by(column)
        )
        rows = (await run(self.session, query)).all()
        return [Turnout(str(r[0]), int(r[1]), int(r[2])) for r in rows]
