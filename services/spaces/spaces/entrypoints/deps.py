"""Dependencies of the routes: running handlers and queries in a unit of work, paging."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from kernel.auth import Principal
from kernel.errors import ValidationFailed
from kernel.runtime import ServiceRuntime
from spaces.service.unit_of_work import UnitOfWork, unit_of_work

C = TypeVar("C")
R = TypeVar("R")
MAX_PAGE = 200


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


def page(first: int, after: str | None) -> tuple[int, int]:
    """``(limit, offset)`` of a page: ``first`` items after the opaque cursor ``after``."""
    if not 1 <= first <= MAX_PAGE:
        raise ValidationFailed(f"first must be 1 to {MAX_PAGE}", field="first")
    if after is None:
        return first, 0
    if not after.isdigit():
        raise ValidationFailed("not a cursor", field="after", message_key="error.invalid_value")
    return first, int(after)


def next_cursor(limit: int, offset: int, found: int) -> str | None:
    """The cursor of the next page, when this one was full."""
    return str(offset + limit) if found == limit else None
