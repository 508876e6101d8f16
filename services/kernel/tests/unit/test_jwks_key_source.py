"""A burst of verifications with a cold cache fetches the issuer's keys once, even when it fails."""

from __future__ import annotations

import asyncio
import time

import httpx
from joserfc import jwt
from joserfc.jwk import ECKey

from kernel.auth import JwksKeySource, TokenVerifier
from kernel.errors import Unauthenticated

ISSUER = "https://id.inspraak.test"
JWKS = "https://id.inspraak.test/jwks"
KEY = ECKey.generate_key("P-256", parameters={"kid": "k1"})


def token() -> str:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": "inspraak", "sub": "p1", "exp": now + 300, "kind": "person"}
    return jwt.encode({"alg": "ES256", "kid": "k1"}, claims, KEY)


def verifier(handler: httpx.MockTransport) -> TokenVerifier:
    http = httpx.AsyncClient(transport=handler)
    return TokenVerifier("inspraak", {ISSUER: JwksKeySource(http, {ISSUER: JWKS})})


async def test_fifty_concurrent_verifications_fetch_the_keys_once() -> None:
    gets = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal gets
        gets += 1
        await asyncio.sleep(0.01)  # the fetch takes a while, so every caller arrives during it
        return httpx.Response(200, json={"keys": [KEY.as_dict(private=False)]})

    check = verifier(httpx.MockTransport(handler))
    principals = await asyncio.gather(*(check.verify(token()) for _ in range(50)))
    assert gets == 1
    assert {p.subject for p in principals} == {"p1"}


async def test_a_failing_fetch_is_tried_once_for_all_waiting_callers() -> None:
    gets = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal gets
        gets += 1
        await asyncio.sleep(0.01)
        return httpx.Response(503)

    check = verifier(httpx.MockTransport(handler))
    results = await asyncio.gather(*(check.verify(token()) for _ in range(50)), return_exceptions=True)
    assert gets == 1
    assert len(results) == 50 and all(isinstance(r, Unauthenticated) for r in results)
