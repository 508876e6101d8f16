"""Public answers of the services, kept in the gateway until an event says they changed.

Only calls whose answer cannot depend on who asks go through here: the service endpoints
behind them take no principal at all (identity's landlords, sites and buildings; councils'
public header; spaces' descriptions and free rooms). The key is the service, the path, the
query and the language, never a header carrying the token, so nothing per viewer can be
cached by construction (the clients choose :meth:`ServiceClient.get_public_json` only for
those endpoints).

Invalidation is by event: a core NATS subscription on ``inspraak.<service>.>`` (in the
platform's namespace) empties that service's entries whenever one of its events is published.
An answer fetched while an event arrived is not stored (a generation counter per service), so
a stale answer cannot outlive the event that made it stale. While NATS is not connected
nothing is cached (an event could be missed); on reconnect everything is dropped. A short
time-to-live bounds what events cannot announce (time passing: a slot becoming past).
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable, Iterable
from contextlib import asynccontextmanager, suppress
from typing import Any

from nats.aio.msg import Msg

from kernel.events import nats_subject
from kernel.messaging import EventBus
from kernel.settings import Settings

TTL_SECONDS = 30.0
"""The longest an answer is kept, even without an event."""

MAX_ENTRIES = 5000
"""Entries kept per service; the least recently used go first."""

CONNECT_SECONDS = 2.0


class PublicCache:
    """Answers per service, dropped by that service's events, by age and by size."""

    def __init__(
        self, services: Iterable[str], *, ttl: float = TTL_SECONDS, max_entries: int = MAX_ENTRIES
    ) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self.listening = False
        """True while the invalidating subscription is up; nothing is cached otherwise."""
        self._entries: dict[str, OrderedDict[Hashable, tuple[float, Any]]] = {
            s: OrderedDict() for s in services
        }
        self._generation: dict[str, int] = dict.fromkeys(self._entries, 0)
        self.hits = 0
        self.misses = 0

    def get(self, service: str, key: Hashable) -> Any | None:
        """The cached answer, or None."""
        entries = self._entries.get(service)
        if not self.listening or entries is None:
            return None
        found = entries.get(key)
        if found is None or found[0] < time.monotonic():
            self.misses += 1
            return None
        entries.move_to_end(key)
        self.hits += 1
        return found[1]

    def generation(self, service: str) -> int:
        """Taken before fetching: :meth:`put` refuses the answer if an event came meanwhile."""
        return self._generation.get(service, 0)

    def put(self, service: str, key: Hashable, value: Any, generation: int) -> None:
        """Keep ``value`` unless the service announced a change since ``generation``."""
        entries = self._entries.get(service)
        if not self.listening or entries is None or generation != self._generation[service]:
            return
        entries[key] = (time.monotonic() + self.ttl, value)
        entries.move_to_end(key)
        while len(entries) > self.max_entries:
            entries.popitem(last=False)

    def invalidate(self, service: str) -> None:
        """Forget every answer of ``service``."""
        if service in self._entries:
            self._generation[service] += 1
            self._entries[service].clear()

    def clear(self) -> None:
        """Forget everything (NATS reconnected: events may have been missed)."""
        for service in self._entries:
            self.invalidate(service)

    async def fetch(self, service: str, key: Hashable, load: Callable[[], Awaitable[Any]]) -> Any:
        """The cached answer, or ``load()``'s (kept when still current)."""
        found = self.get(service, key)
        if found is not None:
            return found
        generation = self.generation(service)
        value = await load()
        if value is not None:
            self.put(service, key, value, generation)
        return value


def service_of(subject: str, namespace: str) -> str | None:
    """``councils`` for ``<namespace>.inspraak.councils.council.created``."""
    parts = subject.split(".")
    start = len(namespace.split(".")) if namespace else 0
    return parts[start + 1] if len(parts) > start + 1 and parts[start] == "inspraak" else None


@asynccontextmanager
async def open_public_cache(settings: Settings, services: Iterable[str]) -> AsyncIterator[PublicCache]:
    """A cache for ``services``, listening to their events while the block runs.

    The subscription is made in the background (the gateway starts without NATS; it then
    simply does not cache until NATS answers).
    """
    cache = PublicCache(services)
    bus = EventBus(settings, "gateway-cache")
    task = asyncio.create_task(_listen(bus, cache), name="gateway-cache-events")
    try:
        yield cache
    finally:
        cache.listening = False
        task.cancel()
        await asyncio.wait({task}, timeout=CONNECT_SECONDS)
        with suppress(Exception):
            await asyncio.wait_for(bus.close(), CONNECT_SECONDS)


async def _listen(bus: EventBus, cache: PublicCache) -> None:
    namespace = bus.settings.event_namespace

    async def received(msg: Msg) -> None:
        service = service_of(msg.subject, namespace)
        if service is not None:
            cache.invalidate(service)

    async def disconnected() -> None:
        cache.listening = False
        cache.clear()

    async def reconnected() -> None:
        cache.clear()
        cache.listening = True

    nc = await bus.connect(
        attempts=sys.maxsize, delay=1.0, disconnected=disconnected, reconnected=reconnected
    )
    await nc.subscribe(nats_subject("inspraak.>", namespace), cb=received)
    await nc.flush()
    cache.clear()
    cache.listening = True
