"""Query limits: too deep, too many aliases or tokens are refused before any service is called."""

from __future__ import annotations

from typing import Any

import httpx

from gateway.app import build_app
from gateway.schema import QueryLimits
from kernel.settings import Settings

LIMITS = QueryLimits()


def _nested(levels: int) -> str:
    """``landlords { sites { landlord { sites ... { name } } } }`` with ``levels`` object fields."""
    selection = "name"
    for n in reversed(range(levels)):
        field = "landlords" if n == 0 else "sites" if n % 2 else "landlord"
        selection = f"{field} {{ {selection} }}"
    return f"{{ {selection} }}"


async def test_a_query_deeper_than_the_limit_is_refused(graphql: Any, identity: Any) -> None:
    body = await graphql(_nested(LIMITS.max_depth + 1))
    (error,) = body["errors"]
    assert "exceeds maximum operation depth" in error["message"]
    assert body.get("data") is None
    assert identity.calls() == []


async def test_a_query_at_the_depth_limit_runs(graphql: Any, identity: Any) -> None:
    identity.add_landlord("ABC", sites=1)
    body = await graphql(_nested(LIMITS.max_depth))
    assert "errors" not in body


async def test_too_many_aliases_are_refused(graphql: Any, identity: Any) -> None:
    aliases = " ".join(f"a{n}: landlords {{ code }}" for n in range(LIMITS.max_aliases + 1))
    body = await graphql(f"{{ {aliases} }}")
    assert "aliases" in body["errors"][0]["message"]
    assert identity.calls() == []


async def test_too_many_tokens_are_refused(graphql: Any, identity: Any) -> None:
    body = await graphql("{ landlords { " + "code " * LIMITS.max_tokens + "} }")
    assert f"more than {LIMITS.max_tokens} tokens" in body["errors"][0]["message"]
    assert identity.calls() == []


async def test_introspection_is_off_in_production(identity: Any) -> None:
    settings = Settings(environment="production", identity_url="http://identity.test")
    app = build_app(settings, transport=httpx.MockTransport(identity))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gateway") as http,
    ):
        response = await http.post("/graphql", json={"query": "{ __schema { types { name } } }"})
        assert "introspection" in response.json()["errors"][0]["message"].lower()
        ide = await http.get("/graphql", headers={"Accept": "text/html"})
        assert ide.status_code != 200 or "graphiql" not in ide.text.lower()


async def test_introspection_is_on_elsewhere(graphql: Any) -> None:
    body = await graphql('{ __type(name: "Landlord") { name } }')
    assert body == {"data": {"__type": {"name": "Landlord"}}}
