"""The gateway's cache of public answers: kept until the owning service publishes an event
(real NATS), and never holding anything that depends on who asks."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import nats
import pytest

from gateway.app import build_app
from gateway.cache import PublicCache, service_of
from gateway.clients.base import ServiceClient
from kernel.events import nats_subject
from kernel.settings import Settings

from .conftest import AUDIENCE, IDENTITY, FakeIdentity

LANDLORDS = "{ landlords { code name } }"


@pytest.fixture
async def gateway(
    identity: FakeIdentity, nats_url: str
) -> AsyncIterator[tuple[httpx.AsyncClient, PublicCache, str]]:
    """A gateway on real NATS (its own namespace), identity faked; waits until it listens."""
    namespace = f"t{uuid.uuid4().hex[:10]}"
    settings = Settings(
        environment="test",
        issuer=IDENTITY,
        identity_url=IDENTITY,
        audience=AUDIENCE,
        nats_url=nats_url,
        event_namespace=namespace,
        log_json=False,
    )
    app = build_app(settings, transport=httpx.MockTransport(identity))
    async with app.router.lifespan_context(app):
        cache: PublicCache = app.state.gateway.cache
        for _ in range(100):
            if cache.listening:
                break
            await asyncio.sleep(0.05)
        assert cache.listening, "the gateway subscribes to the services' events"
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as http:
            yield http, cache, namespace


async def _query(http: httpx.AsyncClient, query: str, token: str | None = None) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await http.post("/graphql", json={"query": query}, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def _publish(nats_url: str, namespace: str, event_type: str) -> None:
    nc = await nats.connect(nats_url)
    try:
        await nc.publish(nats_subject(event_type, namespace), b"{}")
        await nc.flush()
    finally:
        await nc.close()


async def test_a_public_answer_is_kept_until_its_service_publishes_an_update(
    gateway: tuple[httpx.AsyncClient, PublicCache, str], identity: FakeIdentity, nats_url: str
) -> None:
    http, _, namespace = gateway
    landlord = identity.add_landlord("ABC")

    first = await _query(http, LANDLORDS)
    again = await _query(http, LANDLORDS)
    assert first == again
    assert len(identity.calls("/landlords")) == 1, "the second read is served by the gateway"

    landlord["name"] = {"nl": "Nieuwe naam", "fr": "Nouveau nom", "en": None}
    await _publish(nats_url, namespace, "inspraak.councils.council.created")
    await asyncio.sleep(0.2)
    await _query(http, LANDLORDS)
    assert len(identity.calls("/landlords")) == 1, "another service's event leaves identity's answers"

    await _publish(nats_url, namespace, "inspraak.identity.landlord.updated")
    for _ in range(50):  # the event reaches the gateway asynchronously
        body = await _query(http, LANDLORDS)
        if body["data"]["landlords"][0]["name"] == "Nieuwe naam":
            break
        await asyncio.sleep(0.05)
    assert body["data"]["landlords"] == [{"code": "ABC", "name": "Nieuwe naam"}]
    assert len(identity.calls("/landlords")) == 2


async def test_nothing_that_depends_on_the_token_is_cached(
    gateway: tuple[httpx.AsyncClient, PublicCache, str],
    identity: FakeIdentity,
    make_token: Callable[..., str],
) -> None:
    http, cache, _ = gateway
    identity.add_landlord("ABC")
    identity.me = {"subject": "person-1", "kind": "person", "roles": [], "household_id": None}
    alice, bob = make_token(sub="alice"), make_token(sub="bob")

    for token in (alice, alice, bob):
        await _query(http, "{ me { subject } }", token)
        await _query(http, LANDLORDS, token)

    assert len(identity.calls("/me")) == 3, "the caller's own data is asked for every time"
    assert len(identity.calls("/landlords")) == 1, "public data is shared by every caller"
    keys = [key for entries in cache._entries.values() for key in entries]
    assert keys and not any(alice in repr(key) or bob in repr(key) for key in keys)


async def test_without_nats_nothing_is_cached() -> None:
    cache = PublicCache(["identity"])
    cache.put("identity", "k", [1], cache.generation("identity"))
    assert cache.get("identity", "k") is None
    cache.listening = True
    generation = cache.generation("identity")
    cache.invalidate("identity")  # an event arrived while the answer was being fetched
    cache.put("identity", "k", [1], generation)
    assert cache.get("identity", "k") is None


def test_events_are_told_apart_by_their_service() -> None:
    assert service_of("t1.inspraak.identity.landlord.updated", "t1") == "identity"
    assert service_of("inspraak.spaces.booking.confirmed", "") == "spaces"
    assert service_of("t1.dead.x", "t1") is None


async def test_a_change_sent_through_the_gateway_drops_that_services_answers_at_once() -> None:
    """Read your own write: a council created through this gateway is listed on the next read,
    without waiting for the service's event to come back over NATS."""
    councils: list[dict[str, str]] = []
    reads: list[str] = []

    def councils_service(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            councils.append({"id": str(uuid.uuid4())})
            return httpx.Response(201, json=councils[-1])
        reads.append(request.url.path)
        return httpx.Response(200, json=list(councils))

    cache = PublicCache(["councils"])
    cache.listening = True
    async with httpx.AsyncClient(
        transport=httpx.MockTransport(councils_service), base_url="http://c"
    ) as http:
        client = ServiceClient(http, {"Accept-Language": "nl"}, cache=cache, service="councils")
        assert await client.get_public_json("/councils") == []
        assert await client.get_public_json("/councils") == []
        assert len(reads) == 1, "the second read is served from the cache"
        created = await client.post_json("/councils", {"name": "CoCoLo"})
        assert await client.get_public_json("/councils") == [created]
        assert len(reads) == 2
