"""Dependencies of the routes: running handlers and queries in a unit of work."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request

from identity.entrypoints.oauth_server import TokenServer
from identity.service.keys import KeyRing
from identity.service.unit_of_work import UnitOfWork, unit_of_work
from kernel.auth import Principal
from kernel.runtime import ServiceRuntime

C = TypeVar("C")
R = TypeVar("R")


async def execute(
    runtime: ServiceRuntime,
    handler: Callable[[UnitOfWork, Principal, C], Awaitable[R]],
    actor: Principal,
    command: C,
) -> R:
    """Run a command handler in its own transaction; wake the outbox relay if it recorded events."""
    async with unit_of_work(runtime.sessions) as uow:
        result = await handler(uow, actor, command)
    if uow.events:
        runtime.relay.wake()
    return result


async def read(runtime: ServiceRuntime, query: Callable[[UnitOfWork], Awaitable[R]]) -> R:
    """Run a query in a (read-only in practice) transaction."""
    async with unit_of_work(runtime.sessions) as uow:
        return await query(uow)


def key_ring(request: Request) -> KeyRing:
    """The service's signing keys."""
    keys: KeyRing = request.app.state.keys
    return keys


def token_server(request: Request) -> TokenServer:
    """The OAuth 2 authorization server."""
    server: TokenServer = request.app.state.token_server
    return server


Keys = Annotated[KeyRing, Depends(key_ring)]
Tokens = Annotated[TokenServer, Depends(token_server)]
