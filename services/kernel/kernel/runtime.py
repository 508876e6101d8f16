"""What one service process holds, started and stopped as one: the composition root's parts."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import httpx
import structlog
from sqlalchemy.ext.asyncio import AsyncEngine

from kernel.auth import JwksKeySource, KeySource, TokenVerifier
from kernel.db import SessionFactory, create_engine, session_factory
from kernel.inbox import ConsumerRunner, Handler
from kernel.messaging import EventBus
from kernel.outbox import OutboxRelay
from kernel.settings import Settings, service_settings

log = structlog.get_logger(__name__)


def default_key_sources(settings: Settings, http: httpx.AsyncClient) -> dict[str, KeySource]:
    """Our own issuer (JWKS at its well-known URL) plus any external OIDC issuers."""
    jwks_urls: dict[str, str | None] = {
        settings.issuer: settings.jwks_url or settings.issuer.rstrip("/") + "/.well-known/jwks.json"
    }
    jwks_urls.update({issuer: None for issuer in settings.trusted_issuers})
    source = JwksKeySource(http, jwks_urls)
    return {issuer: source for issuer in jwks_urls}


class ServiceRuntime:
    """Settings, database, event bus, outbox relay, consumers and token verifier of a service."""

    def __init__(self, service: str, settings: Settings | None = None) -> None:
        self.service = service
        self.settings = settings or service_settings(service)
        self.engine: AsyncEngine = create_engine(self.settings)
        self.sessions: SessionFactory = session_factory(self.engine)
        self.bus = EventBus(self.settings, f"inspraak-{service}")
        self.relay = OutboxRelay(service, self.sessions, self.bus, self.settings)
        self.http = httpx.AsyncClient(timeout=10.0)
        self.verifier = TokenVerifier(self.settings.audience, default_key_sources(self.settings, self.http))
        self.consumers: list[ConsumerRunner] = []
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    def consume(
        self, name: str, stream_service: str, event_types: Sequence[str], handler: Handler
    ) -> ConsumerRunner:
        """Register a durable consumer, started with the service."""
        runner = ConsumerRunner(
            name=name,
            stream_service=stream_service,
            event_types=event_types,
            handler=handler,
            sessions=self.sessions,
            bus=self.bus,
            settings=self.settings,
        )
        self.consumers.append(runner)
        return runner

    async def start(self) -> None:
        """Start the relay and every consumer in the background (NATS may come later)."""
        self._stop.clear()
        self._tasks = [asyncio.create_task(self.relay.run(self._stop), name=f"{self.service}-relay")]
        self._tasks += [
            asyncio.create_task(c.run(self._stop), name=f"{self.service}-{c.name}") for c in self.consumers
        ]

    async def stop(self) -> None:
        """Let in-flight work finish, then close NATS, HTTP and the database pool."""
        self._stop.set()
        if self._tasks:
            _, pending = await asyncio.wait(self._tasks, timeout=10)
            for task in pending:
                task.cancel()
        self._tasks = []
        await self.bus.close()
        await self.http.aclose()
        await self.engine.dispose()
