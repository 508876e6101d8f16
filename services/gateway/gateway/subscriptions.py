"""Root subscription fields, live from NATS and filtered per viewer: ``events(types, landlordId)``,
``consultationResults(id)`` and ``spaceAvailability(spaceId)``.

Each needs a signed-in caller and ends with UNAUTHENTICATED when the token expires (see
:mod:`gateway.streaming`).
"""

from __future__ import annotations

import datetime
from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import cast

import strawberry
from strawberry.scalars import JSON

from gateway.context import Info
from gateway.streaming import subscription, viewer_of, watch
from gateway.subscriptions_spaces import SpaceAvailabilityChange, space_changes
from gateway.subscriptions_surveys import ConsultationChange, consultation_changes
from gateway.visibility import check_landlord, checked_types, may_see
from kernel.events import CloudEvent


@strawberry.type(description="An event as it happened (its CloudEvents envelope; `data` as JSON).")
class LiveEvent:
    id: strawberry.ID
    type: str
    source: str
    time: datetime.datetime
    subject: str | None
    landlord_id: strawberry.ID | None
    data: JSON

    @classmethod
    def from_event(cls, event: CloudEvent) -> LiveEvent:
        """The GraphQL view of an envelope."""
        return cls(
            id=strawberry.ID(event.id),
            type=event.type,
            source=event.source,
            time=event.time,
            subject=event.subject,
            landlord_id=strawberry.ID(event.landlord) if event.landlord else None,
            data=cast(JSON, event.data),
        )


@strawberry.type
class Subscription:
    """Live updates, pushed over WebSocket (``graphql-transport-ws``)."""

    @subscription(
        "Events as they happen, of `types` (default: all) and `landlordId` (default: all the"
        " caller may see): a landlord's people see its events, partners the public ones."
    )
    async def events(
        self, info: Info, types: list[str] | None = None, landlord_id: strawberry.ID | None = None
    ) -> AsyncGenerator[LiveEvent, None]:
        viewer = viewer_of(info)
        wanted = checked_types(types)
        check_landlord(viewer, landlord_id)
        async with watch(info, viewer, wanted) as live:
            async for event in live.events():
                if landlord_id is not None and event.landlord != landlord_id:
                    continue
                if may_see(viewer, event.type, event.landlord):
                    yield LiveEvent.from_event(event)

    @subscription(
        "A consultation now, then again each time its participation, results or follow-up change"
        " (`cause` names the event). Read with the caller's rights, as `consultation(id)`: a draft"
        " is NOT_FOUND for those who do not run it; `results` stays FORBIDDEN until published."
    )
    async def consultation_results(
        self, info: Info, id: strawberry.ID
    ) -> AsyncGenerator[ConsultationChange, None]:
        async with aclosing(consultation_changes(info, id)) as changes:
            async for change in changes:
                yield change

    @subscription(
        "Changes to a room's bookings and closures as they happen: the interval and new state of"
        " each booking, never who booked it (NOT_FOUND for an unknown room)."
    )
    async def space_availability(
        self, info: Info, space_id: strawberry.ID
    ) -> AsyncGenerator[SpaceAvailabilityChange, None]:
        async with aclosing(space_changes(info, space_id)) as changes:
            async for change in changes:
                yield change
