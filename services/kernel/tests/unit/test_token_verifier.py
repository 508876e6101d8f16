"""Only well-signed, current tokens of a trusted issuer for our audience are accepted."""

from __future__ import annotations

import base64
import json
import time

import pytest
from joserfc import jwt
from joserfc.jwk import ECKey, KeySet

from kernel.auth import TokenVerifier
from kernel.errors import Unauthenticated

ISSUER = "https://id.inspraak.test"
KEY = ECKey.generate_key("P-256", parameters={"kid": "k1"})
ROTATED = ECKey.generate_key("P-256", parameters={"kid": "k2"})


def claims(**overrides: object) -> dict[str, object]:
    now = int(time.time())
    base = {"iss": ISSUER, "aud": "inspraak", "sub": "p1", "iat": now, "exp": now + 300, "kind": "person"}
    base.update(overrides)
    return base


def sign(payload: dict[str, object], key: ECKey = KEY) -> str:
    return jwt.encode({"alg": "ES256", "kid": key.kid}, payload, key)


class Keys:
    """A caching key source whose published keys the test controls; counts fetches."""

    def __init__(self, *keys: ECKey) -> None:
        self.keys = list(keys)
        self.fetches = 0
        self.cached: KeySet | None = None

    async def __call__(self, issuer: str, refresh: bool) -> KeySet:
        if self.cached is None or refresh:
            self.fetches += 1
            self.cached = KeySet(list(self.keys))
        return self.cached


def b64(value: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


async def test_a_valid_token_gives_its_principal() -> None:
    verifier = TokenVerifier("inspraak", {ISSUER: Keys(KEY)})
    token = sign(claims(roles=[{"role": "tenant", "landlord": "L1"}], household="h1", kind="household"))
    principal = await verifier.verify(token)
    assert principal.household_id == "h1" and principal.has("tenant", "L1")


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(lambda: f"{b64({'alg': 'none'})}.{b64(claims())}.", id="alg-none"),
        pytest.param(lambda: sign(claims(exp=int(time.time()) - 3600)), id="expired"),
        pytest.param(lambda: sign(claims(iss="https://evil.test")), id="wrong-issuer"),
        pytest.param(lambda: sign(claims(aud="someone-else")), id="wrong-audience"),
        pytest.param(lambda: sign(claims())[:-6] + "AAAAAA", id="tampered-signature"),
        pytest.param(
            lambda: ".".join(
                [sign(claims()).split(".")[0], b64(claims(sub="admin")), sign(claims()).split(".")[2]]
            ),
            id="tampered-payload",
        ),
        pytest.param(
            lambda: sign(claims(), ECKey.generate_key("P-256", parameters={"kid": "k1"})), id="foreign-key"
        ),
        pytest.param(lambda: "not-a-token", id="garbage"),
        pytest.param(lambda: sign({k: v for k, v in claims().items() if k != "exp"}), id="no-expiry"),
    ],
)
async def test_bad_tokens_are_rejected(make_token) -> None:
    verifier = TokenVerifier("inspraak", {ISSUER: Keys(KEY)})
    with pytest.raises(Unauthenticated):
        await verifier.verify(make_token())


async def test_a_token_signed_with_a_rotated_key_is_found_by_refreshing_the_keys() -> None:
    keys = Keys(KEY)
    verifier = TokenVerifier("inspraak", {ISSUER: keys})
    await verifier.verify(sign(claims()))
    keys.keys.append(ROTATED)
    principal = await verifier.verify(sign(claims(sub="p2"), ROTATED))
    assert principal.subject == "p2"
    assert keys.fetches == 2, "fetched again once, after the unknown kid"
