"""Dependencies of the routes: handlers in a unit of work, and the service's own parts."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends, Request

from kernel.runtime import ServiceRuntime
from partners.service.unit_of_work import UnitOfWork, unit_of_work
from partners.service.urls import UrlGuard
from partners.settings import PartnerSettings

R = TypeVar("R")


async def execute(runtime: ServiceRuntime, handler: Callable[[UnitOfWork], Awaitable[R]]) -> R:
    """Run a handler in its own transaction; wake the outbox relay if it recorded events."""
    async with unit_of_work(runtime.sessions) as uow:
        result = await handler(uow)
    if uow.events:
        runtime.relay.wake()
    return result


@dataclass(frozen=True)
class PartnerParts:
    """What the routes need beyond the kernel runtime."""

    settings: PartnerSettings
    guard: UrlGuard


def parts_of(request: Request) -> PartnerParts:
    """The service's own parts, made by the app factory."""
    parts: PartnerParts = request.app.state.partners
    return parts


Parts = Annotated[PartnerParts, Depends(parts_of)]
