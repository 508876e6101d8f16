"""Announced activities: a partner with a partnership puts them on the landlord's agenda."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlmodel import col, select

from contracts.partners import ActivityAnnounced
from kernel.auth import Principal
from kernel.errors import Forbidden
from partners.adapters.mapping import partnership_of
from partners.adapters.tables import ActivityRow, PartnershipRow
from partners.domain.activities import check_activity
from partners.domain.commands import AnnounceActivity
from partners.service.access import calling_partner
from partners.service.unit_of_work import UnitOfWork


async def _require_partnership(uow: UnitOfWork, partner_id: uuid.UUID, landlord_id: uuid.UUID) -> None:
    query = select(PartnershipRow).where(
        PartnershipRow.partner_id == partner_id, PartnershipRow.landlord_id == landlord_id
    )
    now = datetime.now(UTC)
    if not any(partnership_of(row).active_at(now) for row in (await uow.session.exec(query)).all()):
        raise Forbidden("no partnership with this landlord", message_key="partners.no_partnership")


async def announce(uow: UnitOfWork, principal: Principal, command: AnnounceActivity) -> ActivityRow:
    """Announce an activity → ``ActivityAnnounced`` (spaces turns a room request into a booking)."""
    partner_id = await calling_partner(uow, principal)
    check_activity(
        command.title, command.starts_at, command.ends_at, command.audience, list(command.languages)
    )
    await _require_partnership(uow, partner_id, command.landlord_id)
    row = ActivityRow(
        id=uuid.uuid4(),
        partner_id=partner_id,
        landlord_id=command.landlord_id,
        site_id=command.site_id,
        title=command.title.model_dump(),
        description=command.description.model_dump(),
        starts_at=command.starts_at,
        ends_at=command.ends_at,
        audience=command.audience,
        languages=list(command.languages),
        room_request=command.room_request.model_dump(mode="json") if command.room_request else None,
    )
    uow.session.add(row)
    event = ActivityAnnounced(
        activity_id=row.id,
        partner_id=partner_id,
        landlord_id=command.landlord_id,
        site_id=command.site_id,
        title=command.title,
        starts_at=command.starts_at,
        ends_at=command.ends_at,
        room_request=command.room_request,
    )
    uow.record(event, landlord=command.landlord_id)
    return row


async def agenda(uow: UnitOfWork, landlord_id: uuid.UUID, since: datetime) -> list[ActivityRow]:
    """A landlord's public agenda: activities ending after ``since``, by start."""
    query = (
        select(ActivityRow)
        .where(ActivityRow.landlord_id == landlord_id, col(ActivityRow.ends_at) > since)
        .order_by(col(ActivityRow.starts_at))
    )
    return list((await uow.session.exec(query)).all())
