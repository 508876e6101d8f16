"""N+1-free: a page of consultations with their landlords costs the same calls whatever its length."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from gateway.app import build_app
from kernel.settings import Settings

from .conftest import consultation_record

SURVEYS = "http://surveys.test"
QUERY = "query ($n: Int!) { consultations(first: $n) { items { id landlord { code name } } } }"


class FakeSurveys:
    """The surveys service's consultation list, counting its calls."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self.calls = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        first = int(request.url.params.get("first", "20"))
        return httpx.Response(200, json={"items": self.items[:first], "next_cursor": None})


@pytest.fixture
async def gateway(identity: Any) -> AsyncIterator[tuple[httpx.AsyncClient, FakeSurveys]]:
    """A gateway whose surveys and identity services are fakes."""
    surveys = FakeSurveys()

    def route(request: httpx.Request) -> httpx.Response:
        return surveys(request) if request.url.host == "surveys.test" else identity(request)

    settings = Settings(environment="test", identity_url="http://identity.test", surveys_url=SURVEYS)
    app = build_app(settings, transport=httpx.MockTransport(route))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gateway") as http,
    ):
        yield http, surveys


@pytest.mark.parametrize("count", [5, 50])
async def test_consultations_with_their_landlords_cost_one_call_per_service_whatever_their_number(
    gateway: tuple[httpx.AsyncClient, FakeSurveys], identity: Any, count: int
) -> None:
    http, surveys = gateway
    landlords = [identity.add_landlord(f"L{n}") for n in range(4)]
    surveys.items = [consultation_record(landlords[n % 4]["id"]) for n in range(count)]
    body = (await http.post("/graphql", json={"query": QUERY, "variables": {"n": count}})).json()
    items = body["data"]["consultations"]["items"]
    assert len(items) == count
    assert [item["landlord"]["code"] for item in items[:5]] == ["L0", "L1", "L2", "L3", "L0"]
    assert surveys.calls == 1
    (landlord_call,) = identity.calls()
    assert landlord_call.url.path == "/landlords"
    assert sorted(landlord_call.url.params.get_list("id")) == sorted(x["id"] for x in landlords)
