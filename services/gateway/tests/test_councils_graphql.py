"""Councils end to end through GraphQL: the real gateway in front of the real councils service
(PostgreSQL and NATS real too); only identity is replaced, as it is someone else's service."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import update
from sqlmodel import col

from councils.adapters.tables import AdviceRow
from councils.entrypoints.app import build_app as build_councils
from councils.testing import migrate, outbox, soon
from gateway.global_ids import raw_id
from gateway.testing import gateway_over
from kernel.db import transaction
from kernel.settings import Settings
from kernel.testing.tokens import TestIssuer

Gql = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
async def councils_app(
    make_settings: Callable[..., Settings], test_issuer: TestIssuer
) -> AsyncIterator[FastAPI]:
    """The councils service, migrated and started, trusting the test issuer."""
    settings = make_settings(issuer=test_issuer.issuer, database_schema="councils")
    await migrate(settings)
    app = build_councils(settings)
    test_issuer.install(app.state.runtime.verifier)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
async def gql(
    councils_app: FastAPI, make_settings: Callable[..., Settings], test_issuer: TestIssuer
) -> AsyncIterator[Gql]:
    """POST a GraphQL query to the real gateway (token None: anonymous); return the JSON body."""
    async with gateway_over(make_settings(), {"councils": councils_app}, test_issuer) as http:

        async def run(
            query: str, token: str | None, language: str = "nl", **variables: Any
        ) -> dict[str, Any]:
            headers = {"Accept-Language": language} | ({"Authorization": f"Bearer {token}"} if token else {})
            response = await http.post(
                "/graphql", json={"query": query, "variables": variables}, headers=headers
            )
            body: dict[str, Any] = response.json()
            return body

        yield run


def data(body: dict[str, Any]) -> Any:
    """The data of a body that must have no errors."""
    assert not body.get("errors"), body["errors"]
    return body["data"]


@dataclass
class People:
    """Tokens of the roles around one landlord's council."""

    landlord: str
    members: list[str]
    member: str
    staff: str
    tenant: str
    other_tenant: str
    partner: str


@pytest.fixture
async def council(gql: Gql, test_issuer: TestIssuer) -> tuple[str, People]:
    """A council created by landlord staff through GraphQL, with five members appointed."""
    landlord = str(uuid.uuid4())
    members = [str(uuid.uuid4()) for _ in range(5)]
    people = People(
        landlord=landlord,
        members=members,
        member=test_issuer.token(subject=members[0], person=members[0]),
        staff=test_issuer.person("landlord_staff", landlord),
        tenant=test_issuer.tenant(landlord),
        other_tenant=test_issuer.tenant(uuid.uuid4()),
        partner=test_issuer.partner(),
    )
    created = data(
        await gql(
            CREATE,
            people.staff,
            input={
                "landlordId": landlord,
                "name": {"nl": "Huurdersraad", "fr": "Conseil consultatif"},
                "seats": 5,
            },
        )
    )
    council_id = created["createCouncil"]["id"]
    for person in members:
        term = {
            "termStart": str(date.today() - timedelta(days=1)),
            "termEnd": str(date.today() + timedelta(days=1460)),
        }
        data(
            await gql(
                APPOINT,
                people.staff,
                input={"councilId": council_id, "personId": person, "role": "member", **term},
            )
        )
    return council_id, people


CREATE = "mutation ($input: CreateCouncilInput!) { createCouncil(input: $input) { id name seats } }"
APPOINT = "mutation ($input: AppointMandateInput!) { appointMandate(input: $input) { id role } }"
PROPOSE = """mutation ($input: ProposeAgendaItemInput!) {
  proposeAgendaItem(input: $input) { id state title proposedBy proposerHouseholdId } }"""
REVIEW = "mutation ($input: ReviewAgendaItemInput!) { reviewAgendaItem(input: $input) { id state category } }"
SCHEDULE = """mutation ($input: ScheduleMeetingInput!) {
  scheduleMeeting(input: $input) { id venueStatus agenda { id state position } } }"""
ATTEND = (
    "mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { id sitting present } }"
)
VOTE = (
    "mutation ($input: RecordVoteInput!) { recordVote(input: $input) { votesFor votesAgainst abstentions } }"
)
DISCUSS = (
    "mutation ($input: MarkAgendaItemDiscussedInput!) { markAgendaItemDiscussed(input: $input) { id state } }"
)
DECIDE = "mutation ($input: DecideAgendaItemInput!) { decideAgendaItem(input: $input) { id state decision } }"
MINUTES = """mutation ($input: PublishMinutesInput!) {
  publishMinutes(input: $input) { id minutes {
    summary decisions { title decision motivation } todos { text owner } } } }"""
REQUEST = "mutation ($input: RequestAdviceInput!) { requestAdvice(input: $input) { id state origin dueOn } }"
ISSUE = "mutation ($input: IssueAdviceInput!) { issueAdvice(input: $input) { id state answerDueOn } }"
ANSWER = "mutation ($input: AnswerAdviceInput!) { answerAdvice(input: $input) { id state response } }"
PAGE = """query ($id: ID!) { council(id: $id) { name viewer
  upcomingMeeting { id } openItems { items { id state } }
  items { items { id title state proposedBy proposerHouseholdId decision } nextCursor }
  meetings { items { id minutes { summary } } } } }"""


async def test_a_tenant_proposal_goes_through_the_council_to_published_minutes(
    gql: Gql, council: tuple[str, People], councils_app: FastAPI, test_issuer: TestIssuer
) -> None:
    council_id, people = council
    proposal = {
        "councilId": council_id,
        "title": {"nl": "Fietsenstalling", "fr": "Local vélos"},
        "motivation": {"nl": "Fietsen worden gestolen."},
        "category": "COLLECTIVE_EQUIPMENT",
    }
    item = data(await gql(PROPOSE, people.tenant, input=proposal))["proposeAgendaItem"]
    assert (item["state"], item["proposedBy"], item["title"]) == ("proposed", "tenant", "Fietsenstalling")

    other = await gql(PAGE, people.other_tenant, id=council_id)
    assert other["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    member_view = data(await gql(PAGE, people.member, id=council_id))["council"]
    assert member_view["items"]["items"][0]["proposerHouseholdId"] is not None
    tenant_view = data(await gql(PAGE, people.tenant, id=council_id))["council"]
    assert tenant_view["viewer"] == "tenant"

    reviewed = data(await gql(REVIEW, people.member, input={"itemId": item["id"], "decision": "ACCEPT"}))
    assert reviewed["reviewAgendaItem"]["state"] == "accepted"
    meeting_input = {
        "councilId": council_id,
        "startsAt": soon().isoformat(),
        "endsAt": soon(hours=2).isoformat(),
        "itemIds": [item["id"]],
        "venue": "Zaal Horta",
    }
    meeting = data(await gql(SCHEDULE, people.member, input=meeting_input))["scheduleMeeting"]
    assert meeting["agenda"] == [{"id": item["id"], "state": "scheduled", "position": 1}]

    held = data(
        await gql(ATTEND, people.member, input={"meetingId": meeting["id"], "present": people.members[:4]})
    )
    assert (held["recordAttendance"]["sitting"], held["recordAttendance"]["present"]) == (5, 4)
    for person, choice in zip(people.members[:4], ("FOR", "FOR", "FOR", "ABSTAIN"), strict=True):
        data(
            await gql(
                VOTE,
                people.member,
                input={
                    "meetingId": meeting["id"],
                    "itemId": item["id"],
                    "personId": person,
                    "choice": choice,
                },
            )
        )
    decided = data(
        await gql(
            DECIDE,
            people.member,
            input={
                "itemId": item["id"],
                "outcome": "DECIDED",
                "decision": {"nl": "Stalling in kelder C."},
                "motivation": {"nl": "Veilig en overdekt."},
            },
        )
    )
    assert decided["decideAgendaItem"]["state"] == "decided"
    minutes = data(
        await gql(
            MINUTES,
            people.member,
            language="nl",
            input={
                "meetingId": meeting["id"],
                "summary": {"nl": "Vergadering van de raad."},
                "todos": [{"text": "Offerte vragen", "owner": "Secretaris"}],
            },
        )
    )["publishMinutes"]["minutes"]
    assert minutes["decisions"] == [
        {"title": "Fietsenstalling", "decision": "Stalling in kelder C.", "motivation": "Veilig en overdekt."}
    ]

    neighbour = test_issuer.tenant(people.landlord)  # another household of the same landlord
    page = data(await gql(PAGE, neighbour, language="fr", id=council_id))["council"]
    [seen] = page["items"]["items"]
    assert (seen["title"], seen["state"], seen["proposerHouseholdId"]) == ("Local vélos", "decided", None)
    assert page["meetings"]["items"][0]["minutes"] == {"summary": "Vergadering van de raad."}

    sessions = councils_app.state.runtime.sessions
    for event_type in (
        "agenda_item.proposed",
        "agenda_item.accepted",
        "agenda_item.scheduled",
        "meeting.scheduled",
        "meeting.held",
        "agenda_item.decided",
        "minutes.published",
    ):
        assert len(await outbox(sessions, f"inspraak.councils.{event_type}")) == 1, event_type
    [proposed] = await outbox(sessions, "inspraak.councils.agenda_item.proposed")
    assert "household" not in str(proposed["data"])


async def test_not_followed_without_justification_is_a_validation_error_on_that_field(
    gql: Gql, council: tuple[str, People]
) -> None:
    council_id, people = council
    due = str(date.today() + timedelta(days=20))
    advice = data(
        await gql(
            REQUEST,
            people.staff,
            input={
                "councilId": council_id,
                "subject": "SERVICE_CHARGES",
                "question": {"nl": "Nieuwe verdeelsleutel?"},
                "dueOn": due,
            },
        )
    )["requestAdvice"]
    assert (advice["state"], advice["origin"], advice["dueOn"]) == ("requested", "landlord", due)
    data(await gql(ISSUE, people.member, input={"adviceId": advice["id"], "text": {"nl": "Niet doen."}}))

    refused = await gql(
        ANSWER, people.staff, language="en", input={"adviceId": advice["id"], "response": "NOT_FOLLOWED"}
    )
    [error] = refused["errors"]
    assert error["extensions"] == {"code": "VALIDATION", "field": "justification"}
    assert error["message"] == "Please explain in writing why the advice is not (fully) followed."
    answered = data(
        await gql(
            ANSWER,
            people.staff,
            input={
                "adviceId": advice["id"],
                "response": "NOT_FOLLOWED",
                "justification": "Wettelijk verplicht.",
            },
        )
    )
    assert answered["answerAdvice"] == {"id": advice["id"], "state": "answered", "response": "not_followed"}


ROLES = ("tenant", "other_tenant", "member", "staff", "partner", "anonymous")
ALLOWED = {
    "createCouncil": {"staff"},
    "appointMandate": {"staff"},
    "proposeAgendaItem": {"tenant", "member"},
    "reviewAgendaItem": {"member"},
    "scheduleMeeting": {"member"},
    "recordAttendance": {"member"},
    "markAgendaItemDiscussed": {"member"},
    "recordVote": {"member"},
    "decideAgendaItem": {"member"},
    "publishMinutes": {"member"},
    "requestAdvice": {"member", "staff"},
    "issueAdvice": {"member"},
    "answerAdvice": {"staff"},
    "recordAdviceFollowUp": {"staff"},
}


async def matrix_inputs(gql: Gql, council_id: str, people: People) -> dict[str, dict[str, Any]]:
    """For each mutation, an input that the allowed roles may send: a proposed item, a held meeting
    with a scheduled item, a requested and an issued advice (answered before it is followed up)."""
    text = {"nl": "Tekst", "fr": "Texte"}

    async def item(title: str) -> str:
        proposal = {"councilId": council_id, "title": {"nl": title}, "motivation": text, "category": "OTHER"}
        return str(data(await gql(PROPOSE, people.member, input=proposal))["proposeAgendaItem"]["id"])

    proposed, scheduled = await item("Voorstel"), await item("Geagendeerd")
    data(await gql(REVIEW, people.member, input={"itemId": scheduled, "decision": "ACCEPT"}))
    when = {"startsAt": soon().isoformat(), "endsAt": soon(hours=1).isoformat()}
    meeting = data(
        await gql(SCHEDULE, people.member, input={"councilId": council_id, "itemIds": [scheduled], **when})
    )
    meeting_id = meeting["scheduleMeeting"]["id"]
    data(await gql(ATTEND, people.member, input={"meetingId": meeting_id, "present": people.members[:3]}))
    ask = {
        "councilId": council_id,
        "subject": "HOUSE_RULES",
        "question": text,
        "dueOn": str(date.today() + timedelta(days=9)),
    }
    requested = data(await gql(REQUEST, people.staff, input=ask))["requestAdvice"]["id"]
    issued = data(await gql(REQUEST, people.staff, input=ask))["requestAdvice"]["id"]
    data(await gql(ISSUE, people.member, input={"adviceId": issued, "text": text}))
    term = {"termStart": str(date.today()), "termEnd": str(date.today() + timedelta(days=99))}
    return {
        "createCouncil": {"landlordId": people.landlord, "name": text, "seats": 5},
        "appointMandate": {"councilId": council_id, "personId": str(uuid.uuid4()), "role": "member", **term},
        "proposeAgendaItem": {"councilId": council_id, "title": text},
        "reviewAgendaItem": {"itemId": proposed, "decision": "DECLINE", "reason": "Buiten bevoegdheid"},
        "scheduleMeeting": {"councilId": council_id, **when},
        "recordAttendance": {"meetingId": meeting_id, "present": people.members[:3]},
        "markAgendaItemDiscussed": {"itemId": scheduled},
        "recordVote": {
            "meetingId": meeting_id,
            "itemId": scheduled,
            "personId": people.members[0],
            "choice": "FOR",
        },
        "decideAgendaItem": {"itemId": scheduled, "outcome": "POSTPONED"},
        "publishMinutes": {"meetingId": meeting_id, "summary": text},
        "requestAdvice": ask,
        "issueAdvice": {"adviceId": requested, "text": text},
        "answerAdvice": {"adviceId": issued, "response": "FOLLOWED"},
        "recordAdviceFollowUp": {"adviceId": issued, "status": "PLANNED", "text": text},
    }


async def test_every_mutation_allows_exactly_the_roles_it_should(
    gql: Gql, council: tuple[str, People]
) -> None:
    council_id, people = council
    inputs = await matrix_inputs(gql, council_id, people)
    tokens = {
        "tenant": people.tenant,
        "other_tenant": people.other_tenant,
        "member": people.member,
        "staff": people.staff,
        "partner": people.partner,
        "anonymous": None,
    }
    seen: dict[str, dict[str, str]] = {}
    refused_later: dict[tuple[str, str], set[str]] = {}
    for mutation, variables in inputs.items():
        input_type = mutation[0].upper() + mutation[1:] + "Input"
        query = f"mutation ($input: {input_type}!) {{ {mutation}(input: $input) {{ __typename }} }}"
        for role in ROLES:
            body = await gql(query, tokens[role], input=variables)
            codes = {error["extensions"]["code"] for error in body.get("errors") or []}
            assert "INTERNAL" not in codes, (mutation, role, body)
            outcome = next(iter(codes & {"FORBIDDEN", "UNAUTHENTICATED"}), "allowed")
            seen.setdefault(mutation, {})[role] = outcome
            if outcome == "allowed" and codes:
                refused_later[(mutation, role)] = codes
    expected = {
        mutation: {
            role: "allowed" if role in allowed else "UNAUTHENTICATED" if role == "anonymous" else "FORBIDDEN"
            for role in ROLES
        }
        for mutation, allowed in ALLOWED.items()
    }
    assert seen == expected
    # Allowed through the permission check, then stopped by the domain: the landlord has its
    # council already and its five seats are all taken.
    assert refused_later == {
        ("createCouncil", "staff"): {"CONFLICT"},
        ("appointMandate", "staff"): {"VALIDATION"},
    }


FOLLOW_UP = """mutation ($input: RecordAdviceFollowUpInput!) { recordAdviceFollowUp(input: $input) {
  id followUpDue followUps { on status text } } }"""
ADVICE_PAGE = """query ($id: ID!) { council(id: $id) {
  advice { items { id followUpDue followUps { status } } } followUpDueAdvice { id } } }"""
INDICATORS = """query ($landlord: ID!, $from: Date!, $to: Date!) {
  indicators(landlordId: $landlord, from: $from, to: $to) { landlordId councils {
    councilId itemsProposed itemsAccepted itemsDecided adviceIssued adviceAnswered
    answeredOnTimeShare medianResponseDays meetingsHeld attendanceRate } } }"""


async def answered_advice_after(gql: Gql, council_id: str, people: People, app: FastAPI, days: int) -> str:
    """An advice requested, issued, and answered by the landlord ``days`` after it was issued."""
    ask = {
        "councilId": council_id,
        "subject": "MAINTENANCE_PROGRAMME",
        "question": {"nl": "Renovatieplan?"},
        "dueOn": str(date.today() + timedelta(days=14)),
    }
    advice = str(data(await gql(REQUEST, people.staff, input=ask))["requestAdvice"]["id"])
    data(await gql(ISSUE, people.member, input={"adviceId": advice, "text": {"nl": "Daken eerst."}}))
    data(await gql(ANSWER, people.staff, input={"adviceId": advice, "response": "FOLLOWED"}))
    async with transaction(app.state.runtime.sessions) as session:  # it was issued ``days`` ago
        issued = datetime.now(UTC) - timedelta(days=days)
        await session.exec(update(AdviceRow).where(col(AdviceRow.id) == advice).values(issued_at=issued))
    return advice


async def test_the_landlord_follows_up_advice_each_quarter_and_the_council_sees_when_it_is_due(
    gql: Gql, council: tuple[str, People], councils_app: FastAPI
) -> None:
    council_id, people = council
    advice = await answered_advice_after(gql, council_id, people, councils_app, 10)
    page = data(await gql(ADVICE_PAGE, people.member, id=council_id))["council"]
    assert page["advice"]["items"] == [{"id": advice, "followUpDue": True, "followUps": []}]
    assert page["followUpDueAdvice"] == [{"id": advice}]

    entry = {
        "adviceId": advice,
        "status": "IN_PROGRESS",
        "text": {"nl": "Bestek klaar.", "fr": "Cahier prêt."},
    }
    refused = await gql(FOLLOW_UP, people.member, input=entry)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    future = await gql(FOLLOW_UP, people.staff, input={**entry, "on": str(date.today() + timedelta(days=2))})
    assert future["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "on"}
    followed = data(await gql(FOLLOW_UP, people.staff, language="fr", input=entry))["recordAdviceFollowUp"]
    assert followed == {
        "id": advice,
        "followUpDue": False,
        "followUps": [{"on": str(date.today()), "status": "in_progress", "text": "Cahier prêt."}],
    }
    page = data(await gql(ADVICE_PAGE, people.tenant, id=council_id))["council"]
    assert page["followUpDueAdvice"] == []
    [event] = await outbox(councils_app.state.runtime.sessions, "inspraak.councils.advice.followed_up")
    assert event["data"]["status"] == "in_progress" and "text" not in event["data"]


async def test_indicators_of_a_landlord_include_its_council(
    gql: Gql, council: tuple[str, People], councils_app: FastAPI, test_issuer: TestIssuer
) -> None:
    council_id, people = council
    text = {"nl": "Tekst"}
    items = []
    for title in ("Lift", "Verlichting", "Tuin"):
        proposal = {"councilId": council_id, "title": {"nl": title}, "motivation": text, "category": "OTHER"}
        items.append(data(await gql(PROPOSE, people.tenant, input=proposal))["proposeAgendaItem"]["id"])
    for item in items[:2]:
        data(await gql(REVIEW, people.member, input={"itemId": item, "decision": "ACCEPT"}))
    when = {"startsAt": soon().isoformat(), "endsAt": soon(hours=1).isoformat()}
    meeting = data(
        await gql(SCHEDULE, people.member, input={"councilId": council_id, "itemIds": items[:2], **when})
    )["scheduleMeeting"]["id"]
    data(await gql(ATTEND, people.member, input={"meetingId": meeting, "present": people.members[:4]}))
    discussed = data(await gql(DISCUSS, people.member, input={"itemId": items[0]}))["markAgendaItemDiscussed"]
    assert discussed["state"] == "discussed"
    decide = {"itemId": items[0], "outcome": "DECIDED", "decision": text, "motivation": text}
    data(await gql(DECIDE, people.member, input=decide))
    for days in (10, 30):
        await answered_advice_after(gql, council_id, people, councils_app, days)

    period = {"from": str(date.today() - timedelta(days=40)), "to": str(date.today() + timedelta(days=30))}
    found = data(await gql(INDICATORS, people.staff, landlord=people.landlord, **period))["indicators"]
    assert found == {
        "landlordId": people.landlord,
        "councils": {
            "councilId": raw_id(council_id),
            "itemsProposed": 3,
            "itemsAccepted": 2,
            "itemsDecided": 1,
            "adviceIssued": 2,
            "adviceAnswered": 2,
            "answeredOnTimeShare": 1.0,
            "medianResponseDays": 20.0,
            "meetingsHeld": 1,
            "attendanceRate": 0.8,
        },
    }
    assert (
        data(await gql(INDICATORS, people.member, landlord=people.landlord, **period))["indicators"] == found
    )
    admin = test_issuer.person("regional_admin", None)
    assert data(await gql(INDICATORS, admin, landlord=people.landlord, **period))["indicators"] == found
    for token, code in (
        (people.tenant, "FORBIDDEN"),
        (people.other_tenant, "FORBIDDEN"),
        (None, "UNAUTHENTICATED"),
    ):
        refused = await gql(INDICATORS, token, landlord=people.landlord, **period)
        assert refused["errors"][0]["extensions"]["code"] == code


async def test_a_council_and_its_meeting_are_refetched_by_their_global_ids(
    gql: Gql, council: tuple[str, People]
) -> None:
    council_id, people = council
    when = {"startsAt": soon().isoformat(), "endsAt": soon(hours=1).isoformat()}
    scheduled = await gql(
        SCHEDULE, people.member, input={"councilId": raw_id(council_id), "itemIds": [], **when}
    )
    meeting_id = data(scheduled)["scheduleMeeting"]["id"]
    query = """query ($ids: [ID!]!) { nodes(ids: $ids) {
        id ... on Council { seats } ... on Meeting { councilId } } }"""
    found = data(await gql(query, people.member, ids=[council_id, meeting_id]))["nodes"]
    assert found == [{"id": council_id, "seats": 5}, {"id": meeting_id, "councilId": raw_id(council_id)}]
    wrong = await gql("query ($id: ID!) { councilMeeting(id: $id) { id } }", people.member, id=council_id)
    assert wrong["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "id"}
