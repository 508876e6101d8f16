"""Votes count only with a quorum, and each member votes once per item."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from councils.testing import World, ok, soon


async def scheduled_item(client: httpx.AsyncClient, world: World) -> tuple[str, str]:
    """An accepted item on a meeting's agenda: (meeting id, item id)."""
    council = world.council["id"]
    body = {
        "title": {"fr": "Charges locatives"},
        "motivation": {"fr": "Décompte incompréhensible"},
        "category": "service_charges",
    }
    item = await ok(await client.post(f"/councils/{council}/items", json=body, headers=world.member()), 201)
    await ok(
        await client.post(f"/items/{item['id']}/review", json={"decision": "accept"}, headers=world.member())
    )
    meeting = {
        "starts_at": soon().isoformat(),
        "ends_at": soon(hours=2).isoformat(),
        "item_ids": [item["id"]],
    }
    created = await ok(
        await client.post(f"/councils/{council}/meetings", json=meeting, headers=world.member()), 201
    )
    return created["id"], item["id"]


async def attend(client: httpx.AsyncClient, world: World, meeting: str, count: int) -> None:
    """Record the first ``count`` members as present."""
    present = {"present": [str(person) for person in world.members[:count]]}
    await ok(await client.post(f"/meetings/{meeting}/attendance", json=present, headers=world.member()))


async def vote(
    client: httpx.AsyncClient, world: World, meeting: str, item: str, index: int
) -> httpx.Response:
    """Member ``index`` votes for."""
    body = {"item_id": item, "person_id": str(world.members[index]), "choice": "for"}
    return await client.post(f"/meetings/{meeting}/votes", json=body, headers=world.member())


async def test_without_quorum_no_vote_is_recorded(client: httpx.AsyncClient, world: World) -> None:
    meeting, item = await scheduled_item(client, world)
    await attend(client, world, meeting, 2)  # 2 of 5 sitting: a majority needs 3
    response = await vote(client, world, meeting, item, 0)
    problem: dict[str, Any] = await ok(response, 409)
    assert (problem["code"], problem["field"]) == ("CONFLICT", "quorum")
    assert problem["detail"] == "Er is geen quorum: 2 aanwezig, 3 nodig. Er kan niet gestemd worden."


async def test_a_second_vote_by_the_same_member_on_the_same_item_is_refused(
    client: httpx.AsyncClient, world: World
) -> None:
    meeting, item = await scheduled_item(client, world)
    await attend(client, world, meeting, 3)
    await ok(await vote(client, world, meeting, item, 0), 201)
    again = await ok(await vote(client, world, meeting, item, 0), 409)
    assert (again["code"], again["field"]) == ("CONFLICT", "person_id")


async def test_the_same_vote_sent_five_times_at_once_counts_once(
    client: httpx.AsyncClient, world: World
) -> None:
    meeting, item = await scheduled_item(client, world)
    await attend(client, world, meeting, 3)
    responses = await asyncio.gather(*(vote(client, world, meeting, item, 1) for _ in range(5)))
    assert sorted(r.status_code for r in responses) == [201, 409, 409, 409, 409]
    tally = await ok(await vote(client, world, meeting, item, 2), 201)
    assert tally == {"votes_for": 2, "votes_against": 0, "abstentions": 0}


async def test_an_absent_member_cannot_vote(client: httpx.AsyncClient, world: World) -> None:
    meeting, item = await scheduled_item(client, world)
    await attend(client, world, meeting, 3)
    problem = await ok(await vote(client, world, meeting, item, 4), 422)
    assert (problem["code"], problem["field"]) == ("VALIDATION", "person_id")
