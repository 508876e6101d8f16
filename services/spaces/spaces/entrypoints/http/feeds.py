"""iCalendar feeds: the secret URL of an organisation's feed, and every feed itself (public)."""

from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter, Request, Response

from contracts.common import Organisation
from kernel.http import CurrentPrincipal, Runtime
from spaces.entrypoints.deps import execute, read
from spaces.entrypoints.schemas import FeedPublic
from spaces.service import feeds

router = APIRouter(tags=["feeds"])
OrganisationKind = Literal["council", "partner", "tenant_group", "landlord"]


@router.get("/organisations/{kind}/{organisation_id}/feed")
async def organisation_feed(
    kind: OrganisationKind,
    organisation_id: uuid.UUID,
    request: Request,
    principal: CurrentPrincipal,
    runtime: Runtime,
) -> FeedPublic:
    """The secret feed URL of an organisation's bookings (staff, and those who booked for it)."""
    organisation = Organisation(kind=kind, id=organisation_id)
    token = await execute(runtime, feeds.organisation_feed_token, principal, organisation)
    return FeedPublic(url=str(request.url_for("calendar_feed", token=token)))


@router.get("/feeds/{token}.ics", name="calendar_feed")
async def calendar_feed(token: str, runtime: Runtime) -> Response:
    """An iCalendar feed; the unguessable token in the URL is the only key."""
    body = await read(runtime, lambda uow: feeds.calendar(uow, token))
    return Response(body, media_type="text/calendar; charset=utf-8")
