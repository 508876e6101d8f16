"""Subscriptions over graphql-transport-ws, fed by real NATS: each viewer sees what it may see.

Events are published as the services' relays publish them: CloudEvents on the JetStream
stream of this test's namespace. The WebSocket is driven in process through the ASGI app.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import structlog
from fastapi import FastAPI

from gateway.app import build_app
from gateway.testing_ws import WebSocket
from gateway.visibility import may_see
from kernel.auth import Grant, Principal
from kernel.events import CloudEvent, nats_subject
from kernel.localisation import translate
from kernel.messaging import EventBus
from kernel.settings import Settings
from kernel.testing.tokens import TestIssuer

LANDLORD_A, LANDLORD_B = str(uuid.uuid4()), str(uuid.uuid4())


@pytest.fixture
async def gateway(nats_url: str, event_namespace: str, test_issuer: TestIssuer) -> AsyncIterator[FastAPI]:
    """The gateway on this test's NATS namespace, trusting ``test_issuer``."""
    settings = Settings(
        environment="test", nats_url=nats_url, event_namespace=event_namespace, issuer=test_issuer.issuer
    )
    app = build_app(settings, transport=httpx.MockTransport(lambda request: httpx.Response(404)))
    async with app.router.lifespan_context(app):
        test_issuer.install(app.state.gateway.verifier)
        yield app


@pytest.fixture
async def publish(nats_url: str, event_namespace: str) -> AsyncIterator[Any]:
    """Publish a CloudEvent on its service's stream, as a relay does."""
    bus = EventBus(Settings(nats_url=nats_url, event_namespace=event_namespace), "test-relay")
    for service in ("councils", "identity", "surveys"):
        await bus.ensure_stream(service)

    async def send(event_type: str, landlord: str | None, **data: Any) -> CloudEvent:
        event = CloudEvent(
            source=f"/inspraak/{event_type.split('.')[1]}", type=event_type, data=data, landlord=landlord
        )
        await bus.publish(
            nats_subject(event_type, event_namespace), event.model_dump_json().encode(), msg_id=event.id
        )
        return event

    yield send
    await bus.close()


@asynccontextmanager
async def subscribers(app: FastAPI, *tokens: str, **variables: Any) -> AsyncIterator[list[WebSocket]]:
    """One subscribed socket per token, returned once every one of them listens on NATS."""
    sockets = [WebSocket(app) for _ in tokens]
    for socket, token in zip(sockets, tokens, strict=True):
        assert (await socket.open(token))["type"] == "connection_ack"
        await socket.subscribe(**variables)
    live = app.state.gateway.live
    for _ in range(100):
        if live.listening == len(sockets):
            break
        await asyncio.sleep(0.02)
    assert live.listening == len(sockets)
    try:
        yield sockets
    finally:
        for socket in sockets:
            await socket.close()


async def test_a_council_event_reaches_its_landlords_subscriber_within_a_second_and_no_other(
    gateway: FastAPI, publish: Any, test_issuer: TestIssuer
) -> None:
    staff_a = test_issuer.person("landlord_staff", LANDLORD_A)
    member_b = test_issuer.person("council_member", LANDLORD_B)
    async with subscribers(gateway, staff_a, member_b) as (a, b):
        started = time.monotonic()
        scheduled = await publish("inspraak.councils.meeting.scheduled", LANDLORD_A, meeting_id="m-1")
        seen = await a.receive(timeout=1.0)
        assert time.monotonic() - started < 1.0
        later = await publish("inspraak.councils.meeting.scheduled", LANDLORD_B, meeting_id="m-2")
        first_of_b = await b.receive()
    assert seen == {
        "id": "1",
        "type": "next",
        "payload": {
            "data": {
                "events": {
                    "id": scheduled.id,
                    "type": "inspraak.councils.meeting.scheduled",
                    "landlordId": LANDLORD_A,
                    "data": {"meeting_id": "m-1"},
                }
            }
        },
    }
    assert first_of_b["payload"]["data"]["events"]["id"] == later.id


async def test_partners_see_public_events_only_and_nobody_sees_households(
    gateway: FastAPI, publish: Any, test_issuer: TestIssuer
) -> None:
    admin = test_issuer.person("regional_admin", None)
    partner = test_issuer.partner()
    async with subscribers(gateway, admin, partner) as (admin_socket, partner_socket):
        await publish("inspraak.identity.household.registered", LANDLORD_A, household_id="h-1")
        proposed = await publish("inspraak.councils.agenda_item.proposed", LANDLORD_A, item_id="i-1")
        closed = await publish("inspraak.surveys.consultation.closed", LANDLORD_B, consultation_id="c-1")
        admin_saw = [(await admin_socket.receive())["payload"]["data"]["events"]["id"] for _ in range(2)]
        partner_saw = (await partner_socket.receive())["payload"]["data"]["events"]["id"]
    assert admin_saw == [proposed.id, closed.id]
    assert partner_saw == closed.id


async def test_types_and_landlord_narrow_what_a_regional_admin_hears(
    gateway: FastAPI, publish: Any, test_issuer: TestIssuer
) -> None:
    admin = test_issuer.person("regional_admin", None)
    wanted = ["inspraak.surveys.consultation.closed"]
    async with subscribers(gateway, admin, types=wanted, landlordId=LANDLORD_B) as (socket,):
        await publish("inspraak.councils.meeting.scheduled", LANDLORD_B, meeting_id="m-1")
        await publish("inspraak.surveys.consultation.closed", LANDLORD_A, consultation_id="c-1")
        closed = await publish("inspraak.surveys.consultation.closed", LANDLORD_B, consultation_id="c-2")
        heard = await socket.receive()
    assert heard["payload"]["data"]["events"]["id"] == closed.id


async def test_a_subscription_ends_when_its_token_expires(gateway: FastAPI, test_issuer: TestIssuer) -> None:
    socket = WebSocket(gateway)
    assert (await socket.open(test_issuer.token(grants=(("tenant", LANDLORD_A),), ttl=1)))[
        "type"
    ] == "connection_ack"
    await socket.subscribe()
    ended = await socket.receive(timeout=4.0)
    complete = await socket.receive()
    await socket.close()
    assert ended["type"] == "next"
    assert ended["payload"]["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
    assert ended["payload"]["errors"][0]["message"] == translate("error.token_expired", "nl")
    assert complete == {"id": "1", "type": "complete"}


@pytest.mark.parametrize(
    ("who", "variables", "code"),
    [
        ("anonymous", {}, {"code": "UNAUTHENTICATED"}),
        ("staff of A", {"landlordId": LANDLORD_B}, {"code": "FORBIDDEN"}),
        (
            "staff of A",
            {"types": ["inspraak.identity.membership.granted"]},
            {"code": "VALIDATION", "field": "types"},
        ),
        ("staff of A", {"types": ["inspraak.nothing.at.all"]}, {"code": "VALIDATION", "field": "types"}),
    ],
)
async def test_a_subscription_that_may_not_run_is_refused_with_its_code(
    gateway: FastAPI, test_issuer: TestIssuer, who: str, variables: dict[str, Any], code: dict[str, str]
) -> None:
    token = None if who == "anonymous" else test_issuer.person("landlord_staff", LANDLORD_A)
    socket = WebSocket(gateway)
    assert (await socket.open(token))["type"] == "connection_ack"
    await socket.subscribe(**variables)
    refused = await socket.receive()
    await socket.close()
    assert refused["payload"]["errors"][0]["extensions"] == code
    assert gateway.state.gateway.live.listening == 0


async def test_an_invalid_token_closes_the_socket(gateway: FastAPI) -> None:
    socket = WebSocket(gateway)
    assert await socket.open("not-a-token") == {"type": "close", "code": 4403}
    await socket.close()


async def test_a_subscription_failing_unexpectedly_is_masked_with_the_sockets_correlation_id(
    test_issuer: TestIssuer,
) -> None:
    settings = Settings(environment="test", nats_url="nats://127.0.0.1:1", issuer=test_issuer.issuer)
    app = build_app(settings, transport=httpx.MockTransport(lambda request: httpx.Response(404)))
    async with app.router.lifespan_context(app):
        test_issuer.install(app.state.gateway.verifier)
        socket = WebSocket(app)
        token = test_issuer.person("landlord_staff", LANDLORD_A)
        with structlog.testing.capture_logs() as logs:
            assert (await socket.open(token, ((b"x-correlation-id", b"ws-corr-7"),)))[
                "type"
            ] == "connection_ack"
            await socket.subscribe()
            failed = await socket.receive(timeout=5.0)
            await socket.close()
    (error,) = failed["payload"]["errors"]
    assert error["message"] == "Unexpected error."
    assert error["extensions"] == {"code": "INTERNAL", "correlation_id": "ws-corr-7"}
    assert "127.0.0.1:1" not in json.dumps(failed)
    assert [e["correlation_id"] for e in logs if e["event"] == "graphql.unexpected_error"] == ["ws-corr-7"]


async def test_in_allow_list_mode_a_free_form_subscription_is_refused(
    nats_url: str, test_issuer: TestIssuer, tmp_path: Path
) -> None:
    (tmp_path / "portal.graphql").write_text("{ me { subject } }", encoding="utf-8")
    settings = Settings(
        environment="test",
        nats_url=nats_url,
        issuer=test_issuer.issuer,
        gateway_persisted_queries="allowlist",
        gateway_persisted_queries_path=str(tmp_path),
    )
    app = build_app(settings, transport=httpx.MockTransport(lambda request: httpx.Response(404)))
    async with app.router.lifespan_context(app):
        test_issuer.install(app.state.gateway.verifier)
        socket = WebSocket(app)
        assert (await socket.open(test_issuer.person("landlord_staff", LANDLORD_A)))[
            "type"
        ] == "connection_ack"
        await socket.subscribe()
        refused = await socket.receive()
        await socket.close()
    assert refused["type"] == "error"
    assert refused["payload"][0]["extensions"] == {"code": "PERSISTED_QUERY_NOT_ALLOWED"}
    assert app.state.gateway.live.listening == 0


PUBLIC = "inspraak.councils.advice.issued"
PRIVATE = "inspraak.councils.agenda_item.proposed"
NEVER_SHARED = "inspraak.identity.household.registered"
PARTNER = Principal(subject="client", kind="client", client_id="client")
STAFF_A = Principal(subject="staff", kind="person", grants=(Grant("landlord_staff", LANDLORD_A),))
ADMIN = Principal(subject="admin", kind="person", grants=(Grant("regional_admin"),))


@pytest.mark.parametrize(
    ("viewer", "event_type", "landlord", "seen"),
    [
        (PARTNER, PUBLIC, LANDLORD_A, True),
        (PARTNER, PRIVATE, LANDLORD_A, False),
        (PARTNER, NEVER_SHARED, None, False),
        (STAFF_A, PRIVATE, LANDLORD_A, True),
        (STAFF_A, PUBLIC, LANDLORD_A, True),
        (STAFF_A, PRIVATE, LANDLORD_B, False),
        (STAFF_A, NEVER_SHARED, LANDLORD_A, False),
        (ADMIN, PRIVATE, LANDLORD_B, True),
        (ADMIN, PUBLIC, None, True),
        (ADMIN, NEVER_SHARED, LANDLORD_A, False),
        (ADMIN, "inspraak.unknown.thing.happened", None, False),
    ],
)
def test_who_may_see_which_live_event(
    viewer: Principal, event_type: str, landlord: str | None, seen: bool
) -> None:
    assert may_see(viewer, event_type, landlord) is seen
