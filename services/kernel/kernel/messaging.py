"""One NATS JetStream connection per process, and the streams each service owns."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import nats
import structlog
from nats.aio.client import Client
from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import NotFoundError

from kernel.events import DEAD_LETTER_SERVICE, stream_name, stream_subjects
from kernel.settings import Settings

log = structlog.get_logger(__name__)


class EventBus:
    """A lazily (re)connecting NATS client that keeps reconnecting forever once connected."""

    def __init__(self, settings: Settings, client_name: str) -> None:
        self.settings = settings
        self.client_name = client_name
        self._nc: Client | None = None
        self._lock = asyncio.Lock()

    async def connect(
        self,
        *,
        attempts: int = 1,
        delay: float = 0.5,
        disconnected: Callable[[], Awaitable[None]] | None = None,
        reconnected: Callable[[], Awaitable[None]] | None = None,
    ) -> Client:
        """Connect (retrying ``attempts`` times); raise when NATS cannot be reached.

        ``disconnected`` and ``reconnected`` are called as the connection drops and comes back
        (for those who must distrust what they heard meanwhile, such as the gateway's cache).
        """
        async with self._lock:
            if self._nc is not None and not self._nc.is_closed:
                return self._nc
            last: Exception | None = None
            for attempt in range(attempts):
                try:
                    self._nc = await nats.connect(
                        servers=[url.strip() for url in self.settings.nats_url.split(",")],
                        name=self.client_name,
                        allow_reconnect=True,
                        max_reconnect_attempts=-1,
                        reconnect_time_wait=0.5,
                        connect_timeout=2,
                        error_cb=self._on_error,
                        disconnected_cb=disconnected,
                        reconnected_cb=reconnected,
                    )
                    return self._nc
                except Exception as exc:  # NoServersError, OSError, TimeoutError…
                    last = exc
                    if attempt + 1 < attempts:
                        await asyncio.sleep(delay)
            raise ConnectionError(f"NATS unreachable at {self.settings.nats_url}") from last

    async def _on_error(self, exc: Exception) -> None:
        log.warning("nats.error", error=str(exc))

    @property
    def connected(self) -> bool:
        """True while the connection is up."""
        return self._nc is not None and self._nc.is_connected

    async def jetstream(self) -> JetStreamContext:
        """The JetStream context (connecting first if needed)."""
        return (await self.connect()).jetstream()

    async def ensure_stream(self, service: str, *, max_age_days: float = 365) -> None:
        """Create or update the stream of ``service`` with the configured replicas and window."""
        namespace = self.settings.event_namespace
        config = StreamConfig(
            name=stream_name(service, namespace),
            subjects=stream_subjects(service, namespace),
            retention=RetentionPolicy.LIMITS,
            storage=StorageType.FILE,
            discard=DiscardPolicy.OLD,
            num_replicas=self.settings.stream_replicas,
            duplicate_window=self.settings.duplicate_window_seconds,
            max_age=max_age_days * 86400,
        )
        js = await self.jetstream()
        try:
            await js.stream_info(config.name or "")
            await js.update_stream(config)
        except NotFoundError:
            await js.add_stream(config)

    async def ensure_dead_letter_stream(self) -> None:
        """The dead-letter stream shared by all consumers of this platform."""
        await self.ensure_stream(DEAD_LETTER_SERVICE)

    async def publish(self, subject: str, payload: bytes, *, msg_id: str, ack_timeout: float = 5.0) -> Any:
        """Publish to JetStream and wait for the ack (deduplicated by ``msg_id``)."""
        js = await self.jetstream()
        return await js.publish(subject, payload, timeout=ack_timeout, headers={"Nats-Msg-Id": msg_id})

    async def close(self) -> None:
        """Flush and close the connection."""
        # Every publish was confirmed by its ack and every consumer finished its batch before
        # this is called, so a flush and close suffice (a drain would wait on idle pull fetches).
        if self._nc is not None and not self._nc.is_closed:
            try:
                if self._nc.is_connected:
                    await self._nc.flush(timeout=2)
            except Exception as exc:
                log.warning("nats.flush_failed", error=str(exc))
            await self._nc.close()
        self._nc = None
