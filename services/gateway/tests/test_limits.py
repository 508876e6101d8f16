"""Query limits: too deep, too many aliases or tokens, too costly or too large a body are
refused before any service is called."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from gateway.app import build_app
from gateway.schema import QueryLimits
from kernel.localisation import translate
from kernel.settings import Settings

LIMITS = QueryLimits()


@asynccontextmanager
async def gateway_with(identity: Any, **settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    """A client of a gateway configured with ``settings`` (services faked by ``identity``)."""
    config = Settings(environment="test", identity_url="http://identity.test", **settings)
    app = build_app(config, transport=httpx.MockTransport(identity))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gateway") as http,
    ):
        yield http


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
    assert error["extensions"] == {"code": "DEPTH_LIMIT", "depth": 9, "maxDepth": 8}
    assert body.get("data") is None
    assert identity.calls() == []


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
async def test_a_query_of_depth_twenty_is_refused_with_its_depth_in_the_callers_language(
    graphql: Any, identity: Any, language: str
) -> None:
    body = await graphql(_nested(20), language=language)
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "DEPTH_LIMIT", "depth": 20, "maxDepth": 8}
    assert error["message"] == translate("gateway.depth_limit", language, depth=20, maxDepth=8)
    assert "20" in error["message"] and "$" not in error["message"]
    assert identity.calls() == []


async def test_fragments_count_towards_the_depth_and_introspection_does_not(graphql: Any) -> None:
    spread = "fragment S on Site { landlord { sites { landlord { sites { landlord { name } } } } } } "
    body = await graphql(spread + "{ landlords { sites { landlord { sites { ...S } } } } }")
    assert body["errors"][0]["extensions"] == {"code": "DEPTH_LIMIT", "depth": 8 + 1, "maxDepth": 8}
    introspection = await graphql(
        "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }"
    )
    assert "errors" not in introspection


async def test_a_query_at_the_depth_limit_runs(identity: Any) -> None:
    # Four nested lists of landlords' sites cost far more than the default ceiling: this
    # test is about depth alone.
    identity.add_landlord("ABC", sites=1)
    async with gateway_with(identity, gateway_max_cost=1_000_000) as http:
        body = (await http.post("/graphql", json={"query": _nested(LIMITS.max_depth)})).json()
    assert "errors" not in body


async def test_too_many_aliases_are_refused(graphql: Any, identity: Any) -> None:
    aliases = " ".join(f"a{n}: landlords {{ code }}" for n in range(LIMITS.max_aliases + 1))
    body = await graphql(f"{{ {aliases} }}")
    assert body["errors"][0]["extensions"] == {"code": "ALIAS_LIMIT", "aliases": 33, "maxAliases": 32}
    assert identity.calls() == []


async def test_two_hundred_aliases_are_refused(graphql: Any, identity: Any) -> None:
    aliases = " ".join(f"a{n}: me {{ subject }}" for n in range(200))
    body = await graphql(f"{{ {aliases} }}", language="fr")
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "ALIAS_LIMIT", "aliases": 200, "maxAliases": 32}
    assert error["message"] == translate("gateway.alias_limit", "fr", aliases=200, maxAliases=32)
    assert identity.calls() == []


async def test_the_depth_and_alias_limits_come_from_the_settings(identity: Any) -> None:
    async with gateway_with(identity, gateway_max_depth=2, gateway_max_aliases=1) as http:
        deep = (await http.post("/graphql", json={"query": _nested(3)})).json()
        aliased = (
            await http.post("/graphql", json={"query": "{ a: me { subject } b: me { subject } }"})
        ).json()
    assert deep["errors"][0]["extensions"] == {"code": "DEPTH_LIMIT", "depth": 3, "maxDepth": 2}
    assert aliased["errors"][0]["extensions"] == {"code": "ALIAS_LIMIT", "aliases": 2, "maxAliases": 1}
    assert identity.calls() == []


async def test_too_many_tokens_are_refused_with_the_count(graphql: Any, identity: Any) -> None:
    # { landlords { code × max_tokens } }: four brackets and the field names.
    body = await graphql("{ landlords { " + "code " * LIMITS.max_tokens + "} }", language="en")
    (error,) = body["errors"]
    tokens = LIMITS.max_tokens + 5
    assert error["extensions"] == {"code": "TOKEN_LIMIT", "tokens": tokens, "maxTokens": LIMITS.max_tokens}
    assert error["message"] == translate(
        "gateway.token_limit", "en", tokens=tokens, maxTokens=LIMITS.max_tokens
    )
    assert identity.calls() == []


async def test_a_plain_syntax_error_is_not_a_token_limit(graphql: Any, identity: Any) -> None:
    body = await graphql("{ landlords { code }")
    assert body["errors"][0]["extensions"] == {"code": "GRAPHQL_PARSE_FAILED"}
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


PAGE = "query ($n: Int!) { consultations(first: $n) { items { id title { text } } } }"


async def test_a_query_costing_more_than_the_ceiling_is_refused_before_any_service_is_called(
    graphql: Any, identity: Any
) -> None:
    body = await graphql(PAGE, {"n": LIMITS.max_cost})
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "COST_LIMIT", "cost": 1 + 2 * LIMITS.max_cost, "maxCost": 20_000}
    assert error["message"] == translate(
        "gateway.cost_limit", "nl", cost=1 + 2 * LIMITS.max_cost, maxCost=20_000
    )
    assert body["data"] is None
    assert identity.calls() == []


async def test_nested_lists_multiply_by_the_default_list_size(graphql: Any, identity: Any) -> None:
    # 10 landlords x (1 + 10 sites x (1 + 10 buildings)) = 1,110; four nested lists of sites
    # (each landlord's sites' landlord's sites…) cost 122,210.
    assert "errors" not in await graphql("{ landlords { sites { buildings { name } } } }")
    body = await graphql(_nested(LIMITS.max_depth))
    assert body["errors"][0]["extensions"]["cost"] == 122_210
    assert body["errors"][0]["extensions"]["code"] == "COST_LIMIT"
    assert [r.url.path for r in identity.calls()] == ["/landlords"]


async def test_the_cost_ceiling_and_list_size_come_from_the_settings(identity: Any) -> None:
    async with gateway_with(identity, gateway_max_cost=50, gateway_default_list_size=5) as http:
        small = (await http.post("/graphql", json={"query": PAGE, "variables": {"n": 24}})).json()
        large = (await http.post("/graphql", json={"query": PAGE, "variables": {"n": 25}})).json()
        sites = (await http.post("/graphql", json={"query": "{ landlords { sites { name } } }"})).json()
    assert small["errors"][0]["extensions"]["code"] != "COST_LIMIT"  # cost 49: it reached the service
    assert large["errors"][0]["extensions"] == {"code": "COST_LIMIT", "cost": 51, "maxCost": 50}
    assert "errors" not in sites  # 5 x (1 + 5) = 30


async def _chunks(parts: list[bytes]) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


async def test_a_body_larger_than_the_cap_is_refused_with_413(identity: Any) -> None:
    async with gateway_with(identity, gateway_max_body_bytes=2048) as http:
        padding = "#" + "x" * 4096 + "\n"
        response = await http.post("/graphql", json={"query": padding + "{ landlords { name } }"})
        chunked = await http.post(
            "/graphql",
            content=_chunks([b'{"query": "', b"x" * 4096, b'"}']),
            headers={"content-type": "application/json"},
        )
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "PAYLOAD_TOO_LARGE"
    assert response.headers["x-correlation-id"]
    assert chunked.status_code == 413
    assert identity.calls() == []
