"""What one service process holds, started and stopped as one: the composition root's parts."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
import structlog
from sqlalchemy.ext.asyncio import AsyncEngine

from kernel.asyncio_tools import sleep_or_stop
from kernel.auth import JwksKeySource, KeySource, TokenVerifier
from kernel.db import SessionFactory, create_engine, session_factory
from kernel.inbox import BatchHandler, ConsumerRunner, Handler
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


@dataclass(frozen=True)
class PeriodicJob:
    """A job the service runs every ``seconds`` while it is up (first run right after start)."""

    name: str
    seconds: float
    run: Callable[[], Awaitable[object]]

    async def loop(self, stop: asyncio.Event) -> None:
        """Run until ``stop`` is set; a failing run is logged and tried again next period."""
        while not stop.is_set():
            try:
                await self.run()
            except Exception:
                log.exception("periodic_job.failed", job=self.name)
            await sleep_or_stop(stop, self.seconds)


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
        self._loops: list[tuple[str, Callable[[asyncio.Event], Coroutine[Any, Any, None]]]] = []
        self._on_stop: list[Callable[[], Awaitable[object]]] = []
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    def consume(
        self,
        name: str,
        stream_service: str,
        event_types: Sequence[str],
        handler: Handler,
        *,
        batch: int = 10,
        batch_handler: BatchHandler | None = None,
    ) -> ConsumerRunner:
        """Register a durable consumer, started with the service (``batch_handler``: apply each
        fetched batch of up to ``batch`` events in one transaction)."""
        runner = ConsumerRunner(
            name=name,
            stream_service=stream_service,
            event_types=event_types,
            handler=handler,
            sessions=self.sessions,
            bus=self.bus,
            settings=self.settings,
            batch=batch,
            batch_handler=batch_handler,
        )
        self.consumers.append(runner)
        return runner

    def every(self, name: str, seconds: float, run: Callable[[], Awaitable[object]]) -> PeriodicJob:
        """Register a periodic job (overdue checks, no-shows…), started and stopped with the service.

        Jobs must be safe when several replicas run them at once (settle it in the database).
        """
        job = PeriodicJob(name, seconds, run)
        self.background(name, job.loop)
        return job

    def background(self, name: str, loop: Callable[[asyncio.Event], Coroutine[Any, Any, None]]) -> None:
        """Register a long-running loop (a delivery worker…) that returns once its event is set."""
        self._loops.append((name, loop))

    def on_stop(self, callback: Callable[[], Awaitable[object]]) -> None:
        """Run ``callback`` when the service stops, after its loops have finished."""
        self._on_stop.append(callback)

    async def start(self) -> None:
        """Start the relay, every consumer and every periodic job in the background."""
        self._stop.clear()
        self._tasks = [asyncio.create_task(self.relay.run(self._stop), name=f"{self.service}-relay")]
        self._tasks += [
            asyncio.create_task(c.run(self._stop), name=f"{self.service}-{c.name}") for c in self.consumers
        ]
        self._tasks += [
            asyncio.create_task(loop(self._stop), name=f"{self.service}-{name}") for name, loop in self._loops
        ]

    async def stop(self) -> None:
        """Let in-flight work finish, then close NATS, HTTP and the database pool."""
        self._stop.set()
        if self._tasks:
            _, pending = await asyncio.wait(self._tasks, timeout=10)
            for task in pending:
                task.cancel()
        self._tasks = []
        for callback in self._on_stop:
            await callback()
        await self.bus.close()
        await self.http.aclose()
        await self.engine.dispose()
