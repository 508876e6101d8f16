"""Relay connections: a list walked page by page with ``pageInfo`` returns every row once,
whether the service pages it (consultations) or returns it whole (overdue follow-ups)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from graphql import OperationDefinitionNode, parse

from gateway.app import build_app
from gateway.cost import CostEstimator
from gateway.global_ids import raw_id
from gateway.schema import build_schema
from kernel.settings import Settings

from .conftest import consultation_record

PAGE = """query ($first: Int!, $after: String) {
  consultations(first: $first, after: $after) {
    edges { cursor node { id } }
    nodes { id }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    items { id }
    nextCursor
  }
}"""
OVERDUE = """query ($l: ID!, $first: Int, $after: String) {
  overdueFollowUps(landlordId: $l, first: $first, after: $after) {
    nodes { id }
    pageInfo { hasNextPage endCursor }
  }
}"""


class PagingSurveys:
    """A surveys service paging its consultations with its own (offset) cursors."""

    def __init__(self, count: int) -> None:
        self.items = [consultation_record(follow_up_overdue=True) for _ in range(count)]
        self.calls: list[httpx.URL] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request.url)
        if request.url.path.endswith("/overdue"):
            return httpx.Response(200, json=self.items)
        first = int(request.url.params.get("first", "20"))
        start = int(request.url.params.get("after", "0"))
        end = start + first
        more = end < len(self.items)
        return httpx.Response(
            200, json={"items": self.items[start:end], "next_cursor": str(end) if more else None}
        )


@pytest.fixture
async def walk(identity: Any) -> AsyncIterator[tuple[httpx.AsyncClient, PagingSurveys]]:
    """A gateway over a surveys service of 23 consultations (default page size 4)."""
    surveys = PagingSurveys(23)

    def route(request: httpx.Request) -> httpx.Response:
        return surveys(request) if request.url.host == "surveys.test" else identity(request)

    settings = Settings(
        environment="test",
        identity_url="http://identity.test",
        surveys_url="http://surveys.test",
        gateway_default_list_size=4,
    )
    app = build_app(settings, transport=httpx.MockTransport(route))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gateway") as http,
    ):
        yield http, surveys


async def _query(http: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    body = (await http.post("/graphql", json={"query": query, "variables": variables})).json()
    assert "errors" not in body, body
    return body["data"]  # type: ignore[no-any-return]


async def test_a_connection_walked_page_by_page_returns_every_row_once(
    walk: tuple[httpx.AsyncClient, PagingSurveys],
) -> None:
    http, surveys = walk
    seen: list[str] = []
    after: str | None = None
    pages = 0
    while True:
        page = (await _query(http, PAGE, first=5, after=after))["consultations"]
        pages += 1
        ids = [raw_id(edge["node"]["id"]) for edge in page["edges"]]
        assert [raw_id(node["id"]) for node in page["nodes"]] == ids
        assert ids == [raw_id(item["id"]) for item in page["items"]]
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        assert page["pageInfo"]["startCursor"] == page["edges"][0]["cursor"]
        assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        assert page["nextCursor"] == (
            page["pageInfo"]["endCursor"] if page["pageInfo"]["hasNextPage"] else None
        )
        seen += ids
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages == 5
    assert seen == [item["id"] for item in surveys.items], "every row once, in order"
    assert [url.params.get("first") for url in surveys.calls] == ["5"] * 5, "a page is one call, no skipping"


async def test_every_edge_cursor_resumes_right_after_its_row(
    walk: tuple[httpx.AsyncClient, PagingSurveys],
) -> None:
    http, surveys = walk
    first_page = (await _query(http, PAGE, first=5))["consultations"]
    middle = first_page["edges"][1]["cursor"]
    resumed = (await _query(http, PAGE, first=3, after=middle))["consultations"]
    assert [raw_id(node["id"]) for node in resumed["nodes"]] == [item["id"] for item in surveys.items[2:5]]


async def test_a_service_cursor_from_the_former_next_cursor_is_still_understood(
    walk: tuple[httpx.AsyncClient, PagingSurveys],
) -> None:
    http, surveys = walk
    page = (await _query(http, PAGE, first=2, after="20"))["consultations"]
    assert [raw_id(node["id"]) for node in page["nodes"]] == [item["id"] for item in surveys.items[20:22]]


async def test_a_list_the_service_returns_whole_is_paged_by_the_gateway_with_the_default_size(
    walk: tuple[httpx.AsyncClient, PagingSurveys],
) -> None:
    http, surveys = walk
    landlord = str(uuid.uuid4())
    seen: list[str] = []
    after: str | None = None
    sizes = []
    while True:
        page = (await _query(http, OVERDUE, l=landlord, after=after))["overdueFollowUps"]
        sizes.append(len(page["nodes"]))
        seen += [raw_id(node["id"]) for node in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert sizes == [4, 4, 4, 4, 4, 3], "pages of the configured default size"
    assert seen == [item["id"] for item in surveys.items]


async def test_a_bad_cursor_is_a_validation_error_naming_after(
    walk: tuple[httpx.AsyncClient, PagingSurveys],
) -> None:
    http, _ = walk
    body = (
        await http.post(
            "/graphql", json={"query": OVERDUE, "variables": {"l": str(uuid.uuid4()), "after": "nope"}}
        )
    ).json()
    assert body["errors"][0]["extensions"]["code"] == "VALIDATION"
    assert body["errors"][0]["extensions"]["field"] == "after"


@pytest.mark.parametrize(
    ("query", "cost"),
    [
        # a former plain list: its page is `first`, else the configured default size (5 here)
        ("{ spaces { nodes { id } } }", 1 + 5 * 1),
        ("{ spaces(first: 40) { nodes { id } pageInfo { endCursor } } }", 1 + 40 * (1 + 1)),
        ("{ spaces(first: 40) { edges { cursor node { id } } } }", 1 + 40 * (1 + 1)),
        # pages of pages multiply
        (
            "{ spaces(first: 10) { nodes { bookings(from: 1, to: 2, first: 3) { nodes { id } } } } }",
            1 + 10 * (1 + (1 + 3 * 1)),
        ),
    ],
)
def test_the_cost_estimate_weighs_a_connection_by_its_page_size(query: str, cost: int) -> None:
    document = parse(query)
    (operation,) = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    estimator = CostEstimator(build_schema()._schema, {}, {}, default_list_size=5)
    assert estimator.operation(operation) == cost
