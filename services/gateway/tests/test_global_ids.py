"""Global ids: ``node``/``nodes`` refetch by global id, in a constant number of service calls;
every ``ID`` argument takes the global id or the raw UUID; a global id of the wrong type is a
VALIDATION error naming the argument (see docs/adr/0007-graphql-global-ids.md)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from graphql import GraphQLInputObjectType, GraphQLObjectType, GraphQLSchema, get_named_type

from gateway import global_ids
from gateway.app import build_app
from gateway.global_ids import expected_type, global_id, node_types_of, raw_id
from gateway.schema import build_schema
from kernel.errors import ValidationFailed
from kernel.settings import Settings

from .conftest import consultation_record

NODES = """query ($ids: [ID!]!) { nodes(ids: $ids) {
  id
  ... on Consultation { title { text(lang: "nl") } landlord { id code } }
  ... on Landlord { code }
  ... on Site { name }
  ... on Building { address }
} }"""


class FakeSurveys:
    """The surveys service's consultations, by id or a page, counting its calls."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self.calls: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request)
        ids = request.url.params.get_list("id")
        if request.url.path == "/consultations" and ids:
            return httpx.Response(
                200, json={"items": [c for c in self.items if c["id"] in ids], "next_cursor": None}
            )
        if request.url.path == "/consultations":
            return httpx.Response(200, json={"items": self.items, "next_cursor": None})
        found = [c for c in self.items if request.url.path == f"/consultations/{c['id']}"]
        if found:
            return httpx.Response(200, json=found[0])
        return httpx.Response(404, json={"code": "NOT_FOUND", "detail": "unknown"})


@pytest.fixture
async def gateway(identity: Any) -> AsyncIterator[tuple[httpx.AsyncClient, FakeSurveys]]:
    """A gateway whose surveys and identity services are fakes."""
    surveys = FakeSurveys()

    def route(request: httpx.Request) -> httpx.Response:
        return surveys(request) if request.url.host == "surveys.test" else identity(request)

    settings = Settings(
        environment="test", identity_url="http://identity.test", surveys_url="http://surveys.test"
    )
    app = build_app(settings, transport=httpx.MockTransport(route))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gateway") as http,
    ):
        yield http, surveys


async def _post(http: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    response = await http.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_landlords_sites_buildings_and_consultations_are_refetched_by_their_global_ids(
    gateway: tuple[httpx.AsyncClient, FakeSurveys], identity: Any
) -> None:
    http, surveys = gateway
    landlord = identity.add_landlord("L1")
    site, building = identity.sites[0], identity.buildings[0]
    surveys.items = [consultation_record(landlord["id"])]
    listed = await _post(http, "{ landlords { id sites { id buildings { id } } } }")
    [shown] = listed["data"]["landlords"]
    assert shown["id"] == global_id("Landlord", landlord["id"]) and raw_id(shown["id"]) == landlord["id"]
    assert shown["sites"][0]["id"] == global_id("Site", site["id"])
    ids = [
        shown["id"],
        shown["sites"][0]["id"],
        shown["sites"][0]["buildings"][0]["id"],
        global_id("Consultation", surveys.items[0]["id"]),
        global_id("Landlord", "00000000-0000-4000-8000-000000000000"),
    ]
    nodes = (await _post(http, NODES, ids=ids))["data"]["nodes"]
    assert [n["id"] if n else None for n in nodes] == [*ids[:4], None]
    assert nodes[0]["code"] == "L1" and nodes[2]["address"] == building["address"]
    assert nodes[3]["landlord"] == {"id": shown["id"], "code": "L1"}
    single = await _post(http, "query ($id: ID!) { node(id: $id) { id ... on Site { name } } }", id=ids[1])
    assert single["data"]["node"] == {"id": ids[1], "name": "Wijk L1-0"}


@pytest.mark.parametrize("count", [5, 50])
async def test_nodes_of_many_consultations_cost_one_surveys_call_whatever_their_number(
    gateway: tuple[httpx.AsyncClient, FakeSurveys], identity: Any, count: int
) -> None:
    http, surveys = gateway
    landlords = [identity.add_landlord(f"L{n}") for n in range(3)]
    surveys.items = [consultation_record(landlords[n % 3]["id"]) for n in range(count)]
    ids = [global_id("Consultation", c["id"]) for c in reversed(surveys.items)]
    nodes = (await _post(http, NODES, ids=ids))["data"]["nodes"]
    assert [n["id"] for n in nodes] == ids
    assert len(surveys.calls) == 1
    assert sorted(surveys.calls[0].url.params.get_list("id")) == sorted(c["id"] for c in surveys.items)
    assert [call.url.path for call in identity.calls()] == ["/landlords"]


async def test_id_arguments_take_the_global_id_or_the_raw_uuid(
    gateway: tuple[httpx.AsyncClient, FakeSurveys], identity: Any
) -> None:
    http, surveys = gateway
    landlord = identity.add_landlord("L1")
    surveys.items = [consultation_record(landlord["id"])]
    query = "query ($id: ID!) { landlord(id: $id) { id code } }"
    by_global = await _post(http, query, id=global_id("Landlord", landlord["id"]))
    by_raw = await _post(http, query, id=landlord["id"])
    assert (
        by_global["data"]
        == by_raw["data"]
        == {"landlord": {"id": global_id("Landlord", landlord["id"]), "code": "L1"}}
    )
    listed = "query ($l: ID) { consultations(landlordId: $l) { nodes { id } } }"
    await _post(http, listed, l=global_id("Landlord", landlord["id"]))
    assert surveys.calls[-1].url.params["landlord_id"] == landlord["id"]
    inline = f'{{ consultation(id: "{global_id("Consultation", surveys.items[0]["id"])}") {{ id }} }}'
    assert (await _post(http, inline))["data"]["consultation"]["id"] == global_id(
        "Consultation", surveys.items[0]["id"]
    )


async def test_a_global_id_of_the_wrong_type_is_a_validation_error_naming_the_argument(
    gateway: tuple[httpx.AsyncClient, FakeSurveys], identity: Any
) -> None:
    http, surveys = gateway
    landlord = identity.add_landlord("L1")
    wrong = global_id("Site", identity.sites[0]["id"])
    refused = await _post(http, "query ($id: ID!) { landlord(id: $id) { id } }", id=wrong)
    [error] = refused["errors"]
    assert error["extensions"]["code"] == "VALIDATION" and error["extensions"]["field"] == "id"
    listed = await _post(http, "query ($l: ID) { consultations(landlordId: $l) { nodes { id } } }", l=wrong)
    assert listed["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "landlordId"}
    assert surveys.calls == [] and identity.calls() == []
    mutation = """mutation ($c: ID!) { publishConsultation(input: {id: $c}) { id } }"""
    nested = await _post(http, mutation, c=global_id("Landlord", landlord["id"]))
    assert nested["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "id"}
    garbage = await _post(http, '{ node(id: "nope") { id } }')
    assert garbage["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "id"}


def test_subscription_arguments_are_decoded_too() -> None:
    """graphql-core runs a subscription's ``subscribe`` without the extensions' middleware: the
    decoding wraps it directly, so a wrong-type global id is refused before any stream opens."""
    field = build_schema()._schema.subscription_type.fields["consultationResults"]  # type: ignore[union-attr]
    with pytest.raises(ValidationFailed) as refused:
        field.subscribe(None, None, id=global_id("Landlord", str(uuid.uuid4())))  # type: ignore[misc]
    assert refused.value.field == "id"


# ID arguments and input fields that take no Node's global id, reviewed one by one: their ids
# are raw (the objects are no Nodes, or the id is of something the gateway cannot refetch).
# A new ``fooId`` lands here only after the same review, or gets a Node type in global_ids.
RAW_IDS = {
    # Refetch by any type's global id: they decode and check it themselves.
    ("Query.node", "id"),
    ("Query.nodes", "ids"),
    # An organisation (a partner or a group of tenants) of either kind, named by `kind`.
    ("Query.organisationFeedUrl", "id"),
    ("BookingOrganisationInput", "id"),
    # Partnerships, webhook deliveries, bookings, agenda items and advice are not Nodes.
    ("Mutation.revokePartnership", "id"),
    ("Mutation.redeliver", "deliveryId"),
    ("ApproveBookingInput", "bookingId"),
    ("RejectBookingInput", "bookingId"),
    ("CancelBookingInput", "bookingId"),
    ("CheckInInput", "bookingId"),
    ("ReviewAgendaItemInput", "itemId"),
    ("ReviewAgendaItemInput", "mergedInto"),
    ("MarkAgendaItemDiscussedInput", "itemId"),
    ("DecideAgendaItemInput", "itemId"),
    ("ScheduleMeetingInput", "itemIds"),
    ("RecordVoteInput", "itemId"),
    ("IssueAdviceInput", "adviceId"),
    ("AnswerAdviceInput", "adviceId"),
    ("RecordAdviceFollowUpInput", "adviceId"),
    # People and households: identity's ids, never shown as global ids.
    ("AppointMandateInput", "personId"),
    ("RecordVoteInput", "personId"),
    ("RecordAttendanceInput", "present"),
    ("AssistedResponseInput", "householdId"),
}


def _id_arguments(schema: GraphQLSchema) -> Iterator[tuple[str, str, str | None]]:
    """Every ``ID`` argument and input field: its owner, its name and the field's return type."""
    for type_ in schema.type_map.values():
        if isinstance(type_, GraphQLObjectType) and not type_.name.startswith("__"):
            for name, field in type_.fields.items():
                returned = get_named_type(field.type).name
                for arg, value in field.args.items():
                    if get_named_type(value.type).name == "ID":
                        yield f"{type_.name}.{name}", arg, returned
        if isinstance(type_, GraphQLInputObjectType):
            for name, input_field in type_.fields.items():
                if get_named_type(input_field.type).name == "ID":
                    yield type_.name, name, None


def test_every_id_argument_checks_its_node_type_or_is_reviewed_as_raw() -> None:
    """So that a new ``fooId`` cannot take a global id of any type unchecked."""
    schema = build_schema()._schema
    nodes = node_types_of(schema)
    unchecked = {
        (owner, name)
        for owner, name, returned in _id_arguments(schema)
        if expected_type(owner, name, returned, nodes) is None
    }
    assert unchecked == RAW_IDS


def test_a_type_that_is_not_a_node_in_the_id_table_stops_the_schema_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(global_ids.BY_NAME, "booking", "Booking")
    with pytest.raises(TypeError, match="Booking"):
        build_schema()
