"""Transactional outbox: events are rows written with the state change, then relayed.

The relay claims unsent rows with ``FOR UPDATE SKIP LOCKED`` (several relays may run), publishes
each with ``Nats-Msg-Id`` = event id so JetStream drops duplicates, and marks it sent only after
JetStream acknowledged it. While NATS is unreachable rows simply wait: nothing is lost.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from typing import Any

import structlog
from sqlalchemy import BigInteger, Column, DateTime, Identity, Index, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from kernel.asyncio_tools import sleep_or_stop
from kernel.db import SessionFactory, transaction
from kernel.events import CloudEvent, IntegrationEvent, nats_subject
from kernel.logging import correlation_id_var, traceparent_var
from kernel.messaging import EventBus
from kernel.settings import Settings

log = structlog.get_logger(__name__)


class OutboxMessage(SQLModel, table=True):
    """An event waiting to be (or already) published. Lives in the producer's schema."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_unsent", "position", postgresql_where=text("sent_at IS NULL")),)

    position: int | None = Field(
        default=None, sa_column=Column(BigInteger, Identity(always=True), primary_key=True)
    )
    event_id: uuid.UUID = Field(unique=True)
    event_type: str
    payload: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    created_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now())
    )
    sent_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    attempts: int = 0
    last_error: str | None = None


def record_event(
    session: AsyncSession,
    event: IntegrationEvent,
    *,
    subject: str | None = None,
    landlord: uuid.UUID | str | None = None,
) -> CloudEvent:
    """Add ``event`` to the outbox in the caller's transaction; return its envelope."""
    envelope = CloudEvent.wrap(
        event,
        subject=subject,
        landlord=str(landlord) if landlord is not None else None,
        correlation_id=correlation_id_var.get(),
        traceparent=traceparent_var.get(),
    )
    session.add(
        OutboxMessage(
            event_id=uuid.UUID(envelope.id),
            event_type=envelope.type,
            payload=envelope.model_dump(mode="json", exclude_none=True),
        )
    )
    return envelope


class OutboxRelay:
    """Publishes unsent outbox rows to JetStream, in order, forever (until stopped)."""

    def __init__(self, service: str, sessions: SessionFactory, bus: EventBus, settings: Settings) -> None:
        self.service = service
        self.sessions = sessions
        self.bus = bus
        self.settings = settings
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Ask the relay to look at the outbox now rather than at its next poll."""
        self._wake.set()

    async def publish_pending(self) -> int:
        """Publish one batch; return how many rows were marked sent. Raises if NATS fails."""
        published = 0
        failure: Exception | None = None
        async with transaction(self.sessions) as session:
            rows = (
                await session.exec(
                    select(OutboxMessage)
                    .where(col(OutboxMessage.sent_at).is_(None))
                    .order_by(col(OutboxMessage.position))
                    .limit(self.settings.relay_batch_size)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            for row in rows:
                subject = nats_subject(row.event_type, self.settings.event_namespace)
                body = CloudEvent.model_validate(row.payload).model_dump_json(exclude_none=True)
                try:
                    await self.bus.publish(subject, body.encode(), msg_id=str(row.event_id))
                except Exception as exc:
                    row.attempts += 1
                    row.last_error = f"{type(exc).__name__}: {exc}"[:500]
                    failure = exc
                    break
                row.sent_at = datetime.now(UTC)
                published += 1
        if failure is not None:
            raise failure
        return published

    async def run(self, stop: asyncio.Event) -> None:
        """Relay until ``stop`` is set, backing off (up to 5 s) while NATS is unreachable."""
        delay = 0.1
        stream_ready = False
        while not stop.is_set():
            try:
                if not stream_ready:
                    await self.bus.ensure_stream(self.service)
                    stream_ready = True
                count = await self.publish_pending()
                delay = 0.1
            except Exception as exc:
                log.warning("outbox.relay_failed", error=str(exc), retry_in=delay)
                stream_ready = False
                await sleep_or_stop(stop, delay)
                delay = min(delay * 2, 5.0)
                continue
            if count < self.settings.relay_batch_size:
                self._wake.clear()
                waiter = asyncio.ensure_future(self._wake.wait())
                stopper = asyncio.ensure_future(stop.wait())
                await asyncio.wait(
                    {waiter, stopper},
                    timeout=self.settings.relay_idle_seconds,
                    return_when=asyncio.FIRST_COMPLETED,
                )
                waiter.cancel()
                stopper.cancel()


async def unsent_count(session: AsyncSession) -> int:
    """How many events wait in the outbox (for readiness and metrics)."""
    result = await session.exec(
        select(func.count()).select_from(OutboxMessage).where(col(OutboxMessage.sent_at).is_(None))
    )
    return int(result.one())
