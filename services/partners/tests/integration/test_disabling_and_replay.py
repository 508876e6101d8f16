"""410 Gone disables an endpoint; re-enabling and replaying delivers what was missed, in order."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from standardwebhooks import Webhook

from contracts.councils import MeetingScheduled
from partners.testing import WebhookReceiver, World, eventually, grant, subscribe


def meeting(landlord: uuid.UUID) -> MeetingScheduled:
    starts = datetime.now(UTC) + timedelta(days=3)
    return MeetingScheduled(
        meeting_id=uuid.uuid4(),
        council_id=uuid.uuid4(),
        landlord_id=landlord,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
    )


async def subscription_of(client: httpx.AsyncClient, world: World) -> dict[str, Any]:
    response = await client.get("/subscriptions", headers=world.partner())
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()[0]
    return found


async def feed_types(client: httpx.AsyncClient, world: World) -> list[str]:
    response = await client.get("/events", headers=world.partner())
    return [item["event"]["type"] for item in response.json()["items"]]


async def test_gone_disables_at_once_and_replay_delivers_the_missed_events_in_order_once(
    client: httpx.AsyncClient, world: World, receiver: WebhookReceiver, publish: Any
) -> None:
    receiver.respond = lambda _: (410, {})
    await grant(client, world, world.landlord_a)
    subscription = await subscribe(client, world.partner(), receiver.url)
    since = datetime.now(UTC)
    first = await publish(meeting(world.landlord_a), world.landlord_a)

    await eventually(lambda: receiver.requests)
    await eventually(lambda: _status(client, world, "disabled"))
    assert (await subscription_of(client, world))["disabled_reason"] == "gone"
    await eventually(lambda: _has(client, world, "inspraak.partners.endpoint.disabled"))

    later = [await publish(meeting(world.landlord_a), world.landlord_a) for _ in range(3)]
    await eventually(lambda: _feed_count(client, world, "inspraak.councils.meeting.scheduled", 4))
    await asyncio.sleep(0.5)
    assert len(receiver.requests) == 1, "a disabled endpoint is not attempted"

    receiver.respond = lambda _: (200, {})
    enabled = await client.post(f"/subscriptions/{subscription['id']}/enable", headers=world.partner())
    assert enabled.json()["status"] == "active"
    replay = await client.post(
        f"/subscriptions/{subscription['id']}/replay",
        json={"since": since.isoformat()},
        headers=world.partner(),
    )
    assert replay.json() == {"queued": 5}, "four meetings and the notice of the disabling itself"

    await eventually(lambda: len(receiver.applied) == 5)
    await asyncio.sleep(0.3)
    delivered = [Webhook(subscription["secret"]).verify(r.body, r.headers) for r in receiver.requests[1:]]
    meetings = [e["id"] for e in delivered if e["type"] == "inspraak.councils.meeting.scheduled"]
    assert meetings == [first.id] + [e.id for e in later], "in order, each once"
    assert delivered[1]["type"] == "inspraak.partners.endpoint.disabled"
    assert delivered[1]["data"]["reason"] == "gone"
    assert receiver.duplicates == 0 and len(receiver.requests) == 6


async def _status(client: httpx.AsyncClient, world: World, status: str) -> bool:
    return bool((await subscription_of(client, world))["status"] == status)


async def _has(client: httpx.AsyncClient, world: World, event_type: str) -> bool:
    return event_type in await feed_types(client, world)


async def _feed_count(client: httpx.AsyncClient, world: World, event_type: str, count: int) -> bool:
    return (await feed_types(client, world)).count(event_type) == count
