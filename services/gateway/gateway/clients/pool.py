"""The pooled HTTP clients, opened with the app and shared by every request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass

import httpx

from kernel.settings import Settings

TIMEOUT = httpx.Timeout(10.0, connect=3.0)
LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=50)


SERVICES: tuple[str, ...] = ("identity", "councils", "surveys", "spaces", "partners")
"""The services behind the gateway; each one's base URL is the setting ``<service>_url``."""


@dataclass(frozen=True)
class ClientPool:
    """One pooled client per service, plus one for the token issuers' key sets."""

    services: dict[str, httpx.AsyncClient]
    keys: httpx.AsyncClient

    @property
    def identity(self) -> httpx.AsyncClient:
        """The identity service's client."""
        return self.services["identity"]


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

        services = {name: client(getattr(settings, f"{name}_url")) for name in SERVICES}
        yield ClientPool(services=services, keys=client())
