"""Key rotation rules, and token claims the kernel's verifier accepts."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from identity.adapters.jwk import generate_private_jwk, key_set, sign
from identity.domain.households import Household, Placement
from identity.domain.signing import KeyInfo, current_key, published_keys, rotation_due
from identity.domain.tokens import TokenSubject, access_token_claims
from kernel.auth import TokenVerifier

NOW = datetime(2025, 6, 1, tzinfo=UTC)
HOUR = timedelta(hours=1)
ISSUER = "https://id.inspraak.test"


def test_a_new_key_is_due_when_there_is_none_or_the_current_one_is_old() -> None:
    assert rotation_due([], NOW, 30)
    assert not rotation_due([KeyInfo("a", NOW - timedelta(days=29))], NOW, 30)
    assert rotation_due([KeyInfo("a", NOW - timedelta(days=30))], NOW, 30)
    retired_only = [KeyInfo("a", NOW - timedelta(days=1), retired_at=NOW)]
    assert rotation_due(retired_only, NOW, 30)


def test_the_newest_active_key_signs() -> None:
    keys = [KeyInfo("old", NOW - timedelta(days=40), NOW - HOUR), KeyInfo("new", NOW - timedelta(days=1))]
    assert current_key(keys) == keys[1]


def test_a_retired_key_stays_published_while_its_tokens_may_live() -> None:
    keys = [KeyInfo("current", NOW), KeyInfo("recent", NOW - HOUR, retired_at=NOW - timedelta(minutes=30))]
    keys.append(KeyInfo("ancient", NOW - timedelta(days=60), retired_at=NOW - timedelta(days=30)))
    assert [key.kid for key in published_keys(keys, NOW, token_ttl=HOUR)] == ["current", "recent"]


async def test_claims_of_a_household_verify_with_the_kernel() -> None:
    landlord = uuid.uuid4()
    household = Household(uuid.uuid4(), Placement(landlord, uuid.uuid4(), uuid.uuid4()), "nl", NOW)
    kid, private_jwk = generate_private_jwk()
    claims = access_token_claims(
        TokenSubject.household(household),
        issuer=ISSUER,
        audience="inspraak",
        issued_at=int(NOW.timestamp()),
        ttl_seconds=10**9,
    )
    assert claims["roles"] == [{"role": "tenant", "landlord": str(landlord)}] and "person" not in claims

    async def keys(issuer: str, refresh: bool):
        return key_set([private_jwk])

    principal = await TokenVerifier("inspraak", {ISSUER: keys}).verify(sign(claims, private_jwk))
    assert principal.kind == "household" and principal.household_id == str(household.id)
    assert principal.has("tenant", str(landlord)) and not principal.has("tenant", str(uuid.uuid4()))
    assert kid == private_jwk["kid"]


def test_a_client_token_names_its_client_and_the_partner_role() -> None:
    claims = access_token_claims(
        TokenSubject.client("cpas-x"), issuer=ISSUER, audience="inspraak", issued_at=0, ttl_seconds=60
    )
    assert claims["client_id"] == "cpas-x" and claims["sub"] == "cpas-x" and claims["exp"] == 60
    assert claims["roles"] == [{"role": "partner", "landlord": None}] and claims["kind"] == "client"
    assert (
        len(
            {
                access_token_claims(
                    TokenSubject.client("c"), issuer=ISSUER, audience="a", issued_at=0, ttl_seconds=1
                )["jti"]
                for _ in range(3)
            }
        )
        == 3
    )
