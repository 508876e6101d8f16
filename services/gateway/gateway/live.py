"""Live events from NATS for GraphQL subscriptions: core subscriptions on the streams' subjects.

Each GraphQL subscription holds its own NATS subscription (on the requested types' subjects,
or on every ``inspraak.>`` subject of the configured namespace) for as long as it lives; the
JetStream publishes of the services' relays reach these core subscribers as they happen.
Nothing is replayed: a subscriber sees what is published while it listens.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager, suppress

import structlog
from nats.aio.msg import Msg
from pydantic import ValidationError

from kernel.events import CloudEvent, event_type_of, nats_subject
from kernel.messaging import EventBus
from kernel.settings import Settings

log = structlog.get_logger(__name__)

CONNECT_SECONDS = 3.0
"""How long a new subscriber waits for NATS (the bus itself would retry forever)."""

QUEUE_SIZE = 1000
"""Events waiting for a slow subscriber; past that, newer events are dropped (and logged)."""


class LiveEvents:
    """Opens NATS subscriptions on demand over one lazily made connection."""

    def __init__(self, settings: Settings) -> None:
        self.namespace = settings.event_namespace
        self.bus = EventBus(settings, "gateway-subscriptions")
        self.listening = 0
        """Subscriptions currently listening (their NATS interest registered with the server)."""

    def subjects(self, types: Iterable[str] | None) -> list[str]:
        """The NATS subjects carrying ``types`` (every event type when None)."""
        wanted = sorted(types) if types is not None else ["inspraak.>"]
        return [nats_subject(event_type, self.namespace) for event_type in wanted]

    @asynccontextmanager
    async def listen(self, types: Iterable[str] | None) -> AsyncIterator[asyncio.Queue[CloudEvent]]:
        """A queue receiving the events of ``types`` until the block ends."""
        queue: asyncio.Queue[CloudEvent] = asyncio.Queue(maxsize=QUEUE_SIZE)
        try:
            nc = await asyncio.wait_for(self.bus.connect(), CONNECT_SECONDS)
        except TimeoutError:
            raise ConnectionError(f"NATS unreachable at {self.bus.settings.nats_url}") from None

        async def received(msg: Msg) -> None:
            event = self._event_of(msg)
            if event is None:
                return
            try:
                queue.put_nowait(event)
            except asyncio.QueueFull:
                log.warning("subscriptions.event_dropped", type=event.type, id=event.id)

        subscriptions = [await nc.subscribe(subject, cb=received) for subject in self.subjects(types)]
        try:
            await nc.flush()
            self.listening += 1
            try:
                yield queue
            finally:
                self.listening -= 1
        finally:
            for subscription in subscriptions:
                with suppress(Exception):  # the connection may be gone already
                    await subscription.unsubscribe()

    def _event_of(self, msg: Msg) -> CloudEvent | None:
        """The CloudEvent a message carries, when its type matches its subject."""
        try:
            event = CloudEvent.model_validate_json(msg.data)
        except ValidationError:
            log.warning("subscriptions.malformed_event", subject=msg.subject)
            return None
        return event if event_type_of(msg.subject, self.namespace) == event.type else None

    async def close(self) -> None:
        """Close the NATS connection (when one was made)."""
        await self.bus.close()
