"""Tokens are signed with a published key; a rotated key stays published while its tokens live."""

from __future__ import annotations

import base64
import json

from joserfc import jwt
from joserfc.jwk import KeySet

from identity.testing import bearer, person_with, sql

PORTAL = "inspraak-portal"


def kid_of(token: str) -> str:
    header = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))["kid"]


async def password_token(client, register_person) -> str:
    await register_person("keys.test", "correct horse battery")
    form = {
        "grant_type": "password",
        "username": "keys.test",
        "password": "correct horse battery",
        "client_id": PORTAL,
    }
    response = await client.post("/oauth/token", data=form)
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


async def test_the_jwks_publishes_the_key_that_signs_tokens(client, register_person) -> None:
    token = await password_token(client, register_person)
    jwks = (await client.get("/.well-known/jwks.json")).json()
    assert [key["kid"] for key in jwks["keys"]] == [kid_of(token)]
    assert all("d" not in key for key in jwks["keys"]), "no private parts"
    decoded = jwt.decode(token, KeySet.import_key_set(jwks), algorithms=["ES256"])
    assert decoded.claims["iss"] == "http://identity.test" and decoded.claims["kind"] == "person"


async def test_discovery_points_at_the_jwks_and_the_token_endpoint(client) -> None:
    config = (await client.get("/.well-known/openid-configuration")).json()
    assert config["issuer"] == "http://identity.test"
    assert config["jwks_uri"] == "http://identity.test/.well-known/jwks.json"
    assert config["token_endpoint"] == "http://identity.test/oauth/token"
    assert "urn:inspraak:params:oauth:grant-type:activation-code" in config["grant_types_supported"]


async def test_rotation_signs_with_a_new_key_and_keeps_the_old_one_published(
    client, sessions, keys, token
) -> None:
    old_token = token(person_with("community_worker"))
    old_kid = kid_of(old_token)
    await sql(sessions, "UPDATE signing_keys SET created_at = now() - interval '31 days'")
    await keys.rotate_if_due()
    new_token = token(person_with("community_worker"))
    assert kid_of(new_token) != old_kid
    published = [key["kid"] for key in (await client.get("/.well-known/jwks.json")).json()["keys"]]
    assert sorted(published) == sorted([old_kid, kid_of(new_token)])
    for still_valid in (old_token, new_token):
        assert (await client.get("/me", headers=bearer(still_valid))).status_code == 200


async def test_a_fresh_key_is_not_rotated_again(sessions, keys) -> None:
    await keys.rotate_if_due()
    await keys.rotate_if_due()
    assert len(await sql(sessions, "SELECT kid FROM signing_keys")) == 1


async def test_a_key_retired_longer_than_a_token_lives_is_no_longer_published(client, sessions, keys) -> None:
    await sql(sessions, "UPDATE signing_keys SET created_at = now() - interval '40 days'")
    await keys.rotate_if_due()
    await sql(
        sessions,
        "UPDATE signing_keys SET retired_at = now() - interval '3 hours' WHERE retired_at IS NOT NULL",
    )
    await keys.reload()
    published = (await client.get("/.well-known/jwks.json")).json()["keys"]
    [current] = await sql(sessions, "SELECT kid FROM signing_keys WHERE retired_at IS NULL")
    assert [key["kid"] for key in published] == [current[0]]
