"""The social map and partnerships."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from kernel.http import CurrentPrincipal, Runtime
from partners.domain.commands import GrantPartnership, RegisterPartner
from partners.entrypoints.deps import execute
from partners.entrypoints.schemas import (
    PartnerCreate,
    PartnerPublic,
    PartnershipCreate,
    PartnershipPublic,
    PartnerUpdate,
)
from partners.service import directory, partnerships
from partners.service.catalogue import event_types

router = APIRouter(tags=["directory"])


@router.get("/partners")
async def list_partners(
    runtime: Runtime,
    landlord_id: uuid.UUID | None = None,
    service: str | None = None,
    language: str | None = None,
    id: Annotated[list[uuid.UUID] | None, Query()] = None,
) -> list[PartnerPublic]:
    """The social map, filtered by landlord (area), service and language; or the given ``id``s."""
    if id:
        rows = await execute(runtime, lambda uow: directory.partners_by_id(uow, id))
    else:
        rows = await execute(runtime, lambda uow: directory.search(uow, landlord_id, service, language))
    return [PartnerPublic.of(row) for row in rows]


@router.get("/partners/me")
async def my_partner(principal: CurrentPrincipal, runtime: Runtime) -> PartnerPublic:
    """The calling partner's own profile (partner clients only)."""
    return PartnerPublic.of(await execute(runtime, lambda uow: directory.own_partner(uow, principal)))


@router.patch("/partners/me")
async def update_my_partner(
    body: PartnerUpdate, principal: CurrentPrincipal, runtime: Runtime
) -> PartnerPublic:
    """Change the calling partner's profile: only the fields given (VALIDATION naming the field)."""
    changes = {name: getattr(body, name) for name in body.model_fields_set}
    row = await execute(runtime, lambda uow: directory.update_own_partner(uow, principal, changes))
    return PartnerPublic.of(row)


@router.get("/partners/{partner_id}")
async def get_partner(partner_id: uuid.UUID, runtime: Runtime) -> PartnerPublic:
    """One partner's public profile."""
    return PartnerPublic.of(await execute(runtime, lambda uow: directory.partner_row(uow, partner_id)))


@router.post("/partners", status_code=201)
async def register_partner(
    body: PartnerCreate, principal: CurrentPrincipal, runtime: Runtime
) -> PartnerPublic:
    """Register a partner (regional admins, landlord staff) → ``PartnerRegistered``."""
    command = RegisterPartner(
        name=body.name,
        type=body.type,
        description=body.description,
        services=frozenset(body.services),
        languages=frozenset(body.languages),
        landlord_ids=frozenset(body.landlord_ids),
        site_ids=frozenset(body.site_ids),
        municipalities=frozenset(body.municipalities),
        contact=body.contact,
        opening_hours=body.opening_hours,
        client_ids=frozenset(body.client_ids),
    )
    row = await execute(runtime, lambda uow: directory.register_partner(uow, principal, command))
    return PartnerPublic.of(row)


@router.post("/partnerships", status_code=201)
async def grant_partnership(
    body: PartnershipCreate, principal: CurrentPrincipal, runtime: Runtime
) -> PartnershipPublic:
    """Grant a partner access to a landlord's events (that landlord's staff) → ``PartnershipGranted``."""
    command = GrantPartnership(
        body.partner_id,
        body.landlord_id,
        body.valid_from,
        body.valid_to,
        frozenset(body.site_ids),
        frozenset(body.event_types),
    )
    return PartnershipPublic.of(
        await execute(runtime, lambda uow: partnerships.grant(uow, principal, command))
    )


@router.post("/partnerships/{partnership_id}/revoke")
async def revoke_partnership(
    partnership_id: uuid.UUID, principal: CurrentPrincipal, runtime: Runtime
) -> PartnershipPublic:
    """Revoke a partnership (that landlord's staff) → ``PartnershipRevoked``."""
    row = await execute(runtime, lambda uow: partnerships.revoke(uow, principal, partnership_id))
    return PartnershipPublic.of(row)


@router.get("/event-types")
async def list_event_types() -> list[dict[str, object]]:
    """The event catalogue: each type with its description, public flag and JSON Schema."""
    return event_types()
