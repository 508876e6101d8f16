"""Signed webhooks to a real receiver on loopback: signatures, retries, rotation."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from contracts.councils import MeetingScheduled
from partners.testing import Received, WebhookReceiver, World, eventually, grant, subscribe


def meeting(landlord: uuid.UUID) -> MeetingScheduled:
    """A council meeting of ``landlord`` next week."""
    starts = datetime.now(UTC) + timedelta(days=7)
    return MeetingScheduled(
        meeting_id=uuid.uuid4(),
        council_id=uuid.uuid4(),
        landlord_id=landlord,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )


async def deliveries(client: httpx.AsyncClient, world: World, subscription_id: str) -> list[dict[str, Any]]:
    """The subscription's delivery log, as the partner reads it."""
    response = await client.get(f"/subscriptions/{subscription_id}/deliveries", headers=world.partner())
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()
    return found


async def delivered_log(
    client: httpx.AsyncClient, world: World, subscription_id: str
) -> list[dict[str, Any]]:
    """The delivery log once every delivery of the subscription is delivered."""

    async def done() -> bool:
        log = await deliveries(client, world, subscription_id)
        return bool(log) and all(d["status"] == "delivered" for d in log)

    await eventually(done)
    return await deliveries(client, world, subscription_id)


async def test_a_council_event_arrives_signed_and_a_tampered_body_fails_verification(
    client: httpx.AsyncClient, world: World, receiver: WebhookReceiver, publish: Any
) -> None:
    await grant(client, world, world.landlord_a)
    subscription = await subscribe(client, world.partner(), receiver.url)
    event = await publish(meeting(world.landlord_a), world.landlord_a)

    await eventually(lambda: receiver.applied)
    request = receiver.requests[0]
    verified = Webhook(subscription["secret"]).verify(request.body, request.headers)
    assert verified["id"] == event.id
    assert verified["type"] == "inspraak.councils.meeting.scheduled"
    assert verified["data"]["meeting_id"] == event.data["meeting_id"]
    assert subscription["secret"].startswith("whsec_")

    tampered = request.body.replace(event.data["meeting_id"].encode(), str(uuid.uuid4()).encode())
    with pytest.raises(WebhookVerificationError):
        Webhook(subscription["secret"]).verify(tampered, request.headers)


async def test_the_receiver_down_for_three_attempts_gets_the_event_on_the_fourth_once(
    client: httpx.AsyncClient, world: World, receiver: WebhookReceiver, publish: Any
) -> None:
    def down_three_times(request: Received) -> tuple[int, dict[str, str]]:
        return (503, {}) if len(receiver.requests) <= 3 else (200, {})

    receiver.respond = down_three_times
    await grant(client, world, world.landlord_a)
    subscription = await subscribe(client, world.partner(), receiver.url)
    await publish(meeting(world.landlord_a), world.landlord_a)

    log = await delivered_log(client, world, subscription["id"])
    assert len(log) == 1 and log[0]["status"] == "delivered"
    assert [a["status_code"] for a in log[0]["attempts"]] == [503, 503, 503, 200]
    assert [a["number"] for a in log[0]["attempts"]] == [1, 2, 3, 4]
    assert len(receiver.requests) == 4 and len(receiver.applied) == 1
    assert len({r.headers["webhook-id"] for r in receiver.requests}) == 1, "one message, four attempts"


async def test_retry_after_is_honoured(
    client: httpx.AsyncClient, world: World, receiver: WebhookReceiver, publish: Any
) -> None:
    receiver.respond = lambda _: (429, {"Retry-After": "1"}) if len(receiver.requests) == 1 else (200, {})
    await grant(client, world, world.landlord_a)
    subscription = await subscribe(client, world.partner(), receiver.url)
    await publish(meeting(world.landlord_a), world.landlord_a)

    attempts = (await delivered_log(client, world, subscription["id"]))[0]["attempts"]
    first, second = (datetime.fromisoformat(a["attempted_at"]) for a in attempts)
    assert second - first >= timedelta(seconds=1), "the schedule said 0.2 s, Retry-After said 1 s"


async def test_after_rotation_both_secrets_verify_during_the_grace_period(
    client: httpx.AsyncClient, world: World, receiver: WebhookReceiver, publish: Any
) -> None:
    await grant(client, world, world.landlord_a)
    subscription = await subscribe(client, world.partner(), receiver.url)
    rotated = await client.post(f"/subscriptions/{subscription['id']}/rotate-secret", headers=world.partner())
    assert rotated.status_code == 200, rotated.text
    new_secret = rotated.json()["secret"]
    assert new_secret != subscription["secret"]
    await publish(meeting(world.landlord_a), world.landlord_a)

    await eventually(lambda: receiver.applied)
    request = receiver.requests[0]
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    for secret in (subscription["secret"], new_secret):
        assert (
            Webhook(secret).verify(request.body, request.headers)["type"]
            == "inspraak.councils.meeting.scheduled"
        )
    assert json.loads(request.body)["landlord"] == str(world.landlord_a)


async def test_the_delivery_log_reads_newest_first_a_page_at_a_time(
    client: httpx.AsyncClient, world: World, receiver: WebhookReceiver, publish: Any
) -> None:
    await grant(client, world, world.landlord_a)
    subscription = await subscribe(client, world.partner(), receiver.url)
    for _ in range(3):
        await publish(meeting(world.landlord_a), world.landlord_a)
    await eventually(lambda: len(receiver.requests) >= 3)
    oldest = await deliveries(client, world, subscription["id"])
    assert len(oldest) == 3
    url = f"/subscriptions/{subscription['id']}/deliveries"
    newest = (await client.get(url, params={"order": "newest", "first": 2}, headers=world.partner())).json()
    assert [d["id"] for d in newest] == [d["id"] for d in reversed(oldest)][:2]
    rest = await client.get(
        url, params={"order": "newest", "after": newest[-1]["cursor"]}, headers=world.partner()
    )
    assert [d["id"] for d in rest.json()] == [oldest[0]["id"]]
