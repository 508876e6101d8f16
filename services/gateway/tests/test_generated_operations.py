"""Operations generated from the committed SDL (hypothesis-graphql) against the running gateway in
front of the real services (identity, councils, surveys, spaces, partners on PostgreSQL and NATS),
as an anonymous caller, a landlord's staff member and a tenant.

Whatever is asked, the gateway never answers 500, every error carries an ``extensions.code``
from the known set, and an INTERNAL error shows only the masked message and a correlation id.
Made-up input is the caller's mistake, never an unexpected error: no INTERNAL at all.
"""

from __future__ import annotations

import asyncio
import json
import os
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import mutations, nodes, queries

from gateway.errors import UNEXPECTED
from gateway.testing import gateway_app_over
from kernel.migrations import script_location, upgrade
from kernel.settings import Settings
from kernel.testing.tokens import TestIssuer

SDL = (Path(__file__).resolve().parents[3] / "schema" / "graphql" / "schema.graphql").read_text(
    encoding="utf-8"
)
KNOWN_CODES = {
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "NOT_FOUND",
    "VALIDATION",
    "CONFLICT",
    "RATE_LIMITED",
    "UNAVAILABLE",
    "INTERNAL",
    "COST_LIMIT",
    "DEPTH_LIMIT",
    "TOKEN_LIMIT",
    "ALIAS_LIMIT",
    "GRAPHQL_PARSE_FAILED",
    "GRAPHQL_VALIDATION_FAILED",
}
SCALARS = {
    "DateTime": st.datetimes(timezones=st.just(UTC)).map(lambda d: nodes.String(d.isoformat())),
    "Date": st.dates().map(lambda d: nodes.String(d.isoformat())),
    "JSON": st.just(nodes.String("{}")),
}
SERVICES = ("identity", "councils", "surveys", "spaces", "partners")
SETTINGS = settings(
    max_examples=int(os.environ.get("GENERATED_EXAMPLES", "40")),
    deadline=None,
    database=None,
    # The same operations every run: the counts asserted on do not depend on the draw.
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)


def _build(service: str, settings: Settings) -> Any:
    """The service's app (each ``build_app`` takes the settings first)."""
    module = __import__(f"{service}.entrypoints.app", fromlist=["build_app"])
    return module.build_app(settings)


@pytest.fixture
async def gateway(
    make_settings: Callable[..., Settings], test_issuer: TestIssuer
) -> AsyncIterator[tuple[httpx.AsyncClient, dict[str, Any]]]:
    """The gateway over every service, each migrated in its own schema and started (and the
    services' apps, to seed them)."""
    apps = {}
    for service in SERVICES:
        config = make_settings(issuer=test_issuer.issuer, database_schema=service)
        package = Path(__import__(service).__file__ or "").resolve().parent
        await asyncio.to_thread(upgrade, service, script_location(package), config)
        apps[service] = _build(service, config)
        test_issuer.install(apps[service].state.runtime.verifier)
    contexts = [app.router.lifespan_context(app) for app in apps.values()]
    for context in contexts:
        await context.__aenter__()
    try:
        async with gateway_app_over(make_settings(), apps, test_issuer) as (_, http):
            yield http, apps
    finally:
        for context in reversed(contexts):
            await context.__aexit__(None, None, None)


def check(response: httpx.Response, sent: str) -> None:
    """No 500, a known code on every error, nothing but the mask on an INTERNAL one."""
    assert response.status_code < 500, (sent, response.text)
    body = response.json()
    for error in body.get("errors") or []:
        extensions = error.get("extensions") or {}
        assert extensions.get("code") in KNOWN_CODES, (sent, error)
        if extensions["code"] == "INTERNAL":
            assert error["message"] == UNEXPECTED, (sent, error)
            assert set(extensions) == {"code", "correlation_id"} and extensions["correlation_id"], (
                sent,
                error,
            )


async def seed(gateway: httpx.AsyncClient, identity: Any, test_issuer: TestIssuer) -> tuple[str, list[str]]:
    """A landlord (registered at identity by a regional admin) and a consultation of it (created
    through the gateway by its staff): its id and the ids the gateway gives both, so generated
    operations reach the resolvers with ids that exist."""
    admin = {"Authorization": f"Bearer {test_issuer.person('regional_admin', None)}"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(identity), base_url="http://i") as http:
        body = {"code": f"l-{uuid.uuid4().hex[:8]}", "name": {"nl": "Haard", "fr": "Foyer"}, "dwellings": 10}
        registered = await http.post("/landlords", json=body, headers=admin)
    assert registered.status_code == 201, registered.text
    landlord = registered.json()["id"]
    staff = {"Authorization": f"Bearer {test_issuer.person('landlord_staff', landlord)}"}
    document = """mutation ($input: ConsultationInput!) { createConsultation(input: $input) { id } }"""
    consultation = {
        "landlordId": landlord,
        "title": {"nl": "Onze ruimte", "fr": "Notre espace"},
        "opensAt": "2030-01-01T00:00:00Z",
        "closesAt": "2030-02-01T00:00:00Z",
    }
    created = (
        await gateway.post(
            "/graphql", json={"query": document, "variables": {"input": consultation}}, headers=staff
        )
    ).json()
    assert "errors" not in created, created
    found = (
        await gateway.post("/graphql", json={"query": f'{{ landlord(id: "{landlord}") {{ id }} }}'})
    ).json()
    assert "errors" not in found, found
    ids = {landlord, found["data"]["landlord"]["id"], created["data"]["createConsultation"]["id"]}
    return landlord, sorted(ids)


async def test_generated_operations_never_fail_unexpectedly(
    gateway: tuple[httpx.AsyncClient, dict[str, Any]], test_issuer: TestIssuer
) -> None:
    http, apps = gateway
    landlord, ids = await seed(http, apps["identity"], test_issuer)
    callers = {
        "anonymous": {},
        "staff": {"Authorization": f"Bearer {test_issuer.person('landlord_staff', landlord)}"},
        "tenant": {"Authorization": f"Bearer {test_issuer.tenant(landlord, str(uuid.uuid4()))}"},
    }
    # Mostly the seeded ids (the resolvers run), sometimes one that names nothing.
    scalars = {**SCALARS, "ID": st.sampled_from([*ids, str(uuid.uuid4())]).map(nodes.String)}
    loop = asyncio.get_running_loop()
    seen: dict[str, int] = {}
    answered = dict.fromkeys(callers, 0)
    internal: list[tuple[str, Any]] = []

    def post(document: str, who: str) -> None:
        request = http.post("/graphql", json={"query": document}, headers=callers[who])
        response = asyncio.run_coroutine_threadsafe(request, loop).result(timeout=30)
        check(response, document)
        body = response.json()
        if body.get("data") and not body.get("errors"):
            answered[who] += 1
        for error in body.get("errors") or []:
            code = error["extensions"]["code"]
            seen[code] = seen.get(code, 0) + 1
            if code == "INTERNAL":
                internal.append((document, error.get("path")))

    # Every caller sends every operation: each one's answers and refusals are seen alike.
    @SETTINGS
    @given(document=queries(SDL, custom_scalars=scalars))
    def generated_queries(document: str) -> None:
        for caller in callers:
            post(document, caller)

    @SETTINGS
    @given(document=mutations(SDL, custom_scalars=scalars))
    def generated_mutations(document: str) -> None:
        for caller in callers:
            post(document, caller)

    # Hypothesis runs the examples in a worker thread; the apps keep running on this loop.
    await asyncio.to_thread(generated_queries)
    await asyncio.to_thread(generated_mutations)
    print("error codes seen:", json.dumps(seen, sort_keys=True), "answered:", answered)
    assert not internal, internal
    assert all(answered.values()), f"every caller gets some answers without errors: {answered}"
    refused_unread = sum(n for code, n in seen.items() if code == "VALIDATION" or code.endswith("_LIMIT"))
    assert refused_unread < 0.9 * sum(seen.values()), f"most operations reach the resolvers: {seen}"
