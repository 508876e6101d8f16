"""``consultationResults(id)``: a consultation pushed again each time its numbers change.

The surveys service announces participation (at most once a minute), closing, results and
follow-up as events; on each one about the watched consultation the gateway reads the
consultation again through the surveys client with the subscriber's token, so what is pushed
is exactly what ``consultation(id)`` would answer that viewer (drafts NOT_FOUND for those who
do not run them, results FORBIDDEN until they are visible, small cells suppressed).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from contracts.surveys import (
    ConsultationClosed,
    ConsultationPublished,
    FollowUpPublished,
    ParticipationUpdated,
    ResultsPublished,
)
from gateway.context import Info
from gateway.fields import uuid_arg
from gateway.streaming import about, viewer_of, watch
from gateway.types.surveys import Consultation, surveys

CHANGES = frozenset(
    event.event_type
    for event in (
        ConsultationPublished,
        ParticipationUpdated,
        ConsultationClosed,
        ResultsPublished,
        FollowUpPublished,
    )
)
"""The events after which a consultation's participation, results or follow-up may read differently."""


@strawberry.type(description="A consultation as it reads now, and the event that changed it.")
class ConsultationChange:
    cause: str | None = strawberry.field(
        description="The event type behind this update; null for the first one (the state when subscribing)."
    )
    consultation: Consultation


async def consultation_changes(info: Info, id: strawberry.ID) -> AsyncGenerator[ConsultationChange, None]:
    """The consultation now, then after each change (until the subscriber's token expires)."""
    viewer = viewer_of(info)
    consultation_id = uuid_arg(id, "id")
    client = surveys(info)
    async with watch(info, viewer, CHANGES) as live:  # listening before the first read: no change is lost
        current = Consultation.from_json(await client.consultation(consultation_id))
        yield ConsultationChange(cause=None, consultation=current)
        async for event in live.events():
            if about(event, "consultation_id", consultation_id):
                current = Consultation.from_json(await client.consultation(consultation_id))
                yield ConsultationChange(cause=event.type, consultation=current)
