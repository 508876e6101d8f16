"""The fan-out consumers: one durable consumer per service stream, every event type."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from kernel.events import CloudEvent
from kernel.runtime import ServiceRuntime
from partners.domain.retries import RetryPolicy
from partners.service.fanout import fan_out

STREAMS = ("identity", "councils", "surveys", "spaces", "partners")


def register_consumers(runtime: ServiceRuntime, policy: RetryPolicy) -> None:
    """Hear every stream (``inspraak.<service>.>``); each event fans out in its inbox transaction."""

    async def handle(session: AsyncSession, event: CloudEvent) -> None:
        await fan_out(session, event, policy)

    for service in STREAMS:
        runtime.consume(f"partners-fanout-{service}", service, [f"inspraak.{service}.>"], handle)
