"""Flows 1 and 3 over real NATS: the councils and partners services are not built yet, so the
tests publish their contract events themselves and read what spaces publishes back."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import nats
import pytest
from nats.js import JetStreamContext

from contracts.common import RoomRequest
from contracts.councils import MeetingScheduled
from contracts.partners import ActivityAnnounced
from kernel.events import CloudEvent, IntegrationEvent, nats_subject, stream_name
from kernel.localisation import LocalizedText
from kernel.messaging import EventBus
from kernel.settings import Settings
from spaces.testing import at, monday


@pytest.fixture
async def js(settings: Settings) -> AsyncIterator[JetStreamContext]:
    """A JetStream context on the test's NATS (streams of the test's namespace)."""
    nc = await nats.connect(settings.nats_url)
    yield nc.jetstream()
    await nc.close()


async def publish(
    settings: Settings, event: IntegrationEvent, correlation_id: str, event_id: str | None = None
) -> str:
    """Publish ``event`` on its service's stream as that service's outbox relay would."""
    envelope = CloudEvent.wrap(event, landlord=None, correlation_id=correlation_id)
    if event_id:
        envelope = envelope.model_copy(update={"id": event_id})
    bus = EventBus(settings, "test-producer")
    try:
        await bus.ensure_stream(event.service())
        subject = nats_subject(event.event_type, settings.event_namespace)
        await bus.publish(
            subject, envelope.model_dump_json().encode(), msg_id=f"{envelope.id}-{uuid.uuid4()}"
        )
    finally:
        await bus.close()
    return envelope.id


async def spaces_events(
    js: JetStreamContext, settings: Settings, event_type: str, count: int
) -> list[dict[str, Any]]:
    """The first ``count`` CloudEvents of ``event_type`` spaces published (waits for them)."""
    subject = nats_subject(event_type, settings.event_namespace)
    subscription = await js.pull_subscribe(subject, stream=stream_name("spaces", settings.event_namespace))
    messages = []
    while len(messages) < count:
        messages += await subscription.fetch(count - len(messages), timeout=15)
    return [CloudEvent.model_validate_json(m.data).model_dump(mode="json") for m in messages]


def room(space_id: str, starts: datetime, ends: datetime) -> RoomRequest:
    return RoomRequest(space_id=uuid.UUID(space_id), starts_at=starts, ends_at=ends)


async def test_flow_1_a_council_meeting_gets_its_room_and_a_second_one_at_that_time_is_rejected(
    settings, create_space, landlord, js, client
) -> None:
    space = await create_space(auto_confirm=True)
    day, council = monday(), uuid.uuid4()
    first, second = uuid.uuid4(), uuid.uuid4()
    meeting = MeetingScheduled(
        meeting_id=first,
        council_id=council,
        landlord_id=uuid.UUID(landlord.id),
        starts_at=at(day, "19:00"),
        ends_at=at(day, "21:00"),
        room_request=room(space["id"], at(day, "19:00"), at(day, "21:00")),
    )
    event_id = await publish(settings, meeting, "corr-meeting-1")
    await publish(settings, meeting, "corr-meeting-1", event_id=event_id)  # redelivered: no effect
    clash = meeting.model_copy(update={"meeting_id": second})
    await publish(settings, clash, "corr-meeting-2")

    [confirmed] = await spaces_events(js, settings, "inspraak.spaces.booking.confirmed", 1)
    [rejected] = await spaces_events(js, settings, "inspraak.spaces.booking.rejected", 1)

    assert confirmed["correlationid"] == "corr-meeting-1"
    assert confirmed["data"]["request"] == {"source": "councils.meeting", "id": str(first)}
    assert confirmed["data"]["organisation"] == {"kind": "council", "id": str(council)}
    assert confirmed["data"]["space_id"] == space["id"]
    assert rejected["correlationid"] == "corr-meeting-2"
    assert rejected["data"]["request"] == {"source": "councils.meeting", "id": str(second)}
    assert rejected["data"]["reason_code"] == "booked"
    window = {"from": at(day, "00:00").isoformat(), "to": at(day, "23:59").isoformat()}
    listed = await client.get(f"/spaces/{space['id']}/bookings", params=window)
    assert [b["state"] for b in listed.json()["items"]] == ["confirmed"]


async def test_flow_3_a_partner_activity_becomes_a_booking_request_the_landlord_approves(
    settings, create_space, landlord, js, client
) -> None:
    space = await create_space(auto_confirm=True)  # a partner's request still needs approval
    day, partner, activity = monday(), uuid.uuid4(), uuid.uuid4()
    announced = ActivityAnnounced(
        activity_id=activity,
        partner_id=partner,
        landlord_id=uuid.UUID(landlord.id),
        title=LocalizedText(nl="Computerles", fr="Cours d'informatique"),
        starts_at=at(day, "14:00"),
        ends_at=at(day, "16:00"),
        room_request=room(space["id"], at(day, "14:00"), at(day, "16:00")),
    )
    await publish(settings, announced, "corr-activity")

    [requested] = await spaces_events(js, settings, "inspraak.spaces.booking.requested", 1)
    assert requested["correlationid"] == "corr-activity"
    assert requested["data"]["request"] == {"source": "partners.activity", "id": str(activity)}
    assert requested["data"]["organisation"] == {"kind": "partner", "id": str(partner)}
    booking_id = requested["data"]["booking_id"]
    approved = await client.post(f"/bookings/{booking_id}/approve", headers=landlord.headers(landlord.staff))
    assert approved.json()["state"] == "confirmed"
    assert approved.json()["purpose"] == "Computerles / Cours d'informatique"
    [confirmed] = await spaces_events(js, settings, "inspraak.spaces.booking.confirmed", 1)
    assert confirmed["data"]["request"] == {"source": "partners.activity", "id": str(activity)}
