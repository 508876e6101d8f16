"""A tenant's proposal travels through the council: accepted, scheduled, voted, decided, minuted."""

from __future__ import annotations

import httpx

from councils.testing import World, ok, outbox, soon
from kernel.db import SessionFactory

PROPOSAL = {
    "title": {"nl": "Lift blok C herstellen"},
    "motivation": {"nl": "De lift staat al drie weken stil."},
    "category": "maintenance_programme",
}


async def test_a_tenant_proposal_is_accepted_scheduled_voted_decided_and_minuted(
    client: httpx.AsyncClient, world: World, sessions: SessionFactory
) -> None:
    council = world.council["id"]
    item = await ok(
        await client.post(f"/councils/{council}/items", json=PROPOSAL, headers=world.tenant()), 201
    )
    assert item["state"] == "proposed" and item["proposed_by"] == "tenant"

    review = {"decision": "accept"}
    accepted = await ok(await client.post(f"/items/{item['id']}/review", json=review, headers=world.member()))
    assert accepted["state"] == "accepted"

    meeting_body = {
        "starts_at": soon().isoformat(),
        "ends_at": soon(hours=2).isoformat(),
        "item_ids": [item["id"]],
        "venue": "Zaal Horta",
    }
    meeting = await ok(
        await client.post(f"/councils/{council}/meetings", json=meeting_body, headers=world.member(1)), 201
    )
    assert [entry["id"] for entry in meeting["agenda"]] == [item["id"]]

    present = {"present": [str(person) for person in world.members[:3]]}
    held = await ok(
        await client.post(f"/meetings/{meeting['id']}/attendance", json=present, headers=world.member(1))
    )
    assert (held["sitting"], held["present"]) == (5, 3)
    for person, choice in zip(world.members[:3], ("for", "for", "against"), strict=True):
        vote = {"item_id": item["id"], "person_id": str(person), "choice": choice}
        await ok(
            await client.post(f"/meetings/{meeting['id']}/votes", json=vote, headers=world.member(1)), 201
        )

    decision = {
        "outcome": "decided",
        "decision": {"nl": "De raad vraagt herstelling binnen 14 dagen."},
        "motivation": {"nl": "Bewoners op de bovenste verdiepingen zitten vast."},
    }
    decided = await ok(
        await client.post(f"/items/{item['id']}/decision", json=decision, headers=world.member())
    )
    assert decided["state"] == "decided"

    minutes = {
        "summary": {"nl": "Eerste vergadering."},
        "todos": [{"text": "Brief sturen", "owner": "Voorzitter"}],
    }
    published = await ok(
        await client.post(f"/meetings/{meeting['id']}/minutes", json=minutes, headers=world.member())
    )
    assert published["minutes"]["decisions"][0]["item_id"] == item["id"]

    for event_type in (
        "agenda_item.proposed",
        "agenda_item.accepted",
        "agenda_item.scheduled",
        "meeting.scheduled",
        "meeting.held",
        "agenda_item.decided",
        "minutes.published",
    ):
        assert len(await outbox(sessions, f"inspraak.councils.{event_type}")) == 1, event_type
    [decided_event] = await outbox(sessions, "inspraak.councils.agenda_item.decided")
    counts = {
        key: decided_event["data"][key] for key in ("votes_for", "votes_against", "abstentions", "adopted")
    }
    assert counts == {"votes_for": 2, "votes_against": 1, "abstentions": 0, "adopted": True}
