"""The social map: register partners, search them by service, language and landlord."""

from __future__ import annotations

import uuid

from sqlmodel import col, select

from contracts.partners import PartnerRegistered
from kernel.auth import Principal
from kernel.errors import NotFound
from partners.adapters.mapping import partner_of
from partners.adapters.tables import PartnerClientRow, PartnerRow
from partners.domain.commands import RegisterPartner
from partners.domain.directory import check_partner
from partners.service.access import partner_client_ids, require_registrar
from partners.service.unit_of_work import UnitOfWork


async def register_partner(uow: UnitOfWork, principal: Principal, command: RegisterPartner) -> PartnerRow:
    """Register a partner (regional admins, landlord staff) → ``PartnerRegistered``."""
    require_registrar(principal)
    check_partner(command.name, command.type, command.services, command.languages)
    row = PartnerRow(
        id=uuid.uuid4(),
        name=command.name.model_dump(),
        type=command.type,
        description=command.description.model_dump(),
        services=sorted(command.services),
        languages=sorted(command.languages),
        landlord_ids=sorted(str(x) for x in command.landlord_ids),
        site_ids=sorted(str(x) for x in command.site_ids),
        municipalities=sorted(command.municipalities),
        contact=dict(command.contact),
        opening_hours=dict(command.opening_hours),
    )
    uow.session.add(row)
    await uow.session.flush()
    uow.session.add_all(PartnerClientRow(client_id=c, partner_id=row.id) for c in command.client_ids)
    uow.record(
        PartnerRegistered(partner_id=row.id, partner_type=row.type, landlord_ids=sorted(command.landlord_ids))
    )
    return row


async def partner_row(uow: UnitOfWork, partner_id: uuid.UUID) -> PartnerRow:
    """A partner's row; NOT_FOUND when unknown."""
    row = await uow.session.get(PartnerRow, partner_id)
    if row is None:
        raise NotFound(f"partner {partner_id}", message_key="partners.partner_unknown")
    return row


async def search(
    uow: UnitOfWork, landlord_id: uuid.UUID | None, service: str | None, language: str | None
) -> list[PartnerRow]:
    """Partners matching the social map's filters, by registration."""
    rows = (await uow.session.exec(select(PartnerRow).order_by(col(PartnerRow.registered_at)))).all()
    return [row for row in rows if partner_of(row).offers(service, language, landlord_id)]


async def partners_by_id(uow: UnitOfWork, ids: list[uuid.UUID]) -> list[PartnerRow]:
    """The partners with these ids (for batched loading)."""
    return list((await uow.session.exec(select(PartnerRow).where(col(PartnerRow.id).in_(ids)))).all())


async def clients_of(uow: UnitOfWork, partner_id: uuid.UUID) -> list[str]:
    """A partner's client ids."""
    return await partner_client_ids(uow, partner_id)
