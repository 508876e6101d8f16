"""Who may do and see what within a council.

Tenants of the landlord see public items (and their own proposals), published minutes and issued
advice; council members (a ``council_member`` grant for the landlord, a sitting mandate, or
identity's membership as we project it) see drafts and who proposed them, and run meetings;
landlord staff (and regional admins) create councils, request and answer advice and see all
advice, but tenants' proposals only once public. Nobody sees another landlord's non-public data.
"""

from __future__ import annotations

import uuid
from typing import Literal

from councils.domain.councils import Council
from councils.service.clock import today
from councils.service.unit_of_work import UnitOfWork
from kernel.auth import Principal
from kernel.errors import Forbidden, Unauthenticated

Viewer = Literal["outsider", "tenant", "member", "staff"]


def signed_in(actor: Principal | None) -> Principal:
    """The caller; UNAUTHENTICATED when anonymous."""
    if actor is None:
        raise Unauthenticated("bearer token required")
    return actor


def is_tenant(actor: Principal, landlord_id: uuid.UUID) -> bool:
    """A tenant (household) of this landlord."""
    return actor.has("tenant", str(landlord_id))


async def is_member(uow: UnitOfWork, actor: Principal, council: Council) -> bool:
    """A member of this council."""
    if actor.has("council_member", str(council.landlord_id)):
        return True
    if actor.person_id is None:
        return False
    person, day = uuid.UUID(actor.person_id), today()
    mandates = await uow.mandates.held_by(person)
    if any(m.council_id == council.id and m.sits_on(day) for m in mandates):
        return True
    return await uow.projections.holds(person, "council_member", council.landlord_id, day)


async def viewer(uow: UnitOfWork, actor: Principal | None, council: Council) -> Viewer:
    """How much of the council ``actor`` may see."""
    if actor is None:
        return "outsider"
    if await is_member(uow, actor, council):
        return "member"
    if actor.is_staff_of(council.landlord_id):
        return "staff"
    return "tenant" if is_tenant(actor, council.landlord_id) else "outsider"


async def require_member(uow: UnitOfWork, actor: Principal | None, council: Council) -> Principal:
    """FORBIDDEN unless ``actor`` sits on the council."""
    caller = signed_in(actor)
    if not await is_member(uow, caller, council):
        raise Forbidden("requires a council member", message_key="councils.members_only")
    return caller


def require_staff(actor: Principal | None, landlord_id: uuid.UUID) -> Principal:
    """FORBIDDEN unless ``actor`` is staff of the landlord (or a regional admin)."""
    caller = signed_in(actor)
    if not caller.is_staff_of(landlord_id):
        raise Forbidden("requires landlord staff", message_key="councils.staff_only")
    return caller
