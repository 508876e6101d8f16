"""Dependencies of the routes: running handlers and queries in a unit of work."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

from fastapi import Query

from councils.service.unit_of_work import UnitOfWork, unit_of_work
from kernel.auth import Principal
from kernel.runtime import ServiceRuntime

C = TypeVar("C")
R = TypeVar("R")

First = Annotated[int, Query(ge=1, le=100)]
"""How many rows a page holds."""


async def execute(
    runtime: ServiceRuntime,
    handler: Callable[[UnitOfWork, Principal | None, C], Awaitable[R]],
    actor: Principal | None,
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
