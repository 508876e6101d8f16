"""Audiences come from identity's household events, received over real NATS."""

from __future__ import annotations

import asyncio
import uuid

from contracts.identity import HouseholdMoved, HouseholdRegistered
from kernel.events import CloudEvent, nats_subject
from kernel.messaging import EventBus


async def _publish(settings, *events) -> None:
    bus = EventBus(settings, "test-identity")
    try:
        await bus.ensure_stream("identity")
        for event in events:
            envelope = CloudEvent.wrap(event)
            subject = nats_subject(event.event_type, settings.event_namespace)
            await bus.publish(subject, envelope.model_dump_json().encode(), msg_id=envelope.id)
    finally:
        await bus.close()


async def _wait_for(sql, query: str, expected, *args) -> None:
    for _ in range(100):
        if await sql.fetchval(query, *args) == expected:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{query} never gave {expected!r} (last: {await sql.fetchval(query, *args)!r})")


async def test_registered_and_moved_households_reach_the_projection(app, settings, sql) -> None:
    landlord, site, building = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    new_site, new_building = uuid.uuid4(), uuid.uuid4()
    household = uuid.uuid4()
    registered = HouseholdRegistered(
        household_id=household, landlord_id=landlord, site_id=site, building_id=building, language="fr"
    )
    moved = HouseholdMoved(
        household_id=household,
        from_landlord_id=landlord,
        from_site_id=site,
        from_building_id=building,
        landlord_id=landlord,
        site_id=new_site,
        building_id=new_building,
    )
    await _publish(settings, registered)
    await _wait_for(sql, "SELECT language FROM households WHERE household_id = $1", "fr", household)
    await _publish(settings, moved, registered)  # a replayed registration keeps the move
    await _wait_for(sql, "SELECT count(*) FROM inbox", 3)
    row = await sql.fetchrow("SELECT * FROM households WHERE household_id = $1", household)
    assert (row["site_id"], row["building_id"], row["language"]) == (new_site, new_building, "fr")
