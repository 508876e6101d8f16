"""``GET /indicators``: partner activity around a landlord (partnerships, announced activities,
webhook deliveries of its events), counts only, for its staff and regional admins."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx

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


def _period(world: World, landlord: Any, start: date, end: date) -> dict[str, str]:
    return {"landlord_id": str(landlord), "from": start.isoformat(), "to": end.isoformat()}


async def _indicators(client: httpx.AsyncClient, params: dict[str, str], headers: dict[str, str]) -> Any:
    response = await client.get("/indicators", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_partnerships_activities_and_deliveries_of_the_landlord_are_counted(
    client: httpx.AsyncClient, world: World, receiver: WebhookReceiver, publish: Any
) -> None:
    def down_once_then_gone(request: Received) -> tuple[int, dict[str, str]]:
        return {1: (503, {}), 2: (200, {})}.get(len(receiver.requests), (410, {}))

    receiver.respond = down_once_then_gone
    await grant(client, world, world.landlord_a)
    subscription = await subscribe(
        client, world.partner(), receiver.url, event_types=["inspraak.councils.meeting.scheduled"]
    )
    starts = datetime.now(UTC) + timedelta(days=3)
    activity = {
        "landlord_id": str(world.landlord_a),
        "title": {"nl": "Huiswerkklas", "fr": "École des devoirs"},
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=2)).isoformat(),
    }
    announced = await client.post("/activities", json=activity, headers=world.partner())
    assert announced.status_code == 201, announced.text
    await publish(meeting(world.landlord_a), world.landlord_a)

    async def settled(count: int) -> bool:
        log = await deliveries(client, world, subscription["id"])
        return len(log) == count and all(d["status"] != "pending" for d in log)

    await eventually(lambda: settled(1))
    await publish(meeting(world.landlord_a), world.landlord_a)
    await eventually(lambda: settled(2))
    today = datetime.now(UTC).date()
    around_today = _period(world, world.landlord_a, today - timedelta(days=1), today + timedelta(days=1))

    found = await _indicators(client, around_today, world.staff(world.landlord_a))
    by_admin = await _indicators(client, around_today, world.admin())
    other = await _indicators(
        client, _period(world, world.landlord_b, today, today), world.staff(world.landlord_b)
    )
    long_ago = await _indicators(
        client, _period(world, world.landlord_a, date(2020, 1, 1), date(2020, 1, 31)), world.admin()
    )

    counts = {k: v for k, v in found.items() if k not in {"landlord_id", "period_from", "period_to"}}
    assert counts == {
        "active_partnerships": 1,
        "partners_with_partnership": 1,
        "activities_announced": 1,
        "deliveries_succeeded": 1,
        "deliveries_failed": 1,
        "failed_attempts": 2,
    }
    assert by_admin == found
    assert "partner_id" not in found and "name" not in found, "counts only"
    zero = dict.fromkeys(counts, 0)
    assert {k: other[k] for k in counts} == zero, "another landlord sees none of it"
    assert {k: long_ago[k] for k in counts} == zero


async def test_indicators_are_for_the_landlords_staff_and_regional_admins(
    client: httpx.AsyncClient, world: World
) -> None:
    today = date.today()
    period = _period(world, world.landlord_a, today, today)
    expected = {
        "staff": (world.staff(world.landlord_a), 200),
        "admin": (world.admin(), 200),
        "other staff": (world.staff(world.landlord_b), 403),
        "partner": (world.partner(), 403),
        "anonymous": ({}, 401),
    }
    for who, (headers, status) in expected.items():
        response = await client.get("/indicators", params=period, headers=headers)
        assert response.status_code == status, (who, response.text)
    refused = await client.get("/indicators", params=period, headers=world.staff(world.landlord_b))
    assert refused.json()["message_key"] == "partners.indicators_only"
    reversed_period = _period(world, world.landlord_a, today, today - timedelta(days=1))
    problem = await client.get("/indicators", params=reversed_period, headers=world.admin())
    assert problem.status_code == 422
    assert (problem.json()["code"], problem.json()["field"]) == ("VALIDATION", "to")
