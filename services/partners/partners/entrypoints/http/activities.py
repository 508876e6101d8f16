"""Announced activities and the landlords' public agendas."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from fastapi import APIRouter

from kernel.http import CurrentPrincipal, Runtime
from partners.domain.commands import AnnounceActivity
from partners.entrypoints.deps import execute
from partners.entrypoints.schemas import ActivityCreate, ActivityPublic
from partners.service import activities

router = APIRouter(tags=["activities"])


@router.post("/activities", status_code=201)
async def announce(body: ActivityCreate, principal: CurrentPrincipal, runtime: Runtime) -> ActivityPublic:
    """Announce an activity (a partner with a partnership) → ``ActivityAnnounced``."""
    command = AnnounceActivity(
        landlord_id=body.landlord_id,
        title=body.title,
        description=body.description,
        starts_at=body.starts_at,
        ends_at=body.ends_at,
        audience=body.audience,
        languages=tuple(body.languages),
        site_id=body.site_id,
        room_request=body.room_request,
    )
    return ActivityPublic.of(await execute(runtime, lambda uow: activities.announce(uow, principal, command)))


@router.get("/activities")
async def agenda(
    landlord_id: uuid.UUID, runtime: Runtime, since: datetime | None = None
) -> list[ActivityPublic]:
    """A landlord's public agenda of announced activities (from ``since``, default now)."""
    moment = since or datetime.now(UTC)
    rows = await execute(runtime, lambda uow: activities.agenda(uow, landlord_id, moment))
    return [ActivityPublic.of(row) for row in rows]
