"""Handlers for councils and mandates."""

from __future__ import annotations

import uuid

from councils.domain import councils as domain
from councils.domain.commands import AppointMandate, CreateCouncil
from councils.domain.councils import Council, Mandate
from councils.service.permissions import require_staff
from councils.service.unit_of_work import UnitOfWork
from kernel.auth import Principal
from kernel.errors import Conflict, NotFound


async def load_council(uow: UnitOfWork, council_id: uuid.UUID, *, lock: bool = False) -> Council:
    """The council, or NOT_FOUND."""
    council = await uow.councils.get(council_id, lock=lock)
    if council is None:
        raise NotFound(f"council {council_id}", message_key="councils.council_unknown")
    return council


async def create_council(uow: UnitOfWork, actor: Principal | None, command: CreateCouncil) -> Council:
    """Landlord staff or a regional admin create the landlord's (only) council."""
    require_staff(actor, command.landlord_id)
    council = Council.create(command.landlord_id, command.name, command.seats, command.quorum)
    if await uow.councils.of_landlords([command.landlord_id]):
        raise Conflict(
            "the landlord has a council", field="landlord_id", message_key="councils.council_exists"
        )
    uow.councils.add(council)
    return council


async def appoint_mandate(uow: UnitOfWork, actor: Principal | None, command: AppointMandate) -> Mandate:
    """Landlord staff or a regional admin record an elected member's seat (seats are counted
    under a lock on the council, so two appointments at once cannot overfill it)."""
    council = await load_council(uow, command.council_id, lock=True)
    require_staff(actor, council.landlord_id)
    sitting = await uow.mandates.of_council(council.id)
    mandate = domain.appoint(
        council, sitting, command.person_id, command.role, command.term_start, command.term_end
    )
    uow.mandates.add(mandate)
    return mandate
