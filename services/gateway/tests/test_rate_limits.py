"""Rate limits: a token bucket per principal and per client IP; RATE_LIMITED with Retry-After."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import structlog
from fastapi import FastAPI
from redis.asyncio import Redis
from redis.exceptions import RedisError

from gateway.app import build_app
from gateway.ratelimit import TokenBuckets
from gateway.testing_ws import WebSocket
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


def _redis_answers(url: str) -> bool:
    async def ping() -> bool:
        client = Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
        try:
            return bool(await client.ping())
        except (RedisError, OSError):
            return False
        finally:
            await client.aclose()

    return asyncio.run(ping())


REDIS_URL = os.environ.get("INSPRAAK_REDIS_URL", "redis://127.0.0.1:6379/0")
needs_redis = pytest.mark.skipif(not _redis_answers(REDIS_URL), reason=f"no Redis answers at {REDIS_URL}")


@needs_redis
async def test_two_gateway_instances_sharing_redis_share_the_budget(
    identity: Any, make_token: Callable[..., str]
) -> None:
    caller = {"Authorization": f"Bearer {make_token(sub=f'shared-{uuid.uuid4()}')}"}
    limits = {
        "redis_url": REDIS_URL,
        "gateway_rate_limit_per_principal": 6,
        "gateway_rate_limit_burst_seconds": 20,
        "gateway_rate_limit_per_ip": 0,
    }
    async with gateway_with(identity, **limits) as first, gateway_with(identity, **limits) as second:
        granted = [(await first.post("/graphql", json=QUERY, headers=caller)).status_code for _ in range(2)]
        refused = await second.post("/graphql", json=QUERY, headers=caller)
    assert granted == [200, 200]
    assert refused.status_code == 429
    assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert 1 <= int(refused.headers["retry-after"]) <= 10


async def test_an_unreachable_redis_falls_back_to_memory_and_is_logged_once(
    identity: Any, make_token: Callable[..., str]
) -> None:
    caller = {"Authorization": f"Bearer {make_token(sub='offline')}"}
    with structlog.testing.capture_logs() as logs:
        async with gateway_with(
            identity,
            redis_url="redis://127.0.0.1:1/0",
            gateway_rate_limit_per_principal=6,
            gateway_rate_limit_burst_seconds=20,
            gateway_rate_limit_per_ip=0,
        ) as http:
            statuses = [
                (await http.post("/graphql", json=QUERY, headers=caller)).status_code for _ in range(3)
            ]
    assert statuses == [200, 200, 429]
    assert [e["event"] for e in logs if e["event"].startswith("ratelimit.")] == [
        "ratelimit.redis_unreachable"
    ]


@asynccontextmanager
async def gateway_app(identity: Any, **settings: Any) -> AsyncIterator[FastAPI]:
    """The started gateway app with rate limits on (to open WebSockets on it)."""
    config = Settings(
        environment="test",
        issuer="http://identity.test",
        identity_url="http://identity.test",
        gateway_rate_limit_enabled=True,
        **settings,
    )
    app = build_app(config, transport=httpx.MockTransport(identity))
    async with app.router.lifespan_context(app):
        yield app


async def test_websocket_connections_per_ip_are_limited(identity: Any) -> None:
    async with gateway_app(
        identity,
        gateway_rate_limit_per_ip=60,
        gateway_rate_limit_burst_seconds=2,
        gateway_rate_limit_trusted_ips=[],
    ) as app:
        answers = []
        for _ in range(3):
            socket = WebSocket(app)
            answers.append(await socket.open(None, client=("10.0.0.7", 40000)))
            await socket.close()
        other = WebSocket(app)
        elsewhere = await other.open(None, client=("10.0.0.8", 40000))
        await other.close()
    assert [a["type"] for a in answers[:2]] == ["connection_ack", "connection_ack"]
    assert answers[2] == {"type": "close", "code": 4429}
    assert elsewhere["type"] == "connection_ack"


async def test_subscribe_messages_per_principal_are_limited(
    identity: Any, make_token: Callable[..., str]
) -> None:
    async with gateway_app(
        identity,
        gateway_rate_limit_per_principal=6,
        gateway_rate_limit_burst_seconds=20,
        gateway_rate_limit_per_ip=0,
    ) as app:
        socket = WebSocket(app)
        assert (await socket.open(make_token(sub="subscriber")))["type"] == "connection_ack"
        query = 'subscription { events(types: ["nope"]) { id } }'
        for operation in ("1", "2", "3"):
            await socket.subscribe(query, operation=operation)
        answers = [await socket.receive() for _ in range(5)]
        await socket.close()
    refused = [a for a in answers if a["type"] == "error"]
    assert refused == [
        {
            "id": "3",
            "type": "error",
            "payload": [
                {
                    "message": translate("error.rate_limited", "nl"),
                    "extensions": {"code": "RATE_LIMITED", "retryAfter": 10},
                }
            ],
        }
    ]
