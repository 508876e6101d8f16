"""The social map: register partners, search them by service, language and landlord."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import col, select

from contracts.partners import PartnerRegistered
from kernel.auth import Principal
from kernel.errors import NotFound
from partners.adapters.mapping import partner_of
from partners.adapters.tables import PartnerClientRow, PartnerRow
from partners.domain.commands import RegisterPartner
from partners.domain.directory import check_entries, check_partner
from partners.service.access import calling_partner, partner_client_ids, require_registrar
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


async def own_partner(uow: UnitOfWork, principal: Principal) -> PartnerRow:
    """The calling partner's own profile (partner clients only)."""
    return await partner_row(uow, await calling_partner(uow, principal))


async def update_own_partner(uow: UnitOfWork, principal: Principal, changes: dict[str, Any]) -> PartnerRow:
    """Change the calling partner's name, description, services, languages, contact channels
    or opening hours (only the given ones), checked as at registration."""
    row = await own_partner(uow, principal)
    current = partner_of(row)
    name = changes.get("name") or current.name
    services = frozenset(changes["services"]) if changes.get("services") is not None else current.services
    languages = frozenset(changes["languages"]) if changes.get("languages") is not None else current.languages
    check_partner(name, row.type, services, languages)
    for field_name in ("contact", "opening_hours"):
        if changes.get(field_name) is not None:
            check_entries(changes[field_name], field_name)
    row.name = name.model_dump()
    if changes.get("description") is not None:
        row.description = changes["description"].model_dump()
    row.services = sorted(services)
    row.languages = sorted(languages)
    if changes.get("contact") is not None:
        row.contact = dict(changes["contact"])
    if changes.get("opening_hours") is not None:
        row.opening_hours = dict(changes["opening_hours"])
    uow.session.add(row)
    await uow.session.flush()
    return row
