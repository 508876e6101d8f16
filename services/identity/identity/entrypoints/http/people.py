"""People, memberships, partner clients and ``/me``."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from identity.domain.commands import GrantMembership, RegisterPartnerClient, RegisterPerson, RevokeMembership
from identity.entrypoints.deps import execute, read
from identity.entrypoints.me import MePublic
from identity.entrypoints.people_schemas import (
    MembershipCreate,
    MembershipPublic,
    PartnerClientCreate,
    PartnerClientPublic,
    PersonCreate,
    PersonName,
    PersonPublic,
)
from identity.service import clients, people, queries
from kernel.http import CurrentPrincipal, Runtime

router = APIRouter(tags=["people"])


@router.get("/me")
async def me(principal: CurrentPrincipal, runtime: Runtime) -> MePublic:
    """Who the bearer token belongs to, with their active memberships."""
    return MePublic.of(await read(runtime, lambda uow: queries.me(uow, principal)))


@router.get("/people")
async def people_names(
    principal: CurrentPrincipal, runtime: Runtime, id: Annotated[list[uuid.UUID], Query()]
) -> list[PersonName]:
    """The display names of the repeated ``id`` parameter (one call for a DataLoader), for
    people working within a landlord; unknown ids are left out."""
    found = await read(runtime, lambda uow: queries.people_named(uow, principal, id))
    return [PersonName(id=person.id, display_name=person.display_name) for person in found]


@router.post("/people", status_code=201)
async def register_person(body: PersonCreate, principal: CurrentPrincipal, runtime: Runtime) -> PersonPublic:
    """Register a person, optionally with a username and password (landlord staff, admins)."""
    command = RegisterPerson(
        body.display_name, body.preferred_language, body.household_id, body.username, body.password
    )
    return PersonPublic.of(await execute(runtime, people.register_person, principal, command))


@router.post("/memberships", status_code=201)
async def grant_membership(
    body: MembershipCreate, principal: CurrentPrincipal, runtime: Runtime
) -> MembershipPublic:
    """Grant a role (staff of the landlord, or a regional admin) → ``MembershipGranted``."""
    command = GrantMembership(body.person_id, body.role, body.landlord_id, body.valid_from, body.valid_to)
    return MembershipPublic.of(await execute(runtime, people.grant_membership, principal, command))


@router.delete("/memberships/{membership_id}")
async def revoke_membership(
    membership_id: uuid.UUID, principal: CurrentPrincipal, runtime: Runtime
) -> MembershipPublic:
    """Revoke a role (staff of the landlord, or a regional admin) → ``MembershipRevoked``."""
    command = RevokeMembership(membership_id)
    return MembershipPublic.of(await execute(runtime, people.revoke_membership, principal, command))


@router.post("/partner-clients", status_code=201)
async def register_partner_client(
    body: PartnerClientCreate, principal: CurrentPrincipal, runtime: Runtime
) -> PartnerClientPublic:
    """Register a partner's system for client credentials (regional admins); secret shown once."""
    command = RegisterPartnerClient(body.name, body.organisation, body.client_id)
    client, secret = await execute(runtime, clients.register_partner_client, principal, command)
    return PartnerClientPublic(
        client_id=client.client_id, name=client.name, organisation=client.organisation, client_secret=secret
    )
