"""Flows with real NATS: the meeting's venue follows spaces' booking outcome; consultation results
from surveys become an agenda item for the next meeting."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from contracts.common import Organisation, RequestRef
from contracts.spaces import BookingConfirmed, BookingRejected
from contracts.surveys import ResultsPublished
from councils.testing import World, ok, soon, wait_for
from kernel.events import CloudEvent, IntegrationEvent, nats_subject, stream_name
from kernel.localisation import LocalizedText
from kernel.messaging import EventBus
from kernel.settings import Settings


@pytest.fixture
async def bus(settings: Settings) -> AsyncIterator[EventBus]:
    """A NATS client of this test, standing in for the spaces and surveys services."""
    bus = EventBus(settings, "councils-flow-test")
    yield bus
    await bus.close()


async def publish(bus: EventBus, event: IntegrationEvent, landlord: uuid.UUID) -> None:
    """Publish a contract event on its service's stream, as that service's outbox relay would."""
    await bus.ensure_stream(event.service())
    envelope = CloudEvent.wrap(event, landlord=str(landlord))
    subject = nats_subject(envelope.type, bus.settings.event_namespace)
    await bus.publish(subject, envelope.model_dump_json(exclude_none=True).encode(), msg_id=envelope.id)


async def meeting_with_room(client: httpx.AsyncClient, world: World, space: uuid.UUID) -> dict[str, Any]:
    """A meeting scheduled with a request for a given room."""
    body = {
        "starts_at": soon().isoformat(),
        "ends_at": soon(hours=2).isoformat(),
        "room": {"space_id": str(space)},
    }
    return await ok(
        await client.post(f"/councils/{world.council['id']}/meetings", json=body, headers=world.member()), 201
    )


def booking(world: World, meeting: dict[str, Any], space: uuid.UUID, confirmed: bool) -> IntegrationEvent:
    """Spaces' answer to the meeting's room request."""
    common = {
        "landlord_id": world.landlord,
        "organisation": Organisation(kind="council", id=world.council["id"]),
        "request": RequestRef(source="councils.meeting", id=meeting["id"]),
        "space_id": space,
    }
    if confirmed:
        return BookingConfirmed(
            booking_id=uuid.uuid4(),
            site_id=uuid.uuid4(),
            starts_at=meeting["starts_at"],
            ends_at=meeting["ends_at"],
            **common,
        )
    return BookingRejected(booking_id=None, reason_code="space_unavailable", **common)


async def venue(
    client: httpx.AsyncClient, world: World, meeting: dict[str, Any], status: str
) -> dict[str, Any]:
    """The meeting once its venue status is ``status`` (empty dict after the wait)."""

    async def check() -> dict[str, Any]:
        shown = await ok(await client.get(f"/meetings/{meeting['id']}", headers=world.tenant()))
        return shown if shown["venue_status"] == status else {}

    found: dict[str, Any] = await wait_for(check)
    return found


async def test_a_room_request_travels_to_spaces_and_the_confirmation_sets_the_venue(
    client: httpx.AsyncClient, world: World, bus: EventBus
) -> None:
    space = uuid.uuid4()
    meeting = await meeting_with_room(client, world, space)
    assert meeting["venue_status"] == "requested"

    js = await bus.jetstream()
    subject = nats_subject("inspraak.councils.meeting.scheduled", bus.settings.event_namespace)

    async def scheduled() -> dict[str, Any]:
        try:
            message = await js.get_last_msg(stream_name("councils", bus.settings.event_namespace), subject)
        except Exception:
            return {}
        return json.loads(message.data or b"{}")

    sent = await wait_for(scheduled)
    assert sent["data"]["meeting_id"] == meeting["id"]
    assert sent["data"]["room_request"]["space_id"] == str(space)

    confirmation = booking(world, meeting, space, confirmed=True)
    await publish(bus, confirmation, world.landlord)
    shown = await venue(client, world, meeting, "confirmed")
    assert shown["space_id"] == str(space)
    assert shown["booking_id"] == str(confirmation.booking_id)  # type: ignore[attr-defined]


async def test_a_rejected_room_request_leaves_the_meeting_with_venue_needed(
    client: httpx.AsyncClient, world: World, bus: EventBus
) -> None:
    space = uuid.uuid4()
    meeting = await meeting_with_room(client, world, space)
    await publish(bus, booking(world, meeting, space, confirmed=False), world.landlord)
    shown = await venue(client, world, meeting, "needed")
    assert shown["venue_reason"] == "space_unavailable"


def results(world: World, consultation: uuid.UUID) -> ResultsPublished:
    """Surveys publishes the results of a consultation linked to the council."""
    title = LocalizedText(nl="Groenbeheer", fr="Gestion des espaces verts", en="Green spaces")
    return ResultsPublished(
        consultation_id=consultation,
        landlord_id=world.landlord,
        council_id=world.council["id"],
        title=title,
        respondents=84,
    )


async def results_items(client: httpx.AsyncClient, world: World) -> list[dict[str, Any]]:
    """Agenda items made from consultation results, as a tenant sees them."""
    page = await ok(await client.get(f"/councils/{world.council['id']}/items", headers=world.tenant()))
    return [item for item in page["items"] if item["consultation_id"]]


async def test_published_results_become_an_item_on_the_next_meeting(
    client: httpx.AsyncClient, world: World, bus: EventBus
) -> None:
    later = {"starts_at": soon(14).isoformat(), "ends_at": soon(14, 2).isoformat(), "venue": "Zaal"}
    await ok(
        await client.post(f"/councils/{world.council['id']}/meetings", json=later, headers=world.member()),
        201,
    )
    nearer = {"starts_at": soon(3).isoformat(), "ends_at": soon(3, 2).isoformat(), "venue": "Zaal"}
    next_meeting = await ok(
        await client.post(f"/councils/{world.council['id']}/meetings", json=nearer, headers=world.member()),
        201,
    )

    event = results(world, uuid.uuid4())
    await publish(bus, event, world.landlord)
    await publish(bus, event, world.landlord)  # surveys' relay may publish twice: one item all the same
    [item] = await wait_for(lambda: results_items(client, world))
    assert item["title"] == {
        "nl": "Resultaten: Groenbeheer",
        "fr": "Résultats : Gestion des espaces verts",
        "en": "Results: Green spaces",
    }
    assert (item["state"], item["meeting_id"]) == ("scheduled", next_meeting["id"])


async def test_results_without_a_planned_meeting_wait_for_the_next_one(
    client: httpx.AsyncClient, world: World, bus: EventBus
) -> None:
    await publish(bus, results(world, uuid.uuid4()), world.landlord)
    [waiting] = await wait_for(lambda: results_items(client, world))
    assert (waiting["state"], waiting["waits_for_next_meeting"]) == ("accepted", True)

    body = {"starts_at": soon().isoformat(), "ends_at": soon(hours=2).isoformat()}
    meeting = await ok(
        await client.post(f"/councils/{world.council['id']}/meetings", json=body, headers=world.member()), 201
    )
    assert [entry["id"] for entry in meeting["agenda"]] == [waiting["id"]]
    assert meeting["venue_status"] == "needed"
