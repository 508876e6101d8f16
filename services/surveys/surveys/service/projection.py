"""Keeping the household projection: handlers of identity's household events."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from contracts.identity import HouseholdMoved, HouseholdRegistered
from kernel.events import CloudEvent
from surveys.adapters.households import HouseholdProjection

HOUSEHOLD_EVENTS = (HouseholdRegistered.event_type, HouseholdMoved.event_type)


async def on_household_event(session: AsyncSession, envelope: CloudEvent) -> None:
    """Apply ``household.registered`` / ``household.moved`` (inside the inbox transaction)."""
    households = HouseholdProjection(session)
    if envelope.type == HouseholdRegistered.event_type:
        registered = HouseholdRegistered.model_validate(envelope.data)
        await households.registered(
            registered.household_id,
            registered.landlord_id,
            registered.site_id,
            registered.building_id,
            registered.language,
        )
    elif envelope.type == HouseholdMoved.event_type:
        moved = HouseholdMoved.model_validate(envelope.data)
        await households.moved(moved.household_id, moved.landlord_id, moved.site_id, moved.building_id)
