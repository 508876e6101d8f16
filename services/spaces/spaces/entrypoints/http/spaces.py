"""Spaces: search (with a free window), read, availability, bookings; staff create and close."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request

from kernel.http import CurrentPrincipal, OptionalPrincipal, Runtime
from spaces.domain.commands import CloseSpace, CreateSpace, UpdateSpace
from spaces.entrypoints.booking_schemas import BookingPage, BookingPublic
from spaces.entrypoints.deps import execute, next_cursor, page, read
from spaces.entrypoints.schemas import (
    ClosureCreate,
    FeedPublic,
    SlotPublic,
    SpaceCreate,
    SpacePublic,
    SpaceUpdate,
)
from spaces.service import feeds, queries
from spaces.service import spaces as handlers
from spaces.service.bookings import space_of
from spaces.service.permissions import sees_booker

router = APIRouter(tags=["spaces"])
Ids = Annotated[list[uuid.UUID] | None, Query()]
Features = Annotated[list[str], Query()]


@router.post("/spaces", status_code=201)
async def create_space(body: SpaceCreate, principal: CurrentPrincipal, runtime: Runtime) -> SpacePublic:
    """Open a room (staff of ``landlord_id``) → ``SpaceCreated``."""
    command = CreateSpace(
        landlord_id=body.landlord_id,
        site_id=body.site_id,
        name=body.name,
        capacity=body.capacity,
        accessibility=frozenset(body.accessibility),
        equipment=frozenset(body.equipment),
        house_rules=body.house_rules,
        opening_hours=tuple(w.domain() for w in body.opening_hours),
        policy=body.policy.domain(),
    )
    return SpacePublic.of(await execute(runtime, handlers.create_space, principal, command))


@router.get("/spaces")
async def search_spaces(
    runtime: Runtime,
    id: Ids = None,
    site_id: uuid.UUID | None = None,
    landlord_id: uuid.UUID | None = None,
    min_capacity: int | None = None,
    accessible: Features = [],  # noqa: B006 - FastAPI copies query defaults
    free_from: datetime | None = None,
    free_to: datetime | None = None,
) -> list[SpacePublic]:
    """Spaces matching every criterion; with ``free_from``/``free_to``, free for that window."""
    free = (free_from, free_to) if free_from and free_to else None
    if id is not None:
        found = await read(runtime, lambda uow: uow.spaces.search(ids=id))
    else:
        found = await read(
            runtime,
            lambda uow: queries.search_spaces(
                uow,
                site_id=site_id,
                landlord_id=landlord_id,
                min_capacity=min_capacity,
                accessible=accessible,
                free=free,
            ),
        )
    return [SpacePublic.of(space) for space in found]


@router.get("/spaces/{space_id}")
async def get_space(space_id: uuid.UUID, runtime: Runtime) -> SpacePublic:
    """One space."""
    return SpacePublic.of(await read(runtime, lambda uow: space_of(uow, space_id)))


@router.patch("/spaces/{space_id}")
async def update_space(
    space_id: uuid.UUID, body: SpaceUpdate, principal: CurrentPrincipal, runtime: Runtime
) -> SpacePublic:
    """Change a room (staff of its landlord) → ``SpaceUpdated``."""
    command = UpdateSpace(
        space_id=space_id,
        name=body.name,
        capacity=body.capacity,
        accessibility=frozenset(body.accessibility) if body.accessibility is not None else None,
        equipment=frozenset(body.equipment) if body.equipment is not None else None,
        house_rules=body.house_rules,
        opening_hours=tuple(w.domain() for w in body.opening_hours)
        if body.opening_hours is not None
        else None,
        policy=body.policy.domain() if body.policy else None,
    )
    return SpacePublic.of(await execute(runtime, handlers.update_space, principal, command))


@router.post("/spaces/{space_id}/closures", status_code=201)
async def close_space(
    space_id: uuid.UUID, body: ClosureCreate, principal: CurrentPrincipal, runtime: Runtime
) -> SpacePublic:
    """Close a room for some days (staff of its landlord) → ``SpaceClosed``."""
    command = CloseSpace(space_id, body.starts_on, body.ends_on, body.reason)
    return SpacePublic.of(await execute(runtime, handlers.close_space, principal, command))


@router.get("/spaces/{space_id}/availability")
async def availability(
    space_id: uuid.UUID,
    runtime: Runtime,
    from_: Annotated[datetime, Query(alias="from")],
    to: datetime,
) -> list[SlotPublic]:
    """The free slots of a room within a window (at most 62 days)."""
    slots = await read(runtime, lambda uow: queries.availability(uow, space_id, (from_, to)))
    return [SlotPublic(starts_at=start, ends_at=end) for start, end in slots]


@router.get("/spaces/{space_id}/bookings")
async def space_bookings(
    space_id: uuid.UUID,
    runtime: Runtime,
    principal: OptionalPrincipal,
    from_: Annotated[datetime, Query(alias="from")],
    to: datetime,
    first: int = 50,
    after: str | None = None,
) -> BookingPage:
    """A room's bookings in a window; who booked only for its landlord's staff and the booker."""
    limit, offset = page(first, after)
    space, found = await read(
        runtime, lambda uow: queries.space_bookings(uow, space_id, (from_, to), first=limit, offset=offset)
    )
    items = [BookingPublic.of(b, show_booker=sees_booker(principal, space, b)) for b in found]
    return BookingPage(items=items, next=next_cursor(limit, offset, len(found)))


@router.get("/spaces/{space_id}/feed")
async def space_feed(
    space_id: uuid.UUID, request: Request, principal: CurrentPrincipal, runtime: Runtime
) -> FeedPublic:
    """The secret iCalendar feed URL of a room (for those who may book it)."""
    token = await execute(runtime, feeds.space_feed_token, principal, space_id)
    return FeedPublic(url=str(request.url_for("calendar_feed", token=token)))
