"""``consultationResults`` and ``spaceAvailability`` end to end: the real gateway over the real
surveys and spaces services (PostgreSQL, NATS and their outbox relays), a mutation through
GraphQL, the change pushed over graphql-transport-ws within a second."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from gateway.global_ids import global_id, raw_id
from gateway.testing import gateway_app_over
from gateway.testing_ws import WebSocket
from kernel.db import asyncpg_dsn
from kernel.migrations import script_location, upgrade
from kernel.settings import Settings
from kernel.testing.tokens import TestIssuer
from spaces.entrypoints.app import build_app as build_spaces
from spaces.testing import EVERY_DAY, at, migrate, monday
from surveys.entrypoints.app import build_app as build_surveys
from surveys.testing import Landlord, create, invite, publish

RESULTS = """subscription ($id: ID!) { consultationResults(id: $id) {
  cause consultation { id phase participation { total { invited responded } } } } }"""
AVAILABILITY = """subscription ($spaceId: ID!) { spaceAvailability(spaceId: $spaceId) {
  spaceId cause bookingId state startsAt endsAt closedFrom closedUntil } }"""
SUBMIT = """mutation ($input: SubmitResponseInput!) { submitResponse(input: $input) { accepted } }"""


class Platform:
    """The started gateway app, a GraphQL caller and direct clients of the services."""

    def __init__(self, app: FastAPI, http: httpx.AsyncClient, services: dict[str, httpx.AsyncClient]) -> None:
        self.app = app
        self.http = http
        self.services = services

    async def graphql(self, query: str, token: str | None = None, **variables: Any) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def subscribe(self, token: str | None, query: str, **variables: Any) -> WebSocket:
        """A socket whose operation "1" runs ``query``."""
        socket = WebSocket(self.app)
        assert (await socket.open(token))["type"] == "connection_ack"
        await socket.subscribe(query, **variables)
        return socket

    async def listening(self, count: int) -> None:
        """Wait until ``count`` subscriptions listen on NATS."""
        live = self.app.state.gateway.live
        for _ in range(150):
            if live.listening == count:
                return
            await asyncio.sleep(0.02)
        assert live.listening == count


@pytest.fixture
async def platform(
    make_settings: Callable[..., Settings], test_issuer: TestIssuer
) -> AsyncIterator[tuple[Platform, Landlord]]:
    """Surveys and spaces (migrated, started, relays running) behind the gateway."""
    surveys_settings = make_settings(issuer=test_issuer.issuer, database_schema="surveys")
    migrations = script_location(Path(build_surveys.__code__.co_filename).resolve().parents[1])
    await asyncio.to_thread(upgrade, "surveys", migrations, surveys_settings)
    spaces_settings = make_settings(issuer=test_issuer.issuer, database_schema="spaces")
    await migrate(spaces_settings)
    surveys_app = build_surveys(surveys_settings, public_url="https://inspraak.test")
    spaces_app = build_spaces(spaces_settings)
    for service in (surveys_app, spaces_app):
        test_issuer.install(service.state.runtime.verifier)
    sql = await asyncpg.connect(asyncpg_dsn(surveys_settings.database_url))
    await sql.execute("SET search_path TO surveys")
    apps = {"surveys": surveys_app, "spaces": spaces_app}
    try:
        async with (
            surveys_app.router.lifespan_context(surveys_app),
            spaces_app.router.lifespan_context(spaces_app),
            gateway_app_over(make_settings(), apps, test_issuer) as (gateway, http),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(surveys_app), base_url="http://surveys"
            ) as surveys,
        ):
            yield Platform(gateway, http, {"surveys": surveys}), Landlord(sql, test_issuer)
    finally:
        await sql.close()


async def test_a_consultations_subscriber_sees_participation_within_a_second_of_an_answer(
    platform: tuple[Platform, Landlord],
) -> None:
    gateway, landlord = platform
    consultation = await publish(gateway.services["surveys"], landlord)
    households = await landlord.households(3)
    codes = await invite(gateway.services["surveys"], landlord, consultation["id"])
    staff = landlord.staff()["Authorization"].removeprefix("Bearer ")
    socket = await gateway.subscribe(staff, RESULTS, id=consultation["id"])
    first = await socket.receive(timeout=10.0)
    await gateway.listening(1)
    started = time.monotonic()
    answered = await gateway.graphql(
        SUBMIT,
        input={
            "consultationId": consultation["id"],
            "code": codes[str(households[0])],
            "answers": [{"question": "room", "choices": ["garden"]}],
        },
    )
    assert answered["data"]["submitResponse"]["accepted"] is True, answered
    update = await socket.receive(timeout=1.0)
    assert time.monotonic() - started < 1.0
    await socket.close()
    assert first["payload"]["data"]["consultationResults"] == {
        "cause": None,
        "consultation": {
            "id": global_id("Consultation", consultation["id"]),
            "phase": "OPEN",
            "participation": {"total": {"invited": 3, "responded": 0}},
        },
    }
    assert update["payload"]["data"]["consultationResults"] == {
        "cause": "inspraak.surveys.participation.updated",
        "consultation": {
            "id": global_id("Consultation", consultation["id"]),
            "phase": "OPEN",
            "participation": {"total": {"invited": 3, "responded": 1}},
        },
    }


async def test_a_draft_is_not_found_for_a_tenant_and_an_anonymous_caller_must_sign_in(
    platform: tuple[Platform, Landlord], test_issuer: TestIssuer
) -> None:
    gateway, landlord = platform
    draft = await create(gateway.services["surveys"], landlord)
    tenant = test_issuer.tenant(landlord.id, str(uuid.uuid4()))
    refused = await gateway.subscribe(tenant, RESULTS, id=draft["id"])
    not_found = await refused.receive(timeout=10.0)
    await refused.close()
    anonymous = await gateway.subscribe(None, RESULTS, id=draft["id"])
    unauthenticated = await anonymous.receive(timeout=10.0)
    await anonymous.close()
    assert not_found["payload"]["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    assert not_found["payload"]["data"] is None
    assert unauthenticated["payload"]["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
    assert gateway.app.state.gateway.live.listening == 0


async def test_results_stay_forbidden_to_a_subscriber_until_they_are_published(
    platform: tuple[Platform, Landlord], test_issuer: TestIssuer
) -> None:
    gateway, landlord = platform
    consultation = await publish(gateway.services["surveys"], landlord)
    tenant = test_issuer.tenant(landlord.id, str(uuid.uuid4()))
    query = """subscription ($id: ID!) {
      consultationResults(id: $id) { consultation { results { respondents } } } }"""
    socket = await gateway.subscribe(tenant, query, id=consultation["id"])
    first = await socket.receive(timeout=10.0)
    await socket.close()
    assert first["payload"]["errors"][0]["extensions"] == {"code": "FORBIDDEN"}
    assert first["payload"]["errors"][0]["path"] == ["consultationResults", "consultation", "results"]


SPACE = """mutation ($input: CreateSpaceInput!) { createSpace(input: $input) { id } }"""
BOOK = """mutation ($input: RequestBookingInput!) { requestBooking(input: $input) { bookings { id } } }"""
CANCEL = """mutation ($input: CancelBookingInput!) { cancelBooking(input: $input) { id state } }"""


async def _space(gateway: Platform, staff: str, landlord_id: str) -> str:
    created = await gateway.graphql(
        SPACE,
        staff,
        input={
            "landlordId": landlord_id,
            "siteId": str(uuid.uuid4()),
            "name": {"nl": "Buurtzaal", "fr": "Salle de quartier"},
            "capacity": 20,
            "openingHours": EVERY_DAY,
            "policy": {"autoConfirm": True},
        },
    )
    assert "errors" not in created, created
    return str(created["data"]["createSpace"]["id"])


async def test_a_rooms_subscriber_sees_a_booking_and_its_cancellation_within_a_second_and_no_booker(
    platform: tuple[Platform, Landlord], test_issuer: TestIssuer
) -> None:
    gateway, _ = platform
    landlord_id = str(uuid.uuid4())
    staff = test_issuer.person("landlord_staff", landlord_id)
    watched, other = await _space(gateway, staff, landlord_id), await _space(gateway, staff, landlord_id)
    tenant = test_issuer.tenant(landlord_id, str(uuid.uuid4()))
    watching = await gateway.subscribe(tenant, AVAILABILITY, spaceId=watched)
    elsewhere = await gateway.subscribe(tenant, AVAILABILITY, spaceId=other)
    await gateway.listening(2)
    day = monday()
    started = time.monotonic()
    booked = await gateway.graphql(
        BOOK,
        test_issuer.person("community_worker", landlord_id),
        input={
            "spaceId": watched,
            "organisation": {"kind": "tenant_group", "id": str(uuid.uuid4())},
            "purpose": "Taalcafé",
            "attendees": 10,
            "startsAt": at(day, "18:00").isoformat(),
            "endsAt": at(day, "20:00").isoformat(),
        },
    )
    confirmed = await watching.receive(timeout=1.0)
    assert time.monotonic() - started < 1.0
    booking_id = booked["data"]["requestBooking"]["bookings"][0]["id"]
    cancelled = await gateway.graphql(CANCEL, staff, input={"bookingId": booking_id})
    assert cancelled["data"]["cancelBooking"][0]["state"] == "cancelled", cancelled
    gone = await watching.receive(timeout=5.0)
    with pytest.raises(TimeoutError):
        await elsewhere.receive(timeout=0.3)
    for socket in (watching, elsewhere):
        await socket.close()
    change = confirmed["payload"]["data"]["spaceAvailability"]
    assert datetime.fromisoformat(change.pop("startsAt")) == at(day, "18:00")
    assert datetime.fromisoformat(change.pop("endsAt")) == at(day, "20:00")
    assert change == {
        "spaceId": raw_id(watched),
        "cause": "inspraak.spaces.booking.confirmed",
        "bookingId": booking_id,
        "state": "confirmed",
        "closedFrom": None,
        "closedUntil": None,
    }
    assert gone["payload"]["data"]["spaceAvailability"]["state"] == "cancelled"
    assert "organisation" not in str(confirmed) and "booker" not in str(confirmed)


async def test_an_unknown_room_is_not_found_and_a_bad_id_names_the_field(
    platform: tuple[Platform, Landlord], test_issuer: TestIssuer
) -> None:
    gateway, _ = platform
    tenant = test_issuer.tenant(str(uuid.uuid4()), str(uuid.uuid4()))
    unknown = await gateway.subscribe(tenant, AVAILABILITY, spaceId=str(uuid.uuid4()))
    not_found = await unknown.receive(timeout=10.0)
    await unknown.close()
    malformed = await gateway.subscribe(tenant, AVAILABILITY, spaceId="room-1")
    invalid = await malformed.receive(timeout=10.0)
    await malformed.close()
    assert not_found["payload"]["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    assert invalid["payload"]["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "spaceId"}
    assert gateway.app.state.gateway.live.listening == 0
