"""Councils, their mandates and the lists a council page shows."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query

from councils.domain.commands import AppointMandate, CreateCouncil
from councils.entrypoints.deps import First, execute, read
from councils.entrypoints.schemas import (
    AdvicePublic,
    CouncilCreate,
    CouncilPublic,
    ItemPublic,
    MandateCreate,
    MandatePublic,
    PagePublic,
    meeting_public,
)
from councils.service import councils, queries
from councils.service.unit_of_work import UnitOfWork
from kernel.http import OptionalPrincipal, Runtime

router = APIRouter(tags=["councils"])


@router.post("/councils", status_code=201)
async def create_council(
    body: CouncilCreate, principal: OptionalPrincipal, runtime: Runtime
) -> CouncilPublic:
    """Create a landlord's council (landlord staff or a regional admin); one per landlord."""
    command = CreateCouncil(body.landlord_id, body.name, body.seats, body.quorum)
    return CouncilPublic.of(await execute(runtime, councils.create_council, principal, command))


@router.get("/councils")
async def list_councils(runtime: Runtime, landlord_id: uuid.UUID | None = None) -> list[CouncilPublic]:
    """Councils (of one landlord): their existence, name and size are public."""
    return [
        CouncilPublic.of(c) for c in await read(runtime, lambda uow: queries.councils_of(uow, landlord_id))
    ]


@router.get("/councils/{council_id}")
async def get_council(council_id: uuid.UUID, runtime: Runtime) -> CouncilPublic:
    """One council's public header."""
    return CouncilPublic.of(await read(runtime, lambda uow: queries.council(uow, council_id)))


@router.post("/councils/{council_id}/mandates", status_code=201)
async def appoint_mandate(
    council_id: uuid.UUID, body: MandateCreate, principal: OptionalPrincipal, runtime: Runtime
) -> MandatePublic:
    """Record a member's seat (landlord staff or a regional admin); seats are limited."""
    command = AppointMandate(council_id, body.person_id, body.role, body.term_start, body.term_end)
    return MandatePublic.of(await execute(runtime, councils.appoint_mandate, principal, command))


@router.get("/councils/{council_id}/mandates")
async def list_mandates(
    council_id: uuid.UUID, principal: OptionalPrincipal, runtime: Runtime
) -> list[MandatePublic]:
    """Who sits on the council (tenants of the landlord and more)."""

    async def query(uow: UnitOfWork) -> list[MandatePublic]:
        seen = await queries.seen_by(uow, principal, council_id)
        return [MandatePublic.of(m) for m in await queries.mandates(uow, seen)]

    return await read(runtime, query)


@router.get("/councils/{council_id}/overview")
async def overview(council_id: uuid.UUID, principal: OptionalPrincipal, runtime: Runtime) -> dict[str, Any]:
    """What the caller may do and see first: their view, the next meeting, overdue advice and
    advice whose quarterly follow-up is due."""

    async def query(uow: UnitOfWork) -> dict[str, Any]:
        seen = await queries.seen_by(uow, principal, council_id)
        upcoming = await queries.upcoming(uow, seen)
        return {
            "viewer": seen.viewer,
            "upcoming_meeting": meeting_public(upcoming, seen.viewer) if upcoming else None,
            "overdue_advice": [AdvicePublic.of(a) for a in await queries.overdue(uow, seen)],
            "follow_up_due_advice": [AdvicePublic.of(a) for a in await queries.follow_up_due(uow, seen)],
        }

    return await read(runtime, query)


@router.get("/councils/{council_id}/items")
async def list_items(
    council_id: uuid.UUID,
    principal: OptionalPrincipal,
    runtime: Runtime,
    first: First = 20,
    after: str | None = None,
    state: Annotated[list[str] | None, Query()] = None,
) -> PagePublic:
    """Agenda items the caller may see, oldest first."""

    async def query(uow: UnitOfWork) -> PagePublic:
        seen = await queries.seen_by(uow, principal, council_id)
        page = await queries.items(uow, seen, first, after, state)
        shown = [ItemPublic.of(item, seen.viewer, seen.household_id) for item in page.items]
        return PagePublic(items=shown, next_cursor=page.next_cursor)

    return await read(runtime, query)


@router.get("/councils/{council_id}/meetings")
async def list_meetings(
    council_id: uuid.UUID,
    principal: OptionalPrincipal,
    runtime: Runtime,
    first: First = 20,
    after: str | None = None,
) -> PagePublic:
    """The council's meetings, in the order they were scheduled."""

    async def query(uow: UnitOfWork) -> PagePublic:
        seen = await queries.seen_by(uow, principal, council_id)
        page = await queries.meetings(uow, seen, first, after)
        return PagePublic(
            items=[meeting_public(m, seen.viewer) for m in page.items], next_cursor=page.next_cursor
        )

    return await read(runtime, query)


@router.get("/councils/{council_id}/advice")
async def list_advice(
    council_id: uuid.UUID,
    principal: OptionalPrincipal,
    runtime: Runtime,
    first: First = 20,
    after: str | None = None,
) -> PagePublic:
    """The council's advice the caller may see, with status and due dates."""

    async def query(uow: UnitOfWork) -> PagePublic:
        seen = await queries.seen_by(uow, principal, council_id)
        page = await queries.advice(uow, seen, first, after)
        return PagePublic(items=[AdvicePublic.of(a) for a in page.items], next_cursor=page.next_cursor)

    return await read(runtime, query)
