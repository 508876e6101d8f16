"""``GET /me`` accepts only well-signed, current tokens of our issuer for our audience."""

from __future__ import annotations

import base64
import json
import time

import pytest

from identity.testing import bearer, person_with


def b64(value: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


def tamper(token: str) -> str:
    """Same header and signature, but the payload now claims to be a regional admin."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["roles"] = [{"role": "regional_admin", "landlord": None}]
    return f"{header}.{b64(claims)}.{signature}"


async def test_a_valid_token_is_accepted(client, token) -> None:
    subject = person_with("community_worker")
    response = await client.get("/me", headers=bearer(token(subject)))
    assert response.status_code == 200, response.text
    assert response.json()["subject"] == subject.subject
    assert response.json()["kind"] == "person"


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(
            lambda sign, claims: f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(claims)}.", id="alg-none"
        ),
        pytest.param(lambda sign, claims: sign(exp=int(time.time()) - 120), id="expired"),
        pytest.param(lambda sign, claims: sign(iss="http://impostor.test"), id="wrong-issuer"),
        pytest.param(lambda sign, claims: sign(aud="another-platform"), id="wrong-audience"),
        pytest.param(lambda sign, claims: tamper(sign()), id="tampered-signature"),
    ],
)
async def test_bad_tokens_are_rejected_as_unauthenticated(client, token, forge) -> None:
    subject = person_with("community_worker")
    claims = {"iss": "http://identity.test", "aud": "inspraak", "sub": "x", "exp": int(time.time()) + 300}
    forged = forge(lambda **overrides: token(subject, **overrides), claims)
    response = await client.get("/me", headers=bearer(forged))
    assert response.status_code == 401, response.text
    assert response.json()["code"] == "UNAUTHENTICATED"
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_no_token_is_unauthenticated(client) -> None:
    response = await client.get("/me")
    assert response.status_code == 401
    assert response.json()["code"] == "UNAUTHENTICATED"
