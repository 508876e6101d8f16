"""The calling partner's subscriptions, deliveries, replay and pull feed."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from kernel.http import CurrentPrincipal, Runtime
from partners.domain.commands import Subscribe
from partners.entrypoints.deps import Parts, execute
from partners.entrypoints.schemas import (
    DeliveryPublic,
    EventPage,
    FeedItem,
    ReplayPublic,
    ReplayRequest,
    SubscriptionCreate,
    SubscriptionPublic,
)
from partners.service import feed, replay, subscriptions
from partners.service.unit_of_work import UnitOfWork

router = APIRouter(tags=["subscriptions"])
First = Annotated[int, Query(ge=1, le=500)]


@router.get("/subscriptions")
async def my_subscriptions(principal: CurrentPrincipal, runtime: Runtime) -> list[SubscriptionPublic]:
    """The calling partner's subscriptions."""
    rows = await execute(runtime, lambda uow: subscriptions.mine(uow, principal))
    return [SubscriptionPublic.of(row) for row in rows]


@router.post("/subscriptions", status_code=201)
async def subscribe(
    body: SubscriptionCreate, principal: CurrentPrincipal, runtime: Runtime, parts: Parts
) -> SubscriptionPublic:
    """Subscribe to event types by webhook (the answer holds its secret, once) or feed."""
    command = Subscribe(
        body.channel,
        body.url,
        frozenset(body.event_types),
        frozenset(body.landlord_ids),
        frozenset(body.site_ids),
    )
    row = await execute(runtime, lambda uow: subscriptions.subscribe(uow, principal, command, parts.guard))
    return SubscriptionPublic.of(row, with_secret=True)


@router.delete("/subscriptions/{subscription_id}")
async def unsubscribe(
    subscription_id: uuid.UUID, principal: CurrentPrincipal, runtime: Runtime
) -> SubscriptionPublic:
    """End a subscription."""
    row = await execute(runtime, lambda uow: subscriptions.unsubscribe(uow, principal, subscription_id))
    return SubscriptionPublic.of(row)


@router.post("/subscriptions/{subscription_id}/rotate-secret")
async def rotate_secret(
    subscription_id: uuid.UUID, principal: CurrentPrincipal, runtime: Runtime, parts: Parts
) -> SubscriptionPublic:
    """A new secret (returned once); the old one keeps signing for the grace period (24 h)."""
    grace = timedelta(seconds=parts.settings.secret_grace_seconds)
    row = await execute(
        runtime, lambda uow: subscriptions.rotate_secret(uow, principal, subscription_id, grace)
    )
    return SubscriptionPublic.of(row, with_secret=True)


@router.post("/subscriptions/{subscription_id}/enable")
async def enable(
    subscription_id: uuid.UUID, principal: CurrentPrincipal, runtime: Runtime, parts: Parts
) -> SubscriptionPublic:
    """Re-enable a disabled webhook endpoint."""
    row = await execute(
        runtime, lambda uow: subscriptions.enable(uow, principal, subscription_id, parts.guard)
    )
    return SubscriptionPublic.of(row)


@router.post("/subscriptions/{subscription_id}/replay")
async def replay_since(
    subscription_id: uuid.UUID, body: ReplayRequest, principal: CurrentPrincipal, runtime: Runtime
) -> ReplayPublic:
    """Queue again what the endpoint missed since ``since``, in order."""
    queued = await execute(runtime, lambda uow: replay.replay(uow, principal, subscription_id, body.since))
    return ReplayPublic(queued=queued)


@router.get("/subscriptions/{subscription_id}/deliveries")
async def deliveries(
    subscription_id: uuid.UUID,
    principal: CurrentPrincipal,
    runtime: Runtime,
    after: int = 0,
    first: First = 50,
    order: Literal["oldest", "newest"] = "oldest",
) -> list[DeliveryPublic]:
    """A subscription's deliveries, each with its attempt log, oldest or newest first
    (``after``: the cursor of the last one seen in that order)."""

    async def query(uow: UnitOfWork) -> list[DeliveryPublic]:
        newest = order == "newest"
        rows = await feed.deliveries(uow, principal, subscription_id, after, first, newest_first=newest)
        logs = await feed.attempts(uow, [row.id for row in rows])
        return [DeliveryPublic.of(row, logs[row.id]) for row in rows]

    return await execute(runtime, query)


@router.post("/deliveries/{delivery_id}/redeliver")
async def redeliver(delivery_id: uuid.UUID, principal: CurrentPrincipal, runtime: Runtime) -> DeliveryPublic:
    """Send one delivery again."""

    async def command(uow: UnitOfWork) -> DeliveryPublic:
        row = await replay.redeliver(uow, principal, delivery_id)
        return DeliveryPublic.of(row, (await feed.attempts(uow, [row.id]))[row.id])

    return await execute(runtime, command)


@router.get("/events")
async def events(
    principal: CurrentPrincipal,
    runtime: Runtime,
    after: int = 0,
    type: Annotated[list[str] | None, Query()] = None,
    first: First = 100,
) -> EventPage:
    """The pull feed: the caller's visible events after the cursor, in order."""
    found = await execute(runtime, lambda uow: feed.events(uow, principal, after, type or [], first))
    items = [FeedItem(cursor=str(position), event=envelope) for position, envelope in found]
    return EventPage(items=items, end_cursor=items[-1].cursor if items else None)
