"""Rate limits: a token bucket per principal and per client IP; RATE_LIMITED with Retry-After."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx

from gateway.app import build_app
from gateway.ratelimit import TokenBuckets
from kernel.localisation import translate
from kernel.settings import Settings

QUERY = {"query": "{ landlords { code } }"}


@asynccontextmanager
async def gateway_with(identity: Any, **settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    """A client of a gateway with rate limits on and ``settings`` (services faked by ``identity``)."""
    config = Settings(
        environment="test",
        issuer="http://identity.test",
        identity_url="http://identity.test",
        gateway_rate_limit_enabled=True,
        **settings,
    )
    app = build_app(config, transport=httpx.MockTransport(identity))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gateway") as http,
    ):
        yield http


async def test_a_principal_past_its_budget_is_rate_limited_and_told_when_to_come_back(
    identity: Any, make_token: Callable[..., str]
) -> None:
    greedy = {"Authorization": f"Bearer {make_token(sub='greedy')}", "Accept-Language": "fr"}
    other = {"Authorization": f"Bearer {make_token(sub='other')}"}
    async with gateway_with(
        identity,
        gateway_rate_limit_per_principal=6,
        gateway_rate_limit_burst_seconds=20,
        gateway_rate_limit_per_ip=0,
    ) as http:
        granted = [await http.post("/graphql", json=QUERY, headers=greedy) for _ in range(2)]
        refused = await http.post("/graphql", json=QUERY, headers=greedy)
        someone_else = await http.post("/graphql", json=QUERY, headers=other)
    assert [r.status_code for r in granted] == [200, 200]
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "10"  # 6 a minute: one every 10 seconds
    (error,) = refused.json()["errors"]
    assert error == {
        "message": translate("error.rate_limited", "fr"),
        "extensions": {"code": "RATE_LIMITED", "retryAfter": 10},
    }
    assert someone_else.status_code == 200
    assert len(identity.calls("/landlords")) == 3


async def test_anonymous_callers_share_their_ips_budget_unless_the_ip_is_trusted(identity: Any) -> None:
    async with gateway_with(
        identity,
        gateway_rate_limit_per_ip=60,
        gateway_rate_limit_burst_seconds=2,
        gateway_rate_limit_trusted_ips=[],
    ) as http:
        statuses = [(await http.post("/graphql", json=QUERY)).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    async with gateway_with(
        identity,
        gateway_rate_limit_per_ip=60,
        gateway_rate_limit_burst_seconds=2,
        gateway_rate_limit_trusted_ips=["127.0.0.1"],
    ) as http:
        statuses = [(await http.post("/graphql", json=QUERY)).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]


async def test_rate_limits_are_off_in_the_test_environment_by_default(graphql: Any) -> None:
    for _ in range(30):
        assert "errors" not in await graphql("{ landlords { code } }")


def test_a_bucket_refills_at_its_rate_up_to_its_burst() -> None:
    now = [0.0]
    buckets = TokenBuckets(per_minute=60, burst_seconds=3, clock=lambda: now[0])
    assert [buckets.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert buckets.take("a") == 1.0
    now[0] = 1.5
    assert buckets.take("a") == 0.0
    assert buckets.take("a") == 0.5
    now[0] = 100.0
    assert [buckets.take("a") for _ in range(4)] == [0.0, 0.0, 0.0, 1.0]
    assert buckets.take("b") == 0.0
