"""The fan-out consumers: one durable consumer per service stream, every event type.

Each fetched batch (up to :data:`BATCH` events) fans out in one inbox transaction; once it
committed, ``on_queued`` wakes the delivery worker, so a webhook leaves without waiting for
the worker's next poll.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session
from sqlmodel.ext.asyncio.session import AsyncSession

from kernel.events import CloudEvent
from kernel.runtime import ServiceRuntime
from partners.domain.retries import RetryPolicy
from partners.service.fanout import fan_out_many

STREAMS = ("identity", "councils", "surveys", "spaces", "partners")
BATCH = 200


def register_consumers(
    runtime: ServiceRuntime, policy: RetryPolicy, on_queued: Callable[[], None] = lambda: None
) -> None:
    """Hear every stream (``inspraak.<service>.>``); events fan out in their inbox transaction."""

    async def handle_many(session: AsyncSession, events: list[CloudEvent]) -> None:
        if await fan_out_many(session, events, policy):

            def committed(_: Session) -> None:
                on_queued()

            sa_event.listen(session.sync_session, "after_commit", committed, once=True)

    async def handle(session: AsyncSession, event: CloudEvent) -> None:
        await handle_many(session, [event])

    for service in STREAMS:
        runtime.consume(
            f"partners-fanout-{service}",
            service,
            [f"inspraak.{service}.>"],
            handle,
            batch=BATCH,
            batch_handler=handle_many,
        )
