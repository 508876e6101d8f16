"""Registering and moving households: the state change and its event commit together."""

from __future__ import annotations

import pytest
from sqlmodel import select

from identity.domain.commands import RegisterHousehold
from identity.service import households
from identity.service.permissions import SYSTEM
from identity.service.unit_of_work import unit_of_work
from identity.testing import bearer, count_rows, outbox_events, person_with
from kernel.outbox import OutboxMessage

REGISTERED = "inspraak.identity.household.registered"
MOVED = "inspraak.identity.household.moved"


async def test_staff_register_a_household_and_its_event_is_in_the_outbox(
    client, sessions, world, token
) -> None:
    staff = person_with("landlord_staff", world.home.landlord.id)
    building = world.home.buildings[0]
    response = await client.post(
        "/households", json={"building_id": str(building.id), "language": "fr"}, headers=bearer(token(staff))
    )
    assert response.status_code == 201, response.text
    household = response.json()
    assert household["landlord_id"] == str(world.home.landlord.id)
    assert household["site_id"] == str(world.home.site.id)
    [event] = await outbox_events(sessions, REGISTERED)
    assert event["data"] == {
        "household_id": household["id"],
        "landlord_id": household["landlord_id"],
        "site_id": household["site_id"],
        "building_id": str(building.id),
        "language": "fr",
    }
    assert event["landlord"] == household["landlord_id"]


async def test_the_household_and_its_event_are_one_transaction(sessions, world) -> None:
    class Crash(Exception):
        pass

    with pytest.raises(Crash):
        async with unit_of_work(sessions) as uow:
            command = RegisterHousehold(world.home.buildings[0].id, "nl")
            household = await households.register_household(uow, SYSTEM, command)
            await uow.flush()
            assert await uow.households.get(household.id) is not None
            query = select(OutboxMessage.event_type).where(OutboxMessage.event_type == REGISTERED)
            pending = (await uow.session.exec(query)).all()
            assert pending == [REGISTERED], "the event waits in the same transaction"
            raise Crash
    assert await count_rows(sessions, "households") == 0
    assert await outbox_events(sessions, REGISTERED) == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"building_id": "00000000-0000-0000-0000-000000000000", "language": "nl"}, "building_id"),
        ({"building_id": "not-a-uuid", "language": "nl"}, "building_id"),
        ({"language": "nl"}, "building_id"),
        ({"building_id": "00000000-0000-0000-0000-000000000000"}, "language"),
    ],
)
async def test_invalid_registrations_name_the_field_and_write_nothing(
    client, sessions, world, token, body, field
) -> None:
    staff = person_with("landlord_staff", world.home.landlord.id)
    response = await client.post("/households", json=body, headers=bearer(token(staff)))
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "VALIDATION" and response.json()["field"] == field
    assert await count_rows(sessions, "households") == 0
    assert await outbox_events(sessions, REGISTERED) == []


async def test_a_bad_language_is_a_validation_error_on_language(client, sessions, world, token) -> None:
    staff = person_with("landlord_staff", world.home.landlord.id)
    body = {"building_id": str(world.home.buildings[0].id), "language": "de"}
    response = await client.post("/households", json=body, headers=bearer(token(staff)))
    assert response.status_code == 422 and response.json()["field"] == "language"
    assert await outbox_events(sessions, REGISTERED) == []


async def test_staff_of_another_landlord_may_not_register_here(client, sessions, world, token) -> None:
    stranger = person_with("landlord_staff", world.other.landlord.id)
    body = {"building_id": str(world.home.buildings[0].id), "language": "nl"}
    response = await client.post("/households", json=body, headers=bearer(token(stranger)))
    assert response.status_code == 403 and response.json()["code"] == "FORBIDDEN"
    assert await outbox_events(sessions, REGISTERED) == []


async def test_a_move_tells_where_from_and_where_to(client, sessions, world, token) -> None:
    staff = token(person_with("landlord_staff", world.home.landlord.id))
    first, second = world.home.buildings
    created = await client.post(
        "/households", json={"building_id": str(first.id), "language": "nl"}, headers=bearer(staff)
    )
    household = created.json()["id"]
    moved = await client.post(
        f"/households/{household}/move", json={"building_id": str(second.id)}, headers=bearer(staff)
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["building_id"] == str(second.id)
    [event] = await outbox_events(sessions, MOVED)
    assert event["data"]["from_building_id"] == str(first.id) and event["data"]["building_id"] == str(
        second.id
    )
    again = await client.post(
        f"/households/{household}/move", json={"building_id": str(second.id)}, headers=bearer(staff)
    )
    assert again.status_code == 422 and again.json()["field"] == "building_id"
    assert len(await outbox_events(sessions, MOVED)) == 1


async def test_moving_to_another_landlord_needs_staff_of_both(client, world, token) -> None:
    staff = token(person_with("landlord_staff", world.home.landlord.id))
    created = await client.post(
        "/households",
        json={"building_id": str(world.home.buildings[0].id), "language": "en"},
        headers=bearer(staff),
    )
    target = {"building_id": str(world.other.buildings[0].id)}
    refused = await client.post(
        f"/households/{created.json()['id']}/move", json=target, headers=bearer(staff)
    )
    assert refused.status_code == 403
    admin = token(person_with("regional_admin"))
    moved = await client.post(f"/households/{created.json()['id']}/move", json=target, headers=bearer(admin))
    assert moved.status_code == 200 and moved.json()["landlord_id"] == str(world.other.landlord.id)


async def test_moving_an_unknown_household_is_not_found(client, world, token) -> None:
    admin = token(person_with("regional_admin"))
    body = {"building_id": str(world.home.buildings[0].id)}
    response = await client.post(
        "/households/00000000-0000-0000-0000-000000000001/move", json=body, headers=bearer(admin)
    )
    assert response.status_code == 404 and response.json()["code"] == "NOT_FOUND"
