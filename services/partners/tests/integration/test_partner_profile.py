"""A partner reads and edits its own profile; the registrar's fields stay the registrar's."""

from __future__ import annotations

import httpx

from partners.testing import World


async def test_a_partner_edits_its_own_profile_and_bad_input_names_the_field(
    client: httpx.AsyncClient, world: World
) -> None:
    mine = await client.get("/partners/me", headers=world.partner())
    assert mine.status_code == 200, mine.text
    assert mine.json()["id"] == world.partner_id

    changes = {
        "description": {"nl": "Hulp bij papieren", "fr": "Aide administrative"},
        "services": ["paperwork", "language-cafe"],
        "contact": {"phone": "02 123 45 67"},
        "opening_hours": {"monday": "9:00-12:00"},
    }
    updated = await client.patch("/partners/me", json=changes, headers=world.partner())
    assert updated.status_code == 200, updated.text
    body = updated.json()
    assert body["services"] == ["language-cafe", "paperwork"] and body["contact"] == {"phone": "02 123 45 67"}
    assert body["name"] == mine.json()["name"] and body["type"] == mine.json()["type"]
    assert (await client.get(f"/partners/{world.partner_id}")).json()["opening_hours"] == {
        "monday": "9:00-12:00"
    }

    no_fr = await client.patch("/partners/me", json={"name": {"nl": "Alleen NL"}}, headers=world.partner())
    assert (no_fr.status_code, no_fr.json()["field"]) == (422, "name")
    bad_tag = await client.patch("/partners/me", json={"services": ["Paperwork "]}, headers=world.partner())
    assert (bad_tag.status_code, bad_tag.json()["field"]) == (422, "services")
    long = await client.patch("/partners/me", json={"contact": {"phone": "9" * 400}}, headers=world.partner())
    assert (long.status_code, long.json()["field"]) == (422, "contact")
    not_yours = await client.patch("/partners/me", json={"type": "school"}, headers=world.partner())
    assert not_yours.status_code == 422

    staff = await client.get("/partners/me", headers=world.staff(world.landlord_a))
    assert staff.status_code == 403
