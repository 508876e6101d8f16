"""Event consumers: bookings from spaces, results from surveys, households and memberships from
identity. Each runs inside its inbox transaction and is idempotent by construction as well."""

from __future__ import annotations

import uuid

from sqlmodel.ext.asyncio.session import AsyncSession

from contracts.identity import HouseholdMoved, HouseholdRegistered, MembershipGranted, MembershipRevoked
from contracts.spaces import BookingConfirmed, BookingRejected
from contracts.surveys import ResultsPublished
from councils.service import flows
from councils.service.unit_of_work import within
from kernel.events import CloudEvent
from kernel.runtime import ServiceRuntime


async def on_booking(session: AsyncSession, event: CloudEvent) -> None:
    """A booking outcome from spaces: the meeting's venue follows it."""
    model = BookingConfirmed if event.type == BookingConfirmed.event_type else BookingRejected
    async with within(session) as uow:
        await flows.apply_booking(uow, model.model_validate(event.data))


async def on_results(session: AsyncSession, event: CloudEvent) -> None:
    """Results of a consultation linked to a council: an agenda item for the next meeting."""
    async with within(session) as uow:
        await flows.add_results_item(uow, ResultsPublished.model_validate(event.data))


async def on_identity(session: AsyncSession, event: CloudEvent) -> None:
    """Keep the projection of households and memberships."""
    async with within(session) as uow:
        if event.type in (HouseholdRegistered.event_type, HouseholdMoved.event_type):
            data = event.data
            await uow.projections.place_household(
                uuid.UUID(data["household_id"]), uuid.UUID(data["landlord_id"])
            )
        elif event.type == MembershipGranted.event_type:
            granted = MembershipGranted.model_validate(event.data)
            await uow.projections.grant(granted.model_dump() | {"revoked": False})
        elif event.type == MembershipRevoked.event_type:
            await uow.projections.revoke(MembershipRevoked.model_validate(event.data).membership_id)


def register_consumers(runtime: ServiceRuntime) -> None:
    """Register the service's durable consumers on the runtime."""
    runtime.consume(
        "councils_bookings", "spaces", [BookingConfirmed.event_type, BookingRejected.event_type], on_booking
    )
    runtime.consume("councils_results", "surveys", [ResultsPublished.event_type], on_results)
    runtime.consume(
        "councils_identity",
        "identity",
        [
            HouseholdRegistered.event_type,
            HouseholdMoved.event_type,
            MembershipGranted.event_type,
            MembershipRevoked.event_type,
        ],
        on_identity,
    )
