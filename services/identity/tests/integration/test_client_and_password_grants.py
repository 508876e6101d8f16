"""Partners log in with their secret, staff with their password; wrong ones get OAuth errors."""

from __future__ import annotations

import base64
from datetime import date, timedelta

from identity.domain.commands import GrantMembership, RegisterPartnerClient, RevokeMembership
from identity.service import clients, people
from identity.service.permissions import SYSTEM
from identity.service.unit_of_work import unit_of_work
from kernel.auth import Principal

PORTAL = "inspraak-portal"


async def a_partner(sessions) -> tuple[str, str]:
    async with unit_of_work(sessions) as uow:
        client, secret = await clients.register_partner_client(
            uow, SYSTEM, RegisterPartnerClient("Buurtwerk systeem", "Buurthuis Voorbeeld")
        )
    return client.client_id, secret


def basic(client_id: str, secret: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()}


async def test_a_partner_with_its_secret_in_the_header_gets_a_client_token(client, sessions, app) -> None:
    client_id, secret = await a_partner(sessions)
    response = await client.post(
        "/oauth/token", data={"grant_type": "client_credentials"}, headers=basic(client_id, secret)
    )
    assert response.status_code == 200, response.text
    assert "refresh_token" not in response.json()
    principal: Principal = await app.state.runtime.verifier.verify(response.json()["access_token"])
    assert principal.kind == "client" and principal.client_id == client_id
    assert [(g.role, g.landlord) for g in principal.grants] == [("partner", None)]


async def test_a_partner_with_its_secret_in_the_form_gets_a_token(client, sessions) -> None:
    client_id, secret = await a_partner(sessions)
    form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    response = await client.post("/oauth/token", data=form)
    assert response.status_code == 200, response.text


async def test_a_wrong_secret_is_an_invalid_client(client, sessions) -> None:
    client_id, _ = await a_partner(sessions)
    response = await client.post(
        "/oauth/token", data={"grant_type": "client_credentials"}, headers=basic(client_id, "guessed")
    )
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    assert response.headers["www-authenticate"].startswith("Basic")
    unknown = await client.post(
        "/oauth/token", data={"grant_type": "client_credentials"}, headers=basic("nobody-123", "x")
    )
    assert unknown.status_code == 401 and unknown.json()["error"] == "invalid_client"


async def test_the_portal_cannot_use_client_credentials(client) -> None:
    response = await client.post(
        "/oauth/token", data={"grant_type": "client_credentials", "client_id": PORTAL}
    )
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


async def test_staff_with_the_right_password_get_their_active_roles(
    client, sessions, world, register_person, app
) -> None:
    person = await register_person("staff.test", "correct horse battery")
    landlord = world.home.landlord.id
    async with unit_of_work(sessions) as uow:
        await people.grant_membership(uow, SYSTEM, GrantMembership(person.id, "landlord_staff", landlord))
        await people.grant_membership(
            uow,
            SYSTEM,
            GrantMembership(
                person.id,
                "council_member",
                landlord,
                date.today() - timedelta(days=30),
                date.today() - timedelta(days=2),
            ),
        )
        revoked = await people.grant_membership(
            uow, SYSTEM, GrantMembership(person.id, "community_worker", landlord)
        )
        await people.revoke_membership(uow, SYSTEM, RevokeMembership(revoked.id))
    form = {
        "grant_type": "password",
        "username": "staff.test",
        "password": "correct horse battery",
        "client_id": PORTAL,
    }
    response = await client.post("/oauth/token", data=form)
    assert response.status_code == 200, response.text
    principal: Principal = await app.state.runtime.verifier.verify(response.json()["access_token"])
    assert principal.kind == "person" and principal.person_id == str(person.id)
    assert [(g.role, g.landlord) for g in principal.grants] == [("landlord_staff", str(landlord))]


async def test_a_wrong_password_or_unknown_user_is_an_invalid_grant(client, register_person) -> None:
    await register_person("staff.test", "correct horse battery")
    for username, password in (
        ("staff.test", "wrong horse battery"),
        ("nobody.test", "correct horse battery"),
    ):
        form = {"grant_type": "password", "username": username, "password": password, "client_id": PORTAL}
        response = await client.post("/oauth/token", data=form, headers={"Accept-Language": "nl"})
        assert response.status_code == 400
        assert response.json()["error"] == "invalid_grant"
        assert response.json()["message"] == "De gebruikersnaam of het wachtwoord klopt niet."


async def test_an_unknown_grant_type_is_unsupported(client) -> None:
    response = await client.post("/oauth/token", data={"grant_type": "implicit", "client_id": PORTAL})
    assert response.status_code == 400
    assert response.json()["error"] == "unsupported_grant_type"
