"""A tenant's activation code gives a household token once, and only once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from identity.domain.commands import IssueActivationCode, RegisterHousehold
from identity.domain.households import Household
from identity.service import households
from identity.service.permissions import SYSTEM
from identity.service.unit_of_work import unit_of_work
from identity.testing import bearer, person_with, sql
from kernel.auth import Principal

GRANT = "urn:inspraak:params:oauth:grant-type:activation-code"


async def a_household(sessions, world) -> Household:
    async with unit_of_work(sessions) as uow:
        command = RegisterHousehold(world.home.buildings[0].id, "fr")
        return await households.register_household(uow, SYSTEM, command)


async def a_code(sessions, household: Household, valid_days: int = 90) -> str:
    async with unit_of_work(sessions) as uow:
        _, plain = await households.issue_activation_code(
            uow, SYSTEM, IssueActivationCode(household.id, valid_days)
        )
    return plain


def redeem(client, code: str, **extra: str):
    return client.post(
        "/oauth/token", data={"grant_type": GRANT, "code": code, "client_id": "inspraak-portal", **extra}
    )


async def test_a_code_gives_a_household_token_for_its_landlord(client, sessions, world, app) -> None:
    household = await a_household(sessions, world)
    response = await redeem(client, await a_code(sessions, household))
    assert response.status_code == 200, response.text
    assert response.json()["token_type"] == "Bearer"
    principal: Principal = await app.state.runtime.verifier.verify(response.json()["access_token"])
    assert principal.kind == "household" and principal.household_id == str(household.id)
    assert principal.has("tenant", str(world.home.landlord.id))
    assert not principal.has("tenant", str(world.other.landlord.id))
    me = (await client.get("/me", headers=bearer(response.json()["access_token"]))).json()
    assert me["household"]["building_id"] == str(world.home.buildings[0].id)


async def test_a_code_typed_in_lowercase_with_spaces_still_works(client, sessions, world) -> None:
    code = await a_code(sessions, await a_household(sessions, world))
    response = await redeem(client, " " + code.lower().replace("-", " ") + " ")
    assert response.status_code == 200, response.text


async def test_fifty_tenants_racing_with_one_code_get_exactly_one_token(client, sessions, world) -> None:
    code = await a_code(sessions, await a_household(sessions, world))
    responses = await asyncio.gather(*(redeem(client, code) for _ in range(50)))
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] + [400] * 49
    errors = [response.json()["error"] for response in responses if response.status_code == 400]
    assert errors == ["invalid_grant"] * 49
    assert (await redeem(client, code)).json()["error"] == "invalid_grant"


async def test_an_expired_code_is_an_invalid_grant(client, sessions, world) -> None:
    code = await a_code(sessions, await a_household(sessions, world))
    await sql(sessions, "UPDATE activation_codes SET expires_at = now() - interval '1 second'")
    response = await redeem(client, code)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


async def test_an_unknown_or_malformed_code_is_an_invalid_grant_explained_in_french(client) -> None:
    for code in ("ABCD-EFGH-JKMN", "0000-1111-IIII", "short"):
        response = await client.post(
            "/oauth/token",
            data={"grant_type": GRANT, "code": code, "client_id": "inspraak-portal"},
            headers={"Accept-Language": "fr"},
        )
        assert response.status_code == 400
        assert response.json()["error"] == "invalid_grant"
        assert "code" in response.json()["message"] and response.json()["message_key"].endswith(
            "activation_code"
        )


async def test_a_code_without_the_portal_client_is_refused(client, sessions, world) -> None:
    code = await a_code(sessions, await a_household(sessions, world))
    response = await client.post("/oauth/token", data={"grant_type": GRANT, "code": code})
    assert response.status_code in (400, 401)
    assert response.json()["error"] == "invalid_client"
    assert (await redeem(client, code)).status_code == 200, "the code was not spent by the refusal"


async def test_workers_of_the_landlord_issue_codes_shown_once_and_stored_hashed(
    client, sessions, world, token
) -> None:
    household = await a_household(sessions, world)
    worker = person_with("community_worker", world.home.landlord.id)
    response = await client.post(
        f"/households/{household.id}/activation-codes", headers=bearer(token(worker))
    )
    assert response.status_code == 201, response.text
    code = response.json()["code"]
    stored = [row[0] for row in await sql(sessions, "SELECT code_hash FROM activation_codes")]
    assert code not in stored and code.replace("-", "") not in "".join(stored)
    assert (await redeem(client, code)).status_code == 200


async def test_tenants_and_other_landlords_cannot_issue_codes(client, sessions, world, token) -> None:
    household = await a_household(sessions, world)
    for subject in (
        person_with("tenant", world.home.landlord.id),
        person_with("landlord_staff", world.other.landlord.id),
    ):
        response = await client.post(
            f"/households/{household.id}/activation-codes", headers=bearer(token(subject))
        )
        assert response.status_code == 403
        assert response.json()["code"] == "FORBIDDEN"


async def test_a_code_lives_as_long_as_asked(sessions, world) -> None:
    household = await a_household(sessions, world)
    async with unit_of_work(sessions) as uow:
        code, _ = await households.issue_activation_code(uow, SYSTEM, IssueActivationCode(household.id, 7))
    assert code.expires_at - code.created_at == timedelta(days=7)
