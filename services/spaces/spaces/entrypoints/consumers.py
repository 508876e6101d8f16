"""Consumers: room requests from councils (flow 1) and partners (flow 3).

Each handler runs inside the inbox transaction: the booking, its event and the inbox row
commit together, so a redelivered event changes nothing.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from contracts.councils import MeetingScheduled
from contracts.partners import ActivityAnnounced
from kernel.events import CloudEvent
from kernel.runtime import ServiceRuntime
from spaces.service import flows
from spaces.service.unit_of_work import UnitOfWork


async def meeting_scheduled(session: AsyncSession, event: CloudEvent) -> None:
    """A council meeting asks for a room."""
    await flows.on_meeting_scheduled(UnitOfWork(session), MeetingScheduled.model_validate(event.data))


async def activity_announced(session: AsyncSession, event: CloudEvent) -> None:
    """A partner activity asks for a room."""
    await flows.on_activity_announced(UnitOfWork(session), ActivityAnnounced.model_validate(event.data))


def register(runtime: ServiceRuntime) -> None:
    """Start both consumers with the service."""
    runtime.consume("spaces_council_rooms", "councils", [MeetingScheduled.event_type], meeting_scheduled)
    runtime.consume("spaces_partner_rooms", "partners", [ActivityAnnounced.event_type], activity_announced)
