"""Handlers for spaces: create, update, close for some days."""

from __future__ import annotations

import uuid
from dataclasses import replace

from contracts.spaces import SpaceClosed, SpaceCreated, SpaceUpdated
from kernel.auth import Principal
from kernel.errors import NotFound
from spaces.domain.commands import CloseSpace, CreateSpace, UpdateSpace
from spaces.domain.spaces import Closure, Space, new_feed_token
from spaces.service.permissions import require_staff
from spaces.service.unit_of_work import UnitOfWork


async def create_space(uow: UnitOfWork, actor: Principal, command: CreateSpace) -> Space:
    """Landlord staff open a room on a site of their landlord → ``SpaceCreated``.

    The site's landlord is taken as given: identity owns sites and publishes no site events,
    and only staff of ``landlord_id`` may create it (the gateway checks the pair).
    """
    require_staff(actor, command.landlord_id)
    space = Space(
        id=uuid.uuid4(),
        landlord_id=command.landlord_id,
        site_id=command.site_id,
        name=command.name,
        capacity=command.capacity,
        accessibility=command.accessibility,
        equipment=command.equipment,
        house_rules=command.house_rules,
        opening_hours=command.opening_hours,
        policy=command.policy,
        feed_token=new_feed_token(),
    )
    await uow.spaces.add(space)
    event = SpaceCreated(
        space_id=space.id, site_id=space.site_id, landlord_id=space.landlord_id, capacity=space.capacity
    )
    uow.record(event, space.landlord_id)
    return space


async def space_for_staff(uow: UnitOfWork, actor: Principal, space_id: uuid.UUID) -> Space:
    """The space, when ``actor`` is staff of its landlord (NOT_FOUND, FORBIDDEN otherwise)."""
    space = await uow.spaces.get(space_id)
    if space is None:
        raise NotFound(f"space {space_id}", message_key="spaces.space_not_found")
    require_staff(actor, space.landlord_id)
    return space


async def update_space(uow: UnitOfWork, actor: Principal, command: UpdateSpace) -> Space:
    """Landlord staff change what they give (existing bookings stay) → ``SpaceUpdated``."""
    space = await space_for_staff(uow, actor, command.space_id)
    changes = {
        name: value
        for name in (
            "name",
            "capacity",
            "accessibility",
            "equipment",
            "house_rules",
            "opening_hours",
            "policy",
        )
        if (value := getattr(command, name)) is not None
    }
    space = replace(space, **changes)
    await uow.spaces.save(space)
    event = SpaceUpdated(
        space_id=space.id, site_id=space.site_id, landlord_id=space.landlord_id, capacity=space.capacity
    )
    uow.record(event, space.landlord_id)
    return space


async def close_space(uow: UnitOfWork, actor: Principal, command: CloseSpace) -> Space:
    """Landlord staff close a room for some days → ``SpaceClosed``.

    Bookings already made for those days stay: staff cancel them with the bookers.
    """
    space = await space_for_staff(uow, actor, command.space_id)
    closure = Closure.new(command.starts_on, command.ends_on, command.reason)
    await uow.spaces.add_closure(space.id, closure)
    event = SpaceClosed(
        space_id=space.id,
        site_id=space.site_id,
        landlord_id=space.landlord_id,
        closure_id=closure.id,
        starts_on=closure.starts_on,
        ends_on=closure.ends_on,
    )
    uow.record(event, space.landlord_id)
    return space.with_closure(closure)
