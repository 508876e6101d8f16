"""Mandates show their member's name: the real gateway in front of the real councils and
identity services (PostgreSQL and NATS real too); one identity call for all the names."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from councils.entrypoints.app import build_app as build_councils
from councils.testing import migrate as migrate_councils
from gateway.testing import gateway_over
from identity.domain.commands import RegisterPerson
from identity.entrypoints.app import build_app as build_identity
from identity.service import people
from identity.service.permissions import SYSTEM
from identity.service.unit_of_work import unit_of_work
from identity.testing import migrate as migrate_identity
from kernel.settings import Settings
from kernel.testing.tokens import TestIssuer

NAMES = ["Amina El Idrissi", "Jan Peeters", "Marie Dubois"]
CREATE = "mutation ($input: CreateCouncilInput!) { createCouncil(input: $input) { id } }"
APPOINT = "mutation ($input: AppointMandateInput!) { appointMandate(input: $input) { id } }"
MANDATES = "query ($id: ID!) { council(id: $id) { mandates { personId role displayName } } }"


@pytest.fixture
async def services(
    make_settings: Callable[..., Settings], test_issuer: TestIssuer
) -> AsyncIterator[dict[str, FastAPI]]:
    """Councils and identity, migrated and started, both trusting the test issuer."""
    councils_settings = make_settings(issuer=test_issuer.issuer, database_schema="councils")
    identity_settings = make_settings(issuer=test_issuer.issuer, database_schema="identity")
    await migrate_councils(councils_settings)
    await migrate_identity(identity_settings)
    councils, identity = build_councils(councils_settings), build_identity(identity_settings)
    async with councils.router.lifespan_context(councils), identity.router.lifespan_context(identity):
        test_issuer.install(councils.state.runtime.verifier)
        test_issuer.install(identity.state.runtime.verifier)
        yield {"councils": councils, "identity": identity}


async def test_members_and_staff_see_the_names_in_one_identity_call_others_do_not(
    services: dict[str, FastAPI], make_settings: Callable[..., Settings], test_issuer: TestIssuer
) -> None:
    landlord = str(uuid.uuid4())
    async with unit_of_work(services["identity"].state.runtime.sessions) as uow:
        registered = [await people.register_person(uow, SYSTEM, RegisterPerson(n, "nl")) for n in NAMES]
    members = [str(person.id) for person in registered]
    staff = test_issuer.person("landlord_staff", landlord)
    member = test_issuer.token(subject=members[0], person=members[0])
    identity_calls: list[str] = []
    identity_app = httpx.ASGITransport(services["identity"])

    class Counting(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            identity_calls.append(request.url.path)
            return await identity_app.handle_async_request(request)

    async with gateway_over(
        make_settings(), {"councils": services["councils"]}, test_issuer, fallback=Counting()
    ) as http:

        async def gql(query: str, token: str | None, **variables: Any) -> dict[str, Any]:
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            body: dict[str, Any] = (
                await http.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
            ).json()
            return body

        created = await gql(
            CREATE, staff, input={"landlordId": landlord, "name": {"nl": "Raad", "fr": "Conseil"}, "seats": 5}
        )
        council = created["data"]["createCouncil"]["id"]
        term = {"termStart": str(date.today()), "termEnd": str(date.today() + timedelta(days=365))}
        for person in members:
            appointed = await gql(
                APPOINT, staff, input={"councilId": council, "personId": person, "role": "member", **term}
            )
            assert "errors" not in appointed, appointed

        identity_calls.clear()
        for token in (member, staff):
            body = await gql(MANDATES, token, id=council)
            assert "errors" not in body, body
            assert sorted(m["displayName"] for m in body["data"]["council"]["mandates"]) == sorted(NAMES)
        assert identity_calls == ["/people", "/people"], "one call per query for every name"

        for outsider in (
            test_issuer.tenant(landlord),
            test_issuer.person("landlord_staff", uuid.uuid4()),
            None,
        ):
            body = await gql(MANDATES, outsider, id=council)
            mandates = (body.get("data") or {}).get("council") or {"mandates": []}
            assert all(m["displayName"] is None for m in mandates["mandates"]), body
