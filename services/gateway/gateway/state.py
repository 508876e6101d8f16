"""What the gateway process holds between requests: settings, pooled clients, token verifier,
rate limits and the NATS source of live events."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx

from gateway.cache import PublicCache, open_public_cache
from gateway.clients.pool import ClientPool, open_pool
from gateway.live import LiveEvents
from gateway.ratelimit import RateLimiter
from kernel.auth import TokenVerifier
from kernel.runtime import default_key_sources
from kernel.settings import Settings


@dataclass(frozen=True)
class GatewayState:
    """The composition root's parts, opened in the app lifespan."""

    settings: Settings
    clients: ClientPool
    verifier: TokenVerifier
    limiter: RateLimiter
    live: LiveEvents
    cache: PublicCache


@asynccontextmanager
async def open_state(
    settings: Settings, transport: httpx.AsyncBaseTransport | None = None
) -> AsyncIterator[GatewayState]:
    """Open the pooled clients and the verifier; close the clients (and NATS) on exit."""
    async with (
        open_pool(settings, transport) as clients,
        open_public_cache(settings, clients.services) as cache,
    ):
        verifier = TokenVerifier(settings.audience, default_key_sources(settings, clients.keys))
        live = LiveEvents(settings)
        limiter = RateLimiter(settings)
        try:
            yield GatewayState(
                settings=settings,
                clients=clients,
                verifier=verifier,
                limiter=limiter,
                live=live,
                cache=cache,
            )
        finally:
            await live.close()
            await limiter.close()
