"""A partner never receives an event outside its partnerships, whatever it subscribes to."""

from __future__ import annotations

import asyncio
import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from contracts.common import Organisation
from contracts.councils import MeetingScheduled
from contracts.spaces import BookingConfirmed
from contracts.surveys import ResultsPublished
from kernel.events import IntegrationEvent
from kernel.localisation import LocalizedText
from partners.testing import WebhookReceiver, World, eventually, grant, heard, register_partner, subscribe


def random_event(rng: random.Random, landlord: uuid.UUID, site: uuid.UUID) -> IntegrationEvent:
    """A meeting (public), a booking (not public, on a site) or results (public)."""
    starts = datetime.now(UTC) + timedelta(days=rng.randint(1, 30))
    kind = rng.choice(("meeting", "booking", "results"))
    if kind == "meeting":
        return MeetingScheduled(
            meeting_id=uuid.uuid4(),
            council_id=uuid.uuid4(),
            landlord_id=landlord,
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
        )
    if kind == "booking":
        return BookingConfirmed(
            booking_id=uuid.uuid4(),
            space_id=uuid.uuid4(),
            site_id=site,
            landlord_id=landlord,
            organisation=Organisation(kind="council", id=uuid.uuid4()),
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
        )
    return ResultsPublished(
        consultation_id=uuid.uuid4(),
        landlord_id=landlord,
        title=LocalizedText(nl="Resultaten", fr="Résultats"),
        respondents=rng.randint(0, 300),
    )


async def test_a_partner_with_one_landlord_never_receives_another_landlords_events(
    client: httpx.AsyncClient, world: World, receiver: WebhookReceiver, publish: Any
) -> None:
    rng = random.Random(20240611)
    landlord_c = uuid.uuid4()
    await grant(client, world, world.landlord_a)
    await subscribe(client, world.partner(), receiver.url)
    outsider = WebhookReceiver()
    await outsider.start()
    await register_partner(client, world.admin(), "school-without-partnership")
    await heard(client, world.partner("school-without-partnership"), "inspraak.partners.partner.registered")
    await subscribe(client, world.partner("school-without-partnership"), outsider.url)

    landlords = [world.landlord_a, world.landlord_b, landlord_c]
    published = []
    for _ in range(90):
        landlord = rng.choice(landlords)
        event = random_event(rng, landlord, uuid.uuid4())
        published.append(await publish(event, landlord))

    own = [e for e in published if e.landlord == str(world.landlord_a)]
    public = [e for e in published if e.type != "inspraak.spaces.booking.confirmed"]
    await eventually(lambda: len(receiver.applied) >= len(own) and len(outsider.applied) >= len(public))
    received = receiver.applied_events()
    assert {e["id"] for e in received} == {e.id for e in own}
    assert {e["landlord"] for e in received} == {str(world.landlord_a)}
    assert {e["id"] for e in outsider.applied_events()} == {e.id for e in public}
    feed = (await client.get("/events?first=500", headers=world.partner())).json()["items"]
    landlords = {item["event"].get("landlord") for item in feed}
    assert landlords == {str(world.landlord_a), None}, "landlord A's events, and its own registration"
    assert all(
        i["event"]["data"]["partner_id"] == world.partner_id for i in feed if "landlord" not in i["event"]
    )
    await outsider.stop()


async def test_a_partnership_limited_to_a_site_and_a_type_narrows_what_arrives(
    client: httpx.AsyncClient, world: World, receiver: WebhookReceiver, publish: Any
) -> None:
    site_a, other_site = uuid.uuid4(), uuid.uuid4()
    only_bookings = ["inspraak.spaces.booking.confirmed"]
    await grant(client, world, world.landlord_a, site_ids=[str(site_a)], event_types=only_bookings)
    await subscribe(client, world.partner(), receiver.url)

    elsewhere = await publish(booking(world.landlord_a, other_site), world.landlord_a)
    wanted = await publish(booking(world.landlord_a, site_a), world.landlord_a)
    starts = datetime.now(UTC) + timedelta(days=1)
    public_meeting = MeetingScheduled(
        meeting_id=uuid.uuid4(),
        council_id=uuid.uuid4(),
        landlord_id=world.landlord_a,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
    )
    meeting = await publish(public_meeting, world.landlord_a)
    other_landlord = await publish(booking(world.landlord_b, site_a), world.landlord_b)

    await eventually(lambda: receiver.applied)
    await asyncio.sleep(0.5)
    assert [e["id"] for e in receiver.applied_events()] == [wanted.id]
    feed = (await client.get("/events", headers=world.partner())).json()["items"]
    seen = {item["event"]["id"] for item in feed}
    assert not seen & {elsewhere.id, meeting.id, other_landlord.id}


def booking(landlord: uuid.UUID, site: uuid.UUID) -> BookingConfirmed:
    """A confirmed booking (not public) of a room on ``site``."""
    starts = datetime.now(UTC) + timedelta(days=2)
    return BookingConfirmed(
        booking_id=uuid.uuid4(),
        space_id=uuid.uuid4(),
        site_id=site,
        landlord_id=landlord,
        organisation=Organisation(kind="partner", id=uuid.uuid4()),
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
    )
