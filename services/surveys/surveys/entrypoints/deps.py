"""Dependencies of the routes: running handlers and queries in a unit of work."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request

from kernel.localisation import Language, negotiate_language
from kernel.runtime import ServiceRuntime
from surveys.service.unit_of_work import UnitOfWork, unit_of_work

R = TypeVar("R")


async def run(runtime: ServiceRuntime, work: Callable[[UnitOfWork], Awaitable[R]]) -> R:
    """Run ``work`` in its own transaction; wake the outbox relay if it recorded events."""
    async with unit_of_work(runtime.sessions) as uow:
        result = await work(uow)
    if uow.events:
        runtime.relay.wake()
    return result


def public_url(request: Request) -> str:
    """The public address of the portal, printed on letters."""
    url: str = request.app.state.public_url
    return url


def language(request: Request) -> Language:
    """The caller's language (``Accept-Language``)."""
    return negotiate_language(request.headers.get("accept-language"))


PublicUrl = Annotated[str, Depends(public_url)]
Lang = Annotated[Language, Depends(language)]
