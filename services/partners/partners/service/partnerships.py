"""Partnerships: granted and revoked by the landlord's staff (regional admins too)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlmodel import col, select

from contracts.partners import PartnershipGranted, PartnershipRevoked
from kernel.auth import Principal
from kernel.errors import Conflict, NotFound
from partners.adapters.tables import PartnershipRow
from partners.domain.commands import GrantPartnership
from partners.domain.partnerships import check_period
from partners.domain.subscriptions import check_event_types
from partners.service.catalogue import known_types
from partners.service.directory import partner_row
from partners.service.unit_of_work import UnitOfWork


async def grant(uow: UnitOfWork, principal: Principal, command: GrantPartnership) -> PartnershipRow:
    """Grant a partnership → ``PartnershipGranted``."""
    principal.require("landlord_staff", str(command.landlord_id))
    await partner_row(uow, command.partner_id)
    check_period(command.valid_from, command.valid_to)
    check_event_types(command.event_types, known_types())
    row = PartnershipRow(
        id=uuid.uuid4(),
        partner_id=command.partner_id,
        landlord_id=command.landlord_id,
        site_ids=sorted(str(s) for s in command.site_ids),
        event_types=sorted(command.event_types),
        valid_from=command.valid_from,
        valid_to=command.valid_to,
        granted_by=principal.subject,
    )
    uow.session.add(row)
    uow.record(
        PartnershipGranted(
            partnership_id=row.id,
            partner_id=row.partner_id,
            landlord_id=row.landlord_id,
            site_ids=sorted(command.site_ids),
            event_types=row.event_types,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
        ),
        landlord=row.landlord_id,
    )
    return row


async def revoke(uow: UnitOfWork, principal: Principal, partnership_id: uuid.UUID) -> PartnershipRow:
    """Revoke a partnership from now on → ``PartnershipRevoked``; CONFLICT when already revoked."""
    row = await uow.session.get(PartnershipRow, partnership_id, with_for_update=True)
    if row is None:
        raise NotFound(f"partnership {partnership_id}", message_key="partners.partnership_unknown")
    principal.require("landlord_staff", str(row.landlord_id))
    if row.revoked_at is not None:
        raise Conflict("already revoked", message_key="partners.partnership_revoked")
    row.revoked_at = datetime.now(UTC)
    uow.record(
        PartnershipRevoked(partnership_id=row.id, partner_id=row.partner_id, landlord_id=row.landlord_id),
        landlord=row.landlord_id,
    )
    return row


async def of_partner(uow: UnitOfWork, partner_id: uuid.UUID) -> list[PartnershipRow]:
    """Every partnership of a partner, oldest first."""
    query = (
        select(PartnershipRow)
        .where(PartnershipRow.partner_id == partner_id)
        .order_by(col(PartnershipRow.granted_at))
    )
    return list((await uow.session.exec(query)).all())
