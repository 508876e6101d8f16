"""What the gateway process holds between requests: settings, pooled clients, token verifier."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx

from gateway.clients.pool import ClientPool, open_pool
from kernel.auth import TokenVerifier
from kernel.runtime import default_key_sources
from kernel.settings import Settings


@dataclass(frozen=True)
class GatewayState:
    """The composition root's parts, opened in the app lifespan."""

    settings: Settings
    clients: ClientPool
    verifier: TokenVerifier


@asynccontextmanager
async def open_state(
    settings: Settings, transport: httpx.AsyncBaseTransport | None = None
) -> AsyncIterator[GatewayState]:
    """Open the pooled clients and the verifier; close the clients on exit."""
    async with open_pool(settings, transport) as clients:
        verifier = TokenVerifier(settings.audience, default_key_sources(settings, clients.keys))
        yield GatewayState(settings=settings, clients=clients, verifier=verifier)
