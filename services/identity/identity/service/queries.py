"""The read side: public directory lists and who the caller is (``/me``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from identity.domain.households import Household
from identity.domain.people import Membership, Person
from identity.domain.places import Building, Landlord, Site
from identity.service.clock import today, utcnow
from identity.service.unit_of_work import UnitOfWork
from kernel.auth import Principal
from kernel.errors import Forbidden, NotFound


async def landlords(uow: UnitOfWork, ids: Sequence[uuid.UUID] | None = None) -> list[Landlord]:
    """Landlords sorted by code (all, or those of ``ids``)."""
    return await uow.landlords.list(ids)


async def landlord(uow: UnitOfWork, landlord_id: uuid.UUID) -> Landlord:
    """One landlord (NOT_FOUND when unknown)."""
    found = await uow.landlords.get(landlord_id)
    if found is None:
        raise NotFound("unknown landlord", message_key="identity.landlord_unknown")
    return found


async def sites(uow: UnitOfWork, landlord_ids: Sequence[uuid.UUID] | None = None) -> list[Site]:
    """Sites (all, or those of ``landlord_ids``)."""
    return await uow.sites.list(landlord_ids)


async def buildings(uow: UnitOfWork, site_ids: Sequence[uuid.UUID] | None = None) -> list[Building]:
    """Buildings (all, or those of ``site_ids``)."""
    return await uow.buildings.list(site_ids)


@dataclass(frozen=True)
class Me:
    """The caller as the identity service knows them."""

    principal: Principal
    person: Person | None
    household: Household | None
    memberships: list[Membership]


def as_uuid(value: str | None) -> uuid.UUID | None:
    """``value`` as a UUID (None when absent or not one, e.g. an external issuer's subject)."""
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


async def me(uow: UnitOfWork, principal: Principal) -> Me:
    """The caller's person or household and their active memberships."""
    person_id = as_uuid(principal.person_id)
    household_id = as_uuid(principal.household_id)
    person = await uow.people.get(person_id) if person_id else None
    household = await uow.households.get(household_id) if household_id else None
    memberships = await uow.memberships.of_person(person.id) if person else []
    now = utcnow()
    active = [m for m in memberships if m.is_active_on(today(now), now)]
    return Me(principal, person, household, active)


MAX_PEOPLE = 200


async def people_named(uow: UnitOfWork, actor: Principal, ids: Sequence[uuid.UUID]) -> list[Person]:
    """The people of ``ids`` (their display names), for signed-in people (staff, council
    members, workers); who may see which name is the gateway's rule, per council and landlord.
    Never for tenants' household sessions nor partners' systems."""
    if actor.kind != "person":
        raise Forbidden("only people read names")
    return await uow.people.many(list(dict.fromkeys(ids))[:MAX_PEOPLE])
