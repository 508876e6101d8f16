"""Root subscription fields: ``events(types, landlordId)``, live from NATS, filtered per viewer.

A subscription needs a signed-in caller (over ``graphql-transport-ws`` the token travels in
``connection_init``'s payload as ``Authorization: Bearer …``). When the token expires the
subscription ends with UNAUTHENTICATED (``error.token_expired``): the client signs in again
and subscribes anew.
"""

from __future__ import annotations

import asyncio
import datetime
import json
import time
from collections.abc import AsyncGenerator, Callable
from typing import Any, TypeVar, cast

import strawberry
from joserfc import jws
from strawberry.scalars import JSON

from gateway.context import Info
from gateway.live import LiveEvents
from gateway.visibility import check_landlord, checked_types, may_see
from kernel.auth import Principal
from kernel.errors import Unauthenticated
from kernel.events import CloudEvent


@strawberry.type(description="An event as it happened (its CloudEvents envelope; `data` as JSON).")
class LiveEvent:
    id: strawberry.ID
    type: str
    source: str
    time: datetime.datetime
    subject: str | None
    landlord_id: strawberry.ID | None
    data: JSON

    @classmethod
    def from_event(cls, event: CloudEvent) -> LiveEvent:
        """The GraphQL view of an envelope."""
        return cls(
            id=strawberry.ID(event.id),
            type=event.type,
            source=event.source,
            time=event.time,
            subject=event.subject,
            landlord_id=strawberry.ID(event.landlord) if event.landlord else None,
            data=cast(JSON, event.data),
        )


def token_expiry(token: str) -> float | None:
    """The ``exp`` of an already verified token (seconds since the epoch), if it has one."""
    try:
        claims = json.loads(jws.extract_compact(token.encode()).payload)
    except ValueError:
        return None
    exp = claims.get("exp") if isinstance(claims, dict) else None
    return float(exp) if isinstance(exp, int | float) else None


Resolver = TypeVar("Resolver", bound=Callable[..., Any])


def subscription(description: str) -> Callable[[Resolver], Resolver]:
    """``strawberry.subscription`` with a description, typed for mypy (as :func:`gateway.fields.field`)."""
    return cast(Callable[[Resolver], Resolver], strawberry.subscription(description=description))


def live_events(info: Info) -> LiveEvents:
    """The process's source of live events (opened with the app)."""
    connection = info.context.request
    assert connection is not None
    live: LiveEvents = connection.app.state.gateway.live
    return live


def viewer_of(info: Info) -> Principal:
    """The signed-in caller (UNAUTHENTICATED for anonymous subscribers)."""
    principal = info.context.principal
    if principal is None:
        raise Unauthenticated("subscriptions need a token")
    return principal


async def _next_event(queue: asyncio.Queue[CloudEvent], expires: float | None) -> CloudEvent | None:
    """The next event, or None when the token expired first."""
    if expires is None:
        return await queue.get()
    remaining = expires - time.time()
    if remaining <= 0:
        return None
    try:
        return await asyncio.wait_for(queue.get(), remaining)
    except TimeoutError:
        return None


@strawberry.type
class Subscription:
    """Live updates, pushed over WebSocket (``graphql-transport-ws``)."""

    @subscription(
        "Events as they happen, of `types` (default: all) and `landlordId` (default: all the"
        " caller may see): a landlord's people see its events, partners the public ones."
    )
    async def events(
        self, info: Info, types: list[str] | None = None, landlord_id: strawberry.ID | None = None
    ) -> AsyncGenerator[LiveEvent, None]:
        viewer = viewer_of(info)
        wanted = checked_types(types)
        check_landlord(viewer, landlord_id)
        expires = token_expiry(viewer.token)
        async with live_events(info).listen(wanted) as queue:
            while (event := await _next_event(queue, expires)) is not None:
                if landlord_id is not None and event.landlord != landlord_id:
                    continue
                if may_see(viewer, event.type, event.landlord):
                    yield LiveEvent.from_event(event)
        raise Unauthenticated("token expired", message_key="error.token_expired")
