"""Indicators from real data: items, advice answered after 10 and 30 days, attendance 4 of 5;
who may read them. And an item discussed in a held meeting before it is decided."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import update
from sqlmodel import col

from councils.adapters.tables import AdviceRow
from councils.testing import World, ok, soon
from kernel.db import SessionFactory, transaction
from kernel.testing.tokens import bearer

TEXT = {"nl": "Tekst", "fr": "Texte"}


async def items_and_a_held_meeting(client: httpx.AsyncClient, world: World) -> tuple[list[str], str]:
    """Three proposals, two accepted and scheduled; the meeting held with 4 of 5 present."""
    council = world.council["id"]
    proposal = {"title": TEXT, "motivation": TEXT, "category": "house_rules"}
    ids = [
        (
            await ok(
                await client.post(f"/councils/{council}/items", json=proposal, headers=world.tenant()), 201
            )
        )["id"]
        for _ in range(3)
    ]
    for item in ids[:2]:
        await ok(
            await client.post(f"/items/{item}/review", json={"decision": "accept"}, headers=world.member())
        )
    meeting = {"starts_at": soon().isoformat(), "ends_at": soon(hours=2).isoformat(), "item_ids": ids[:2]}
    scheduled = await ok(
        await client.post(f"/councils/{council}/meetings", json=meeting, headers=world.member()), 201
    )
    present = {"present": [str(person) for person in world.members[:4]]}
    await ok(
        await client.post(f"/meetings/{scheduled['id']}/attendance", json=present, headers=world.member())
    )
    return ids, scheduled["id"]


async def answered_after(
    client: httpx.AsyncClient, world: World, sessions: SessionFactory, days: int
) -> None:
    """An advice issued ``days`` before the landlord answered it."""
    ask = {"subject": "service_charges", "question": TEXT, "due_on": str(date.today() + timedelta(days=9))}
    advice = await ok(
        await client.post(f"/councils/{world.council['id']}/advice", json=ask, headers=world.staff()), 201
    )
    await ok(await client.post(f"/advice/{advice['id']}/issue", json={"text": TEXT}, headers=world.member()))
    await ok(
        await client.post(
            f"/advice/{advice['id']}/answer", json={"response": "followed"}, headers=world.staff()
        )
    )
    async with transaction(sessions) as session:  # it was issued ``days`` ago
        await session.exec(
            update(AdviceRow)
            .where(col(AdviceRow.id) == advice["id"])
            .values(issued_at=datetime.now(UTC) - timedelta(days=days))
        )


def period(days_back: int = 1, days_ahead: int = 30) -> dict[str, str]:
    return {
        "from": str(date.today() - timedelta(days=days_back)),
        "to": str(date.today() + timedelta(days=days_ahead)),
    }


async def test_indicators_are_computed_from_what_the_council_did(
    client: httpx.AsyncClient, world: World, sessions: SessionFactory
) -> None:
    items, _ = await items_and_a_held_meeting(client, world)
    decision = {"outcome": "decided", "decision": TEXT, "motivation": TEXT}
    await ok(await client.post(f"/items/{items[0]}/decision", json=decision, headers=world.member()))
    await answered_after(client, world, sessions, 10)
    await answered_after(client, world, sessions, 30)

    query = {"landlord_id": str(world.landlord), **period()}
    found = await ok(await client.get("/indicators", params=query, headers=world.staff()))
    assert (found["items_proposed"], found["items_accepted"], found["items_decided"]) == (3, 2, 1)
    assert (found["advice_answered"], found["median_response_days"]) == (2, 20)
    assert found["answered_on_time_share"] == 1.0
    assert (found["meetings_held"], found["attendance_rate"]) == (1, 0.8)
    assert found["council_id"] == world.council["id"]

    later = await ok(
        await client.get("/indicators", params={**query, **period(-60, 90)}, headers=world.staff())
    )
    assert (later["items_proposed"], later["meetings_held"], later["attendance_rate"]) == (0, 0, None)


async def test_indicators_are_for_staff_members_and_regional_admins(
    client: httpx.AsyncClient, world: World
) -> None:
    query = {"landlord_id": str(world.landlord), **period()}
    expected: dict[str, tuple[dict[str, str], int]] = {
        "staff": (world.staff(), 200),
        "member": (world.member(), 200),
        "admin": (world.admin(), 200),
        "tenant": (world.tenant(), 403),
        "other staff": (world.staff(world.other_landlord), 403),
        "other tenant": (world.other_tenant(), 403),
        "partner": (world.partner(), 403),
        "anonymous": ({}, 401),
    }
    seen = {
        who: (await client.get("/indicators", params=query, headers=h)).status_code
        for who, (h, _) in expected.items()
    }
    assert seen == {who: status for who, (_, status) in expected.items()}
    other = bearer(world.issuer.person("landlord_staff", world.other_landlord))
    empty = await ok(
        await client.get(
            "/indicators", params={**query, "landlord_id": str(world.other_landlord)}, headers=other
        )
    )
    assert (empty["council_id"], empty["items_proposed"]) == (None, 0)
    reversed_period = {**query, "from": query["to"], "to": query["from"]}
    problem = await ok(await client.get("/indicators", params=reversed_period, headers=world.staff()), 422)
    assert (problem["code"], problem["field"]) == ("VALIDATION", "to")


async def test_an_item_is_discussed_at_the_held_meeting_then_voted_and_decided(
    client: httpx.AsyncClient, world: World
) -> None:
    council = world.council["id"]
    proposal = {"title": TEXT, "motivation": TEXT, "category": "other"}
    item: dict[str, Any] = await ok(
        await client.post(f"/councils/{council}/items", json=proposal, headers=world.member()), 201
    )
    await ok(
        await client.post(f"/items/{item['id']}/review", json={"decision": "accept"}, headers=world.member())
    )
    meeting = {
        "starts_at": soon().isoformat(),
        "ends_at": soon(hours=1).isoformat(),
        "item_ids": [item["id"]],
    }
    scheduled = await ok(
        await client.post(f"/councils/{council}/meetings", json=meeting, headers=world.member()), 201
    )

    early = await ok(await client.post(f"/items/{item['id']}/discussion", headers=world.member()), 409)
    assert early["field"] == "meeting_id"  # the meeting was not held yet
    present = {"present": [str(person) for person in world.members[:3]]}
    await ok(
        await client.post(f"/meetings/{scheduled['id']}/attendance", json=present, headers=world.member())
    )
    await ok(await client.post(f"/items/{item['id']}/discussion", headers=world.tenant()), 403)
    discussed = await ok(await client.post(f"/items/{item['id']}/discussion", headers=world.member()))
    assert discussed["state"] == "discussed"
    await ok(await client.post(f"/items/{item['id']}/discussion", headers=world.member()), 409)

    vote = {"item_id": item["id"], "person_id": str(world.members[0]), "choice": "for"}
    await ok(await client.post(f"/meetings/{scheduled['id']}/votes", json=vote, headers=world.member()), 201)
    decision = {"outcome": "decided", "decision": TEXT, "motivation": TEXT}
    decided = await ok(
        await client.post(f"/items/{item['id']}/decision", json=decision, headers=world.member())
    )
    assert decided["state"] == "decided"
