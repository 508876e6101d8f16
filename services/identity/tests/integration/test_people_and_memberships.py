"""People, memberships and ``/me``: roles are data with a scope and a period."""

from __future__ import annotations

from datetime import date, timedelta

from identity.domain.tokens import TokenSubject
from identity.service.clock import today
from identity.testing import bearer, outbox_events, person_with

GRANTED = "inspraak.identity.membership.granted"
REVOKED = "inspraak.identity.membership.revoked"


async def test_staff_grant_and_revoke_a_role_and_me_shows_only_active_ones(
    client, sessions, world, token, register_person
) -> None:
    person = await register_person("member.test", "correct horse battery")
    staff = bearer(token(person_with("landlord_staff", world.home.landlord.id)))
    body = {"person_id": str(person.id), "role": "council_member", "landlord_id": str(world.home.landlord.id)}
    granted = await client.post("/memberships", json=body, headers=staff)
    assert granted.status_code == 201, granted.text
    assert granted.json()["valid_from"] == today().isoformat() and granted.json()["revoked_at"] is None
    [event] = await outbox_events(sessions, GRANTED)
    assert event["data"]["membership_id"] == granted.json()["id"] and event["landlord"] == str(
        world.home.landlord.id
    )

    own = bearer(token(TokenSubject("person", str(person.id), (), person_id=str(person.id))))
    me = (await client.get("/me", headers=own)).json()
    assert me["person"] == {"id": str(person.id), "display_name": "Testa Persoon", "preferred_language": "nl"}
    assert [m["role"] for m in me["memberships"]] == ["council_member"]

    revoked = await client.delete(f"/memberships/{granted.json()['id']}", headers=staff)
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    assert len(await outbox_events(sessions, REVOKED)) == 1
    assert (await client.get("/me", headers=own)).json()["memberships"] == []
    twice = await client.delete(f"/memberships/{granted.json()['id']}", headers=staff)
    assert twice.status_code == 409 and len(await outbox_events(sessions, REVOKED)) == 1


async def test_future_roles_are_not_active_yet(client, world, token, register_person) -> None:
    person = await register_person("future.test", "correct horse battery")
    admin = bearer(token(person_with("regional_admin")))
    start = (date.today() + timedelta(days=10)).isoformat()
    body = {
        "person_id": str(person.id),
        "role": "community_worker",
        "landlord_id": str(world.home.landlord.id),
        "valid_from": start,
    }
    assert (await client.post("/memberships", json=body, headers=admin)).status_code == 201
    own = bearer(token(TokenSubject("person", str(person.id), (), person_id=str(person.id))))
    assert (await client.get("/me", headers=own)).json()["memberships"] == []


async def test_only_regional_admins_grant_region_wide_roles(client, world, token, register_person) -> None:
    person = await register_person("admin.test", "correct horse battery")
    body = {"person_id": str(person.id), "role": "regional_admin"}
    staff = bearer(token(person_with("landlord_staff", world.home.landlord.id)))
    assert (await client.post("/memberships", json=body, headers=staff)).status_code == 403
    admin = bearer(token(person_with("regional_admin")))
    assert (await client.post("/memberships", json=body, headers=admin)).status_code == 201
    scoped_admin = {**body, "landlord_id": str(world.home.landlord.id)}
    response = await client.post("/memberships", json=scoped_admin, headers=admin)
    assert response.status_code == 422 and response.json()["field"] == "landlord_id"


async def test_bad_memberships_name_their_field(client, world, token, register_person) -> None:
    person = await register_person("bad.test", "correct horse battery")
    admin = bearer(token(person_with("regional_admin")))
    landlord = str(world.home.landlord.id)
    cases = [
        ({"person_id": str(person.id), "role": "mayor", "landlord_id": landlord}, "role"),
        ({"person_id": str(world.home.site.id), "role": "tenant", "landlord_id": landlord}, "person_id"),
        (
            {"person_id": str(person.id), "role": "tenant", "landlord_id": str(world.home.site.id)},
            "landlord_id",
        ),
        (
            {
                "person_id": str(person.id),
                "role": "tenant",
                "landlord_id": landlord,
                "valid_from": "2025-05-02",
                "valid_to": "2025-05-01",
            },
            "valid_to",
        ),
    ]
    for body, field in cases:
        response = await client.post("/memberships", json=body, headers=admin)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["field"] == field


async def test_staff_register_people_with_unique_usernames(client, token, world) -> None:
    staff = bearer(token(person_with("landlord_staff", world.home.landlord.id)))
    body = {
        "display_name": "Testa Persoon",
        "preferred_language": "fr",
        "username": "new.test",
        "password": "correct horse battery",
    }
    created = await client.post("/people", json=body, headers=staff)
    assert created.status_code == 201 and "password" not in created.text
    taken = await client.post("/people", json=body, headers=staff)
    assert taken.status_code == 409 and taken.json()["field"] == "username"
    short = await client.post(
        "/people", json={**body, "username": "short.test", "password": "short"}, headers=staff
    )
    assert short.status_code == 422 and short.json()["field"] == "password"
    tenant = bearer(token(person_with("tenant", world.home.landlord.id)))
    assert (
        await client.post("/people", json={**body, "username": "x.test"}, headers=tenant)
    ).status_code == 403


async def test_a_partner_client_token_shows_its_client_on_me(client, token) -> None:
    me = (await client.get("/me", headers=bearer(token(TokenSubject.client("demo-partner"))))).json()
    assert me == {
        "subject": "demo-partner",
        "kind": "client",
        "person": None,
        "household": None,
        "client_id": "demo-partner",
        "memberships": [],
    }


async def test_a_regional_admin_registers_a_partner_client_whose_secret_works(client, token) -> None:
    admin = bearer(token(person_with("regional_admin")))
    created = await client.post(
        "/partner-clients", json={"name": "Feed reader", "organisation": "CPAS Exemple"}, headers=admin
    )
    assert created.status_code == 201, created.text
    form = {
        "grant_type": "client_credentials",
        "client_id": created.json()["client_id"],
        "client_secret": created.json()["client_secret"],
    }
    assert (await client.post("/oauth/token", data=form)).status_code == 200


async def test_people_working_within_a_landlord_read_display_names_in_one_call(
    client, world, token, register_person
) -> None:
    first = await register_person("first.test", "correct horse battery")
    second = await register_person("second.test", "correct horse battery")
    member = bearer(token(person_with("council_member", world.home.landlord.id)))
    params = [("id", str(first.id)), ("id", str(second.id)), ("id", str(first.id))]
    found = await client.get("/people", params=params, headers=member)
    assert found.status_code == 200, found.text
    assert sorted(found.json(), key=lambda p: p["id"]) == sorted(
        [{"id": str(p.id), "display_name": "Testa Persoon"} for p in (first, second)], key=lambda p: p["id"]
    )
    household = str(world.home.landlord.id)
    tenant = bearer(token(TokenSubject("household", household, (), household_id=household)))
    assert (await client.get("/people", params=params, headers=tenant)).status_code == 403
    partner = bearer(token(TokenSubject("client", "partner-client", (), client_id="partner-client")))
    assert (await client.get("/people", params=params, headers=partner)).status_code == 403
    assert (await client.get("/people", params=params)).status_code == 401
