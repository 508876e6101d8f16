"""Idempotent event consumers: durable pull consumers with an inbox table.

For each message: in one transaction, record ``(consumer, event_id)`` in the inbox and apply the
effect; commit; only then ack. A redelivered event finds its inbox row and is acked without a
second effect. A failing effect is nak'ed with a growing delay; after ``max_deliveries`` the
message goes to the dead-letter stream with the reason and its original subject, then is acked.

A consumer with a batch handler applies a whole fetched batch in one transaction (one inbox
INSERT, one handler call for the new events), then acks every message. If the batch fails,
its messages are handled one by one as above, so a poison message still gets its retries and
dead letter, and the others still get through.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

import structlog
from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeout
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from sqlalchemy import Column, DateTime, PrimaryKeyConstraint, func
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Field, SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from kernel.asyncio_tools import sleep_or_stop
from kernel.db import SessionFactory, transaction
from kernel.events import (
    DEAD_LETTER_SERVICE,
    CloudEvent,
    event_type_of,
    nats_subject,
    stream_name,
)
from kernel.logging import correlation_id_var, traceparent_var
from kernel.messaging import EventBus
from kernel.settings import Settings

log = structlog.get_logger(__name__)

Handler = Callable[[AsyncSession, CloudEvent], Awaitable[None]]
BatchHandler = Callable[[AsyncSession, list[CloudEvent]], Awaitable[None]]
"""Applies several new events (oldest first, none seen before) in the caller's transaction."""


class InboxEntry(SQLModel, table=True):
    """An event a consumer has applied (its effect committed in the same transaction)."""

    __tablename__ = "inbox"
    __table_args__ = (PrimaryKeyConstraint("consumer", "event_id"),)

    consumer: str
    event_id: uuid.UUID
    event_type: str
    processed_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now())
    )


class ConsumerRunner:
    """Runs one durable consumer on one service's stream until stopped."""

    def __init__(
        self,
        *,
        name: str,
        stream_service: str,
        event_types: Sequence[str],
        handler: Handler,
        sessions: SessionFactory,
        bus: EventBus,
        settings: Settings,
        batch: int = 10,
        batch_handler: BatchHandler | None = None,
    ) -> None:
        self.name = name
        self.batch_handler = batch_handler
        self.stream_service = stream_service
        self.event_types = list(event_types)
        self.handler = handler
        self.sessions = sessions
        self.bus = bus
        self.settings = settings
        self.batch = batch
        namespace = settings.event_namespace
        self.durable = f"{namespace}_{name}".replace(".", "_") if namespace else name
        self.stream = stream_name(stream_service, namespace)

    def _delay_after(self, deliveries: int) -> float:
        backoff = self.settings.consumer_backoff_seconds or [1.0]
        return backoff[min(deliveries, len(backoff)) - 1]

    async def _subscribe(self) -> object:
        await self.bus.ensure_stream(self.stream_service)
        await self.bus.ensure_dead_letter_stream()
        js = await self.bus.jetstream()
        namespace = self.settings.event_namespace
        config = ConsumerConfig(
            durable_name=self.durable,
            name=self.durable,
            deliver_policy=DeliverPolicy.ALL,
            ack_policy=AckPolicy.EXPLICIT,
            ack_wait=self.settings.consumer_ack_wait_seconds,
            # A safety net only: the runner itself dead-letters at max_deliveries.
            max_deliver=self.settings.consumer_max_deliveries + 2,
            filter_subjects=[nats_subject(t, namespace) for t in self.event_types],
        )
        await js.add_consumer(self.stream, config=config)
        return await js.pull_subscribe_bind(durable=self.durable, stream=self.stream)

    async def run(self, stop: asyncio.Event) -> None:
        """Fetch and handle messages until ``stop`` is set; finish the batch in hand first."""
        subscription = None
        delay = 0.2
        while not stop.is_set():
            try:
                if subscription is None:
                    subscription = await self._subscribe()
                    delay = 0.2
                messages = await subscription.fetch(self.batch, timeout=1)  # type: ignore[attr-defined]
            except (NatsTimeout, TimeoutError):
                continue
            except Exception as exc:
                log.warning("consumer.fetch_failed", consumer=self.name, error=str(exc))
                subscription = None
                await sleep_or_stop(stop, delay)
                delay = min(delay * 2, 5.0)
                continue
            if self.batch_handler is not None and len(messages) > 1:
                try:
                    await self.handle_batch(messages)
                    continue
                except Exception as exc:  # one by one below: retries, dead letters, acks
                    log.warning("consumer.batch_failed", consumer=self.name, error=str(exc))
            for message in messages:
                try:
                    await self.handle(message)
                except Exception as exc:  # NATS gone while acking: the message will come again
                    log.warning("consumer.handle_failed", consumer=self.name, error=str(exc))
                    subscription = None
                    break

    async def handle(self, message: Msg) -> None:
        """Apply one message exactly once, then ack (or nak / dead-letter on failure)."""
        deliveries = message.metadata.num_delivered or 1
        try:
            event = CloudEvent.model_validate_json(message.data)
        except ValueError as exc:
            await self._dead_letter(message, f"malformed event: {exc}")
            return
        token = correlation_id_var.set(event.correlationid)
        trace = traceparent_var.set(event.traceparent)
        try:
            await self._apply(event)
        except Exception as exc:
            reason = f"{type(exc).__name__}: {exc}"
            if deliveries >= self.settings.consumer_max_deliveries:
                log.error("consumer.dead_lettered", consumer=self.name, event_id=event.id, reason=reason)
                await self._dead_letter(message, reason)
            else:
                delay = self._delay_after(deliveries)
                log.warning(
                    "consumer.failed", consumer=self.name, event_id=event.id, reason=reason, retry_in=delay
                )
                await message.nak(delay=delay)
            return
        finally:
            correlation_id_var.reset(token)
            traceparent_var.reset(trace)
        await self.ack(message)

    async def handle_batch(self, messages: list[Msg]) -> None:
        """Apply a batch in one transaction (each event once), then ack every message."""
        assert self.batch_handler is not None
        events = [CloudEvent.model_validate_json(message.data) for message in messages]
        async with transaction(self.sessions) as session:
            rows = [
                {"consumer": self.name, "event_id": uuid.UUID(e.id), "event_type": e.type} for e in events
            ]
            inserted = await session.exec(
                insert(InboxEntry)
                .values(rows)
                .on_conflict_do_nothing()
                .returning(InboxEntry.__table__.c.event_id)  # type: ignore[attr-defined]
            )
            new = {row[0] for row in inserted}
            fresh = []
            for event in events:  # a message delivered twice in one batch is applied once
                event_id = uuid.UUID(event.id)
                if event_id in new:
                    new.discard(event_id)
                    fresh.append(event)
            if len(fresh) < len(events):
                log.info("consumer.duplicates_skipped", consumer=self.name, count=len(events) - len(fresh))
            if fresh:
                await self.batch_handler(session, fresh)
        for message in messages:
            await self.ack(message)

    async def _apply(self, event: CloudEvent) -> None:
        async with transaction(self.sessions) as session:
            inserted = await session.exec(
                insert(InboxEntry)
                .values(consumer=self.name, event_id=uuid.UUID(event.id), event_type=event.type)
                .on_conflict_do_nothing()
                .returning(InboxEntry.__table__.c.event_id)  # type: ignore[attr-defined]
            )
            if inserted.first() is None:
                log.info("consumer.duplicate_skipped", consumer=self.name, event_id=event.id)
                return
            await self.handler(session, event)

    async def ack(self, message: Msg) -> None:
        """Acknowledge after commit (a separate step, so a crash here is survivable)."""
        await message.ack()

    async def _dead_letter(self, message: Msg, reason: str) -> None:
        namespace = self.settings.event_namespace
        original_type = event_type_of(message.subject, namespace)
        subject = nats_subject(f"inspraak.{DEAD_LETTER_SERVICE}.{self.name}.failed", namespace)
        try:
            event_id = json.loads(message.data).get("id", "")
        except ValueError:
            event_id = ""
        headers = {
            "Inspraak-Reason": reason[:1000],
            "Inspraak-Original-Subject": message.subject,
            "Inspraak-Original-Type": original_type,
            "Inspraak-Consumer": self.name,
            "Inspraak-Deliveries": str(message.metadata.num_delivered or 1),
            "Nats-Msg-Id": f"{self.name}:{event_id or message.metadata.sequence.stream}",
        }
        js = await self.bus.jetstream()
        await js.publish(subject, message.data, headers=headers)
        await message.ack()
