"""The pooled HTTP clients, opened with the app and shared by every request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass

import httpx

from kernel.settings import Settings

TIMEOUT = httpx.Timeout(10.0, connect=3.0)
LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=50)


@dataclass(frozen=True)
class ClientPool:
    """One pooled client per service, plus one for the token issuers' key sets."""

    identity: httpx.AsyncClient
    keys: httpx.AsyncClient


@asynccontextmanager
async def open_pool(
    settings: Settings, transport: httpx.AsyncBaseTransport | None = None
) -> AsyncIterator[ClientPool]:
    """Open every client (``transport`` replaces the network in tests); close them after."""
    async with AsyncExitStack() as stack:

        def client(base_url: str = "") -> httpx.AsyncClient:
            http = httpx.AsyncClient(base_url=base_url, timeout=TIMEOUT, limits=LIMITS, transport=transport)
            stack.push_async_callback(http.aclose)
            return http

        yield ClientPool(identity=client(settings.identity_url), keys=client())
