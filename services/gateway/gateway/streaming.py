"""What every subscription shares: a signed-in viewer, the live events it listens to, and the
end of the stream when the viewer's token expires.

A subscription needs a signed-in caller (over ``graphql-transport-ws`` the token travels in
``connection_init``'s payload as ``Authorization: Bearer …``). When the token expires the
subscription ends with UNAUTHENTICATED (``error.token_expired``): the client signs in again
and subscribes anew.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any, TypeVar, cast

import strawberry

from gateway.context import Info
from gateway.live import LiveEvents
from kernel.auth import Principal
from kernel.errors import Unauthenticated
from kernel.events import CloudEvent

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


async def next_event(queue: asyncio.Queue[CloudEvent], expires: float | None) -> CloudEvent | None:
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


class Watch:
    """The events of a listening subscription, until its viewer's token expires."""

    def __init__(self, queue: asyncio.Queue[CloudEvent], expires: float | None) -> None:
        self.queue = queue
        self.expires = expires

    async def events(self) -> AsyncIterator[CloudEvent]:
        """Each event as it arrives; UNAUTHENTICATED (``error.token_expired``) once the token expires."""
        while (event := await next_event(self.queue, self.expires)) is not None:
            yield event
        raise Unauthenticated("token expired", message_key="error.token_expired")


@asynccontextmanager
async def watch(info: Info, viewer: Principal, types: Iterable[str] | None) -> AsyncIterator[Watch]:
    """Listen to ``types`` (all when None) for ``viewer`` until the block ends.

    Listening starts before the block runs: a subscription that reads the current state inside
    the block misses no change made meanwhile.
    """
    async with live_events(info).listen(types) as queue:
        yield Watch(queue, viewer.expires_at.timestamp() if viewer.expires_at else None)


def about(event: CloudEvent, key: str, value: str) -> bool:
    """Whether the event's data names ``value`` under ``key`` (e.g. its ``space_id``)."""
    data = event.data
    return isinstance(data, dict) and str(data.get(key)) == value
