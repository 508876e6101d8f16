"""Surveys end to end through GraphQL: the real gateway in front of the real surveys service
(PostgreSQL and NATS), identity's tokens signed by the kernel's test issuer."""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from gateway.testing import gateway_over
from kernel.db import asyncpg_dsn
from kernel.migrations import script_location, upgrade
from kernel.settings import Settings
from kernel.testing.tokens import TestIssuer
from surveys.entrypoints.app import build_app as build_surveys
from surveys.testing import Landlord, consultation_body

SURVEYS = "http://surveys.test"
GQL = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
async def surveys_env(make_settings: Callable[..., Settings], test_issuer: TestIssuer) -> AsyncIterator[Any]:
    """Both apps started; yields (graphql caller, landlord with households in the projection)."""
    settings = make_settings(issuer=test_issuer.issuer, database_schema="surveys", surveys_url=SURVEYS)
    migrations = script_location(Path(build_surveys.__code__.co_filename).resolve().parents[1])
    await asyncio.to_thread(upgrade, "surveys", migrations, settings)
    service = build_surveys(settings, public_url="https://inspraak.test")
    test_issuer.install(service.state.runtime.verifier)
    sql = await asyncpg.connect(asyncpg_dsn(settings.database_url))
    await sql.execute("SET search_path TO surveys")
    unreachable = httpx.MockTransport(lambda request: httpx.Response(503))
    async with (
        service.router.lifespan_context(service),
        gateway_over(settings, {"surveys": service}, test_issuer, fallback=unreachable) as http,
    ):

        async def graphql(
            query: str, headers: dict[str, str] | None = None, **variables: Any
        ) -> dict[str, Any]:
            response = await http.post(
                "/graphql",
                json={"query": query, "variables": variables},
                headers={"Accept-Language": "en", **(headers or {})},
            )
            body: dict[str, Any] = response.json()
            return body

        yield graphql, Landlord(sql, test_issuer)
    await sql.close()


CREATE = """mutation ($input: ConsultationInput!) { createConsultation(input: $input) { id phase } }"""
PUBLISH = """mutation ($id: ID!) { publishConsultation(input: {id: $id}) { id phase } }"""


def _input(landlord: Landlord, **overrides: Any) -> dict[str, Any]:
    body = consultation_body(landlord, **overrides)
    keys = {
        "landlord_id": "landlordId",
        "owner_id": "ownerId",
        "opens_at": "opensAt",
        "closes_at": "closesAt",
        "follow_up_due": "followUpDue",
        "objective_tags": "objectiveTags",
    }
    converted = {keys.get(k, k): v for k, v in body.items()}
    for question in converted["questions"]:
        if "show_if" in question:
            condition = question.pop("show_if")
            question["showIf"] = {"question": condition["question"], "anyOf": condition.get("any_of", [])}
        if "max_length" in question:
            question["maxLength"] = question.pop("max_length")
        question["kind"] = question["kind"].upper()
    return converted


async def _draft(graphql: GQL, landlord: Landlord, **overrides: Any) -> str:
    created = await graphql(CREATE, landlord.staff(), input=_input(landlord, **overrides))
    assert "errors" not in created, created
    return str(created["data"]["createConsultation"]["id"])


async def test_publishing_without_fr_or_with_a_cycle_is_a_validation_error_naming_it(surveys_env) -> None:
    graphql, landlord = surveys_env
    no_fr = await _draft(graphql, landlord, title={"nl": "Onze ruimte", "fr": None})
    body = await graphql(PUBLISH, landlord.staff(), id=no_fr)
    assert body["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "title.fr"}
    assert "Dutch and in French" in body["errors"][0]["message"]

    questions = _input(landlord)["questions"]
    questions[0]["showIf"] = {"question": "which", "anyOf": []}
    cyclic = await graphql(CREATE, landlord.staff(), input={**_input(landlord), "questions": questions})
    cyclic_id = cyclic["data"]["createConsultation"]["id"]
    body = await graphql(PUBLISH, landlord.staff(), id=cyclic_id)
    assert body["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "questions.room.show_if"}

    no_owner = await _draft(graphql, landlord, owner_id=None)
    body = await graphql(PUBLISH, landlord.staff(), id=no_owner)
    assert body["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "owner_id"}


SUBMIT = """mutation ($input: SubmitResponseInput!) { submitResponse(input: $input) { accepted } }"""
ASSISTED = (
    """mutation ($input: AssistedResponseInput!) { recordAssistedResponse(input: $input) { accepted } }"""
)
RESULTS = """query ($id: ID!) { consultation(id: $id) {
  phase title { text }
  questions { key kind text { text(lang: "fr") } options { key label { text } } showIf { question anyOf } }
  results { respondents questions { key respondents options { key count percentage }
            bySite { key suppressed respondents } byChannel { key suppressed respondents } }
            freeTexts { question texts } }
  participation { total { invited responded rate } byChannel { channel count } }
  resultsCsv
} }"""


async def test_a_consultation_from_draft_to_follow_up(surveys_env) -> None:
    graphql, landlord = surveys_env
    consultation = await _draft(graphql, landlord)
    published = await graphql(PUBLISH, landlord.staff(), id=consultation)
    assert published["data"]["publishConsultation"]["phase"] == "OPEN"
    households = await landlord.households(6)
    issued = await graphql(
        "mutation ($id: ID!) { issueInvitations(input: {id: $id}) { issued lettersCsv } }",
        landlord.staff(),
        id=consultation,
    )
    batch = issued["data"]["issueInvitations"]
    assert batch["issued"] == 6
    codes = {row["household_id"]: row["code"] for row in csv.DictReader(io.StringIO(batch["lettersCsv"]))}

    answers = [{"question": "room", "choices": ["garden"]}, {"question": "ideas", "text": "Een bank"}]
    for household in households[:5]:
        body = await graphql(
            SUBMIT, input={"consultationId": consultation, "code": codes[str(household)], "answers": answers}
        )
        assert body["data"]["submitResponse"]["accepted"] is True, body
    again = await graphql(
        SUBMIT, input={"consultationId": consultation, "code": codes[str(households[0])], "answers": answers}
    )
    assert again["errors"][0]["extensions"] == {"code": "CONFLICT"}
    hidden = await graphql(
        SUBMIT,
        landlord.tenant(households[5]),
        input={"consultationId": consultation, "answers": [*answers, {"question": "which", "text": "x"}]},
    )
    assert hidden["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "answers.which"}
    assisted = await graphql(
        ASSISTED,
        landlord.worker(),
        input={
            "consultationId": consultation,
            "householdId": str(households[5]),
            "channel": "PAPER",
            "consentConfirmed": True,
            "answers": [{"question": "room", "choices": ["hall"]}],
        },
    )
    assert assisted["data"]["recordAssistedResponse"]["accepted"] is True, assisted
    online = await graphql(
        SUBMIT, landlord.tenant(households[5]), input={"consultationId": consultation, "answers": answers}
    )
    assert online["errors"][0]["extensions"] == {"code": "CONFLICT"}

    closed = await graphql(
        "mutation ($id: ID!) { closeConsultation(input: {id: $id}) { phase } }",
        landlord.staff(),
        id=consultation,
    )
    assert closed["data"]["closeConsultation"]["phase"] == "CLOSED"
    view = (await graphql(RESULTS, id=consultation))["data"]["consultation"]
    room = view["results"]["questions"][0]
    assert room["respondents"] == 6
    assert {o["key"]: o["count"] for o in room["options"]} == {"garden": 5, "hall": 1, "other": 0}
    assert {g["key"]: g["suppressed"] for g in room["byChannel"]} == {"online": True, "paper": True}
    assert view["results"]["freeTexts"] == [
        {"question": "which", "texts": []},
        {"question": "ideas", "texts": ["Een bank"] * 5},
    ]
    assert view["participation"]["total"] == {"invited": 6, "responded": 6, "rate": 100.0}
    assert view["participation"]["byChannel"] == [
        {"channel": "ONLINE", "count": 5},
        {"channel": "PAPER", "count": 1},
    ]
    assert view["questions"][0]["text"]["text"] == "Welke ruimte? (fr)"
    assert view["questions"][1]["showIf"] == {"question": "room", "anyOf": ["other"]}
    assert view["resultsCsv"].startswith("question,breakdown,group")

    follow_up = await graphql(
        "mutation ($input: FollowUpInput!) { publishFollowUp(input: $input) { followUp { text { text } } } }",
        landlord.staff(),
        input={"consultationId": consultation, "text": {"nl": "Er komt een tuin", "fr": "Un jardin"}},
    )
    assert follow_up["data"]["publishFollowUp"]["followUp"]["text"]["text"] == "Er komt een tuin"


async def test_a_household_sees_its_invitation_state_and_lists_open_consultations(surveys_env) -> None:
    graphql, landlord = surveys_env
    consultation = await _draft(graphql, landlord)
    await graphql(PUBLISH, landlord.staff(), id=consultation)
    [household] = await landlord.households(1)
    await graphql(
        "mutation ($id: ID!) { issueInvitations(input: {id: $id}) { issued } }",
        landlord.staff(),
        id=consultation,
    )
    query = f"""query ($landlord: ID!) {{ consultations(landlordId: $landlord, status: OPEN) {{
        items {{ id myInvitation }} nextCursor }} consultation(id: "{consultation}") {{ myInvitation }} }}"""
    body = await graphql(query, landlord.tenant(household), landlord=str(landlord.id))
    assert body["data"]["consultation"]["myInvitation"] == "INVITED"
    assert [item["id"] for item in body["data"]["consultations"]["items"]] == [consultation]


LOOKUP = """query ($code: String!) { invitationByCode(code: $code) { unused consultation { id phase } } }"""
BY_SHORT_ID = """query ($short: String!) { consultationByShortId(shortId: $short) { id phase } }"""


async def test_a_letter_finds_its_consultation_by_code_or_short_id_and_a_worker_answers_with_the_code(
    surveys_env,
) -> None:
    graphql, landlord = surveys_env
    consultation = await _draft(graphql, landlord)
    await graphql(PUBLISH, landlord.staff(), id=consultation)
    await landlord.households(2)
    issued = await graphql(
        "mutation ($id: ID!) { issueInvitations(input: {id: $id}) { lettersCsv } }",
        landlord.staff(),
        id=consultation,
    )
    letters = list(csv.DictReader(io.StringIO(issued["data"]["issueInvitations"]["lettersCsv"])))
    code = letters[0]["code"]
    short = letters[0]["url"].rsplit("/", 1)[1]

    found = await graphql(LOOKUP, code=code)
    assert found["data"]["invitationByCode"] == {
        "unused": True,
        "consultation": {"id": consultation, "phase": "OPEN"},
    }
    assert (await graphql(LOOKUP, code=code))["data"]["invitationByCode"]["unused"] is True
    unknown = await graphql(LOOKUP, code="AAAA-BBBB-CCCC-DDDD")
    assert unknown["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "code"}

    assert (await graphql(BY_SHORT_ID, short=short))["data"]["consultationByShortId"]["id"] == consultation
    bad = await graphql(BY_SHORT_ID, short="../invitations")
    assert bad["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "shortId"}

    assisted = await graphql(
        ASSISTED,
        landlord.worker(),
        input={
            "consultationId": consultation,
            "code": code,
            "channel": "PHONE",
            "consentConfirmed": True,
            "answers": [{"question": "room", "choices": ["hall"]}],
        },
    )
    assert assisted["data"]["recordAssistedResponse"]["accepted"] is True, assisted
    assert (await graphql(LOOKUP, code=code))["data"]["invitationByCode"]["unused"] is False
    neither = await graphql(
        ASSISTED,
        landlord.worker(),
        input={"consultationId": consultation, "channel": "PHONE", "consentConfirmed": True, "answers": []},
    )
    assert neither["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "household_id"}
