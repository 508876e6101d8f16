"""Who may do what: partners act as OAuth clients; landlord staff grant; admins see all."""

from __future__ import annotations

import uuid

from sqlmodel import select

from kernel.auth import Principal
from kernel.errors import Forbidden
from partners.adapters.tables import PartnerClientRow
from partners.service.unit_of_work import UnitOfWork


def require_registrar(principal: Principal) -> None:
    """Regional admins and landlord staff register partners."""
    if not (principal.is_regional_admin or principal.landlords("landlord_staff")):
        raise Forbidden("registering partners", message_key="partners.registrar_only")


async def calling_partner(uow: UnitOfWork, principal: Principal) -> uuid.UUID:
    """The partner behind a client token; FORBIDDEN for anyone else."""
    if principal.kind != "client" or not principal.client_id:
        raise Forbidden("partner clients only", message_key="partners.partner_only")
    row = await uow.session.get(PartnerClientRow, principal.client_id)
    if row is None:
        raise Forbidden("unknown partner client", message_key="partners.partner_only")
    return row.partner_id


async def partner_client_ids(uow: UnitOfWork, partner_id: uuid.UUID) -> list[str]:
    """The client ids of a partner."""
    rows = await uow.session.exec(select(PartnerClientRow).where(PartnerClientRow.partner_id == partner_id))
    return sorted(r.client_id for r in rows)
