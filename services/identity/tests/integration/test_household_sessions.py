"""A household stays signed in after the one-time code: its refresh token is rotated on each
use, a replayed or revoked one is refused, and signing out ends the session."""

from __future__ import annotations

import asyncio

from identity.testing import sql
from kernel.auth import Principal

from .test_activation_code_grant import a_code, a_household, redeem


def refresh(client, token: str):
    return client.post(
        "/oauth/token",
        data={"grant_type": "refresh_token", "refresh_token": token, "client_id": "inspraak-portal"},
        headers={"Accept-Language": "fr"},
    )


async def test_the_code_opens_a_session_that_refreshes_with_a_new_token_each_time(
    client, sessions, world, app
) -> None:
    household = await a_household(sessions, world)
    first = (await redeem(client, await a_code(sessions, household))).json()
    assert first["refresh_token"] and first["expires_in"] > 0
    again = await refresh(client, first["refresh_token"])
    assert again.status_code == 200, again.text
    body = again.json()
    assert body["refresh_token"] != first["refresh_token"]
    principal: Principal = await app.state.runtime.verifier.verify(body["access_token"])
    assert principal.household_id == str(household.id)
    assert principal.has("tenant", str(world.home.landlord.id))
    stored = await sql(sessions, "SELECT token_hash FROM household_sessions")
    assert first["refresh_token"] not in str(stored), "only hashes are stored"


async def test_a_replayed_refresh_token_ends_the_whole_session(client, sessions, world) -> None:
    first = (await redeem(client, await a_code(sessions, await a_household(sessions, world)))).json()
    second = (await refresh(client, first["refresh_token"])).json()
    await sql(sessions, "UPDATE household_sessions SET used_at = used_at - interval '2 minutes'")
    replay = await refresh(client, first["refresh_token"])
    assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant"
    assert replay.json()["message"], "a message in the caller's language"
    after = await refresh(client, second["refresh_token"])
    assert after.status_code == 400, "the stolen token's session is revoked, the newer token too"


async def test_two_tabs_refreshing_at_once_get_exactly_one_new_token(client, sessions, world) -> None:
    first = (await redeem(client, await a_code(sessions, await a_household(sessions, world)))).json()
    answers = await asyncio.gather(*(refresh(client, first["refresh_token"]) for _ in range(10)))
    assert sorted(a.status_code for a in answers) == [200] + [400] * 9
    winner = next(a for a in answers if a.status_code == 200).json()
    assert (await refresh(client, winner["refresh_token"])).status_code == 200, "the session goes on"


async def test_signing_out_revokes_and_unknown_tokens_are_refused(client, sessions, world) -> None:
    first = (await redeem(client, await a_code(sessions, await a_household(sessions, world)))).json()
    revoked = await client.post(
        "/oauth/revoke", data={"token": first["refresh_token"], "client_id": "inspraak-portal"}
    )
    assert revoked.status_code == 200
    assert (await refresh(client, first["refresh_token"])).status_code == 400
    assert (await client.post("/oauth/revoke", data={"token": "nope"})).status_code == 200
    unknown = await refresh(client, "not-a-token")
    assert unknown.status_code == 400 and unknown.json()["error"] == "invalid_grant"


async def test_people_with_a_password_get_no_refresh_token(client, register_person) -> None:
    await register_person("sam.worker", "correct horse battery")
    response = await client.post(
        "/oauth/token",
        data={
            "grant_type": "password",
            "username": "sam.worker",
            "password": "correct horse battery",
            "client_id": "inspraak-portal",
        },
    )
    assert response.status_code == 200, response.text
    assert "refresh_token" not in response.json()
