"""Landlords, sites and buildings: public lists for the gateway's DataLoaders, admin writes."""

from __future__ import annotations

import uuid

from identity.testing import bearer, outbox_events, person_with, register_place

LANDLORD = {
    "code": "foyer-exemple",
    "name": {"nl": "Voorbeeldhaard", "fr": "Foyer Exemple", "en": "Example Hearth"},
    "municipalities": ["Anderlecht"],
    "dwellings": 2100,
}


async def test_landlords_are_public_sorted_by_code_and_filtered_by_repeated_ids(client, sessions) -> None:
    zeta = await register_place(sessions, "zeta-test")
    alpha = await register_place(sessions, "alpha-test")
    await register_place(sessions, "mid-test")
    every = (await client.get("/landlords")).json()
    assert [landlord["code"] for landlord in every] == ["alpha-test", "mid-test", "zeta-test"]
    assert every[0] == {
        "id": str(alpha.landlord.id),
        "code": "alpha-test",
        "name": {"nl": "alpha-test (nl)", "fr": "alpha-test (fr)", "en": None},
        "municipalities": ["Anderlecht"],
        "dwellings": 2000,
    }
    some = await client.get(
        "/landlords", params=[("id", str(zeta.landlord.id)), ("id", str(alpha.landlord.id))]
    )
    assert [landlord["code"] for landlord in some.json()] == ["alpha-test", "zeta-test"]


async def test_one_landlord_or_not_found(client, sessions) -> None:
    place = await register_place(sessions, "alpha-test")
    found = await client.get(f"/landlords/{place.landlord.id}")
    assert found.status_code == 200 and found.json()["code"] == "alpha-test"
    missing = await client.get(f"/landlords/{uuid.uuid4()}")
    assert missing.status_code == 404 and missing.json()["code"] == "NOT_FOUND"


async def test_a_malformed_id_filter_is_a_validation_error(client) -> None:
    response = await client.get("/landlords", params={"id": "nope"})
    assert response.status_code == 422 and response.json()["field"] == "id.0"


async def test_sites_and_buildings_by_their_parents(client, world) -> None:
    sites = (await client.get("/sites", params={"landlord_id": str(world.home.landlord.id)})).json()
    assert sites == [
        {
            "id": str(world.home.site.id),
            "landlord_id": str(world.home.landlord.id),
            "name": {"nl": "foyer-test (nl)", "fr": "foyer-test (fr)", "en": None},
            "municipality": "Anderlecht",
        }
    ]
    both = [("site_id", str(world.home.site.id)), ("site_id", str(world.other.site.id))]
    buildings = (await client.get("/buildings", params=both)).json()
    assert len(buildings) == 4
    assert {b["site_id"] for b in buildings} == {str(world.home.site.id), str(world.other.site.id)}
    assert set(buildings[0]) == {"id", "site_id", "name", "address"}


async def test_a_regional_admin_registers_a_landlord_and_tells_everyone(client, sessions, token) -> None:
    admin = token(person_with("regional_admin"))
    response = await client.post("/landlords", json=LANDLORD, headers=bearer(admin))
    assert response.status_code == 201, response.text
    [event] = await outbox_events(sessions, "inspraak.identity.landlord.registered")
    assert event["data"] == {"landlord_id": response.json()["id"], "code": "foyer-exemple"}
    again = await client.post("/landlords", json=LANDLORD, headers=bearer(admin))
    assert again.status_code == 409 and again.json()["field"] == "code"


async def test_landlord_staff_cannot_register_landlords(client, world, token) -> None:
    staff = token(person_with("landlord_staff", world.home.landlord.id))
    response = await client.post("/landlords", json=LANDLORD, headers=bearer(staff))
    assert response.status_code == 403


async def test_a_landlord_needs_a_slug_code_and_a_dutch_and_french_name(client, token) -> None:
    admin = token(person_with("regional_admin"))
    bad_code = await client.post(
        "/landlords", json={**LANDLORD, "code": "Foyer Exemple"}, headers=bearer(admin)
    )
    assert bad_code.status_code == 422 and bad_code.json()["field"] == "code"
    no_dutch = {**LANDLORD, "name": {"fr": "Foyer Exemple"}}
    response = await client.post(
        "/landlords", json=no_dutch, headers={**bearer(admin), "Accept-Language": "fr"}
    )
    assert response.status_code == 422 and response.json()["field"] == "name.nl"
    assert response.json()["detail"] == "Veuillez donner le nom en néerlandais et en français."


async def test_staff_register_sites_and_buildings_of_their_landlord(client, world, token) -> None:
    staff = bearer(token(person_with("landlord_staff", world.home.landlord.id)))
    site_body = {
        "landlord_id": str(world.home.landlord.id),
        "name": {"nl": "Wijk", "fr": "Cité"},
        "municipality": "Anderlecht",
    }
    site = await client.post("/sites", json=site_body, headers=staff)
    assert site.status_code == 201, site.text
    building = await client.post(
        "/buildings", json={"site_id": site.json()["id"], "name": "C", "address": "Rue C 3"}, headers=staff
    )
    assert building.status_code == 201 and building.json()["site_id"] == site.json()["id"]
    elsewhere = {**site_body, "landlord_id": str(world.other.landlord.id)}
    assert (await client.post("/sites", json=elsewhere, headers=staff)).status_code == 403
