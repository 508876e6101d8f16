"""The council members' pages in process: the board, reviewing, planning, attendance, votes,
minutes and advice; refusals next to the field in the page's language, gateway errors not 500s."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from .conftest import LANDLORD_ID, FakeGateway

ITEM = "a1000000-0000-4000-8000-000000000001"
WAITING = "a1000000-0000-4000-8000-000000000002"
MEETING = "b1000000-0000-4000-8000-000000000001"
ADVICE = "c1000000-0000-4000-8000-000000000001"
PERSON = "d1000000-0000-4000-8000-000000000001"


def item(item_id: str, title: str, state: str) -> dict[str, Any]:
    return {
        "id": item_id,
        "title": title,
        "motivation": "Elles débordent.",
        "category": None,
        "state": state,
        "proposedBy": "tenant",
        "proposerSignature": None,
        "meetingId": None,
        "position": None,
        "decision": None,
        "decisionMotivation": None,
    }


MEETING_DATA = {
    "id": MEETING,
    "councilId": "c1",
    "startsAt": "2026-06-01T17:00:00+00:00",
    "endsAt": "2026-06-01T19:00:00+00:00",
    "venue": "Salle A",
    "venueStatus": "given",
    "heldAt": None,
    "sitting": None,
    "present": None,
    "presentIds": None,
    "minutes": None,
    "agenda": [item(WAITING, "Le jardin", "scheduled")],
}


class CouncilGateway(FakeGateway):
    """The fake gateway of a council member of the landlord's council."""

    def __init__(self) -> None:
        super().__init__()
        self.token_answer = (200, {"access_token": "member-token", "token_type": "Bearer"})
        self.me = {
            "kind": "PERSON",
            "person": {"displayName": "Noor"},
            "household": None,
            "memberships": [{"role": "council_member", "landlord": {"id": LANDLORD_ID}}],
        }
        self.meeting = dict(MEETING_DATA)
        self.viewer = "member"

    def data(self, operation: str) -> dict[str, Any]:
        advice = {
            "id": ADVICE,
            "origin": "landlord",
            "subject": "house_rules",
            "state": "requested",
            "question": "Que pensez-vous du nouveau règlement ?",
            "text": None,
            "dueOn": "2020-01-31",
            "issuedAt": None,
            "answerDueOn": None,
            "response": None,
            "justification": None,
            "answeredAt": None,
            "answeredOnTime": None,
            "overdue": False,
            "followUpDue": False,
        }
        council = {
            "id": "c1",
            "name": "CoCoLo",
            "viewer": self.viewer,
            "seats": 7,
            "quorum": None,
            "upcomingMeeting": self.meeting,
            "proposed": {"nodes": [item(ITEM, "Les poubelles du bloc C", "proposed")]},
            "waiting": {"nodes": [item(WAITING, "Le jardin", "accepted")]},
            "meetings": {"nodes": [{**self.meeting, "heldAt": "2026-01-01T18:00:00+00:00", "id": "old"}]},
            "advice": {"nodes": [advice]},
            "overdueAdvice": [],
        }
        mandates = [
            {
                "id": "m1",
                "personId": PERSON,
                "role": "president",
                "termStart": "2025-01-01",
                "termEnd": "2029-01-01",
            }
        ]
        answers = {
            "CouncilBoard": {"councils": [council]},
            "CouncilWaiting": {"councils": [council]},
            "CouncilMeeting": {"councilMeeting": self.meeting},
            "CouncilMandates": {"council": {**council, "mandates": mandates}},
            "ReviewItem": {"reviewAgendaItem": {"id": ITEM, "state": "accepted", "meetingId": None}},
            "ScheduleMeeting": {"scheduleMeeting": {"id": MEETING}},
            "RecordAttendance": {"recordAttendance": {"id": MEETING, "present": 1}},
            "RecordVote": {"recordVote": {"votesFor": 1, "votesAgainst": 0, "abstentions": 0}},
            "DecideItem": {"decideAgendaItem": {"id": WAITING, "state": "decided"}},
            "PublishMinutes": {"publishMinutes": {"id": MEETING}},
            "IssueAdvice": {"issueAdvice": {"id": ADVICE, "state": "issued"}},
        }
        return answers[operation] if operation in answers else super().data(operation)


@pytest.fixture
def gateway() -> CouncilGateway:
    return CouncilGateway()


async def sign_in_member(browser: httpx.AsyncClient) -> None:
    response = await browser.post("/login/account", data={"username": "council.demo", "password": "pw"})
    assert response.status_code == 303


async def test_the_board_shows_proposals_next_meeting_waiting_items_and_overdue_advice(
    browser: httpx.AsyncClient,
) -> None:
    await sign_in_member(browser)
    page = await browser.get("/council/board")
    assert page.status_code == 200
    assert "Les poubelles du bloc C" in page.text and "Salle A" in page.text
    assert f'href="/council/meetings/new?item={WAITING}"' in page.text
    assert "En retard" in page.text, "advice past its due date is marked in words, not colour only"
    assert 'href="/static/board.css"' in page.text and 'href="/council/board"' in page.text
    assert 'href="/council/meetings/old/minutes"' in page.text


async def test_the_board_asks_for_the_next_meetings_agenda_when_the_council_leaves_it_out(
    browser: httpx.AsyncClient, gateway: CouncilGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A council's meeting list answers ``agenda: null``; the board then reads the meeting itself."""
    await sign_in_member(browser)
    full = dict(gateway.meeting)
    gateway.meeting = {**full, "agenda": None}
    answer = gateway.data

    def data(operation: str) -> dict[str, Any]:
        return {"councilMeeting": full} if operation == "CouncilMeeting" else answer(operation)

    monkeypatch.setattr(gateway, "data", data)
    page = await browser.get("/council/board")
    assert page.status_code == 200 and "<ol><li>Le jardin</li></ol>" in page.text
    assert gateway.last("CouncilMeeting")["variables"] == {"id": MEETING}


async def test_accepting_needs_a_subject_and_declining_a_reason(
    browser: httpx.AsyncClient, gateway: CouncilGateway
) -> None:
    await sign_in_member(browser)
    missing = await browser.post(f"/council/items/{ITEM}/review", data={"decision": "decline"})
    assert missing.status_code == 400 and "Écrivez pourquoi le conseil refuse." in missing.text
    assert f'aria-describedby="reason-{ITEM}-error reason-{ITEM}-hint"' in missing.text
    accepted = await browser.post(
        f"/council/items/{ITEM}/review", data={"decision": "accept", "category": "collective_equipment"}
    )
    assert accepted.status_code == 303 and accepted.headers["location"].startswith(
        "/council/board?done=accepted"
    )
    assert gateway.last("ReviewItem")["variables"]["input"] == {
        "itemId": ITEM,
        "decision": "ACCEPT",
        "category": "COLLECTIVE_EQUIPMENT",
    }
    board = await browser.get(accepted.headers["location"])
    assert "Le point est accepté" in board.text and 'role="status"' in board.text


async def test_a_refusal_of_the_gateway_is_shown_next_to_the_field_it_names(
    browser: httpx.AsyncClient, gateway: CouncilGateway
) -> None:
    await sign_in_member(browser)
    gateway.errors["ReviewItem"] = {
        "message": "Donnez une raison.",
        "extensions": {"code": "VALIDATION", "field": "reason"},
    }
    page = await browser.post(f"/council/items/{ITEM}/review", data={"decision": "decline", "reason": " x "})
    assert page.status_code == 400 and f'id="reason-{ITEM}-error">Donnez une raison.' in page.text


async def test_planning_a_meeting_schedules_the_chosen_items_in_brussels_time(
    browser: httpx.AsyncClient, gateway: CouncilGateway
) -> None:
    await sign_in_member(browser)
    form = await browser.get(f"/council/meetings/new?item={WAITING}")
    assert f'value="{WAITING}" checked' in form.text
    wrong = await browser.post("/council/meetings/new", data={"day": "", "starts": "19:00", "ends": "18:00"})
    assert wrong.status_code == 400
    assert (
        "Choisissez le jour de la réunion." in wrong.text
        and "La fin doit venir après le début." in wrong.text
    )
    planned = await browser.post(
        "/council/meetings/new",
        data={
            "day": "2030-06-03",
            "starts": "18:00",
            "ends": "20:00",
            "venue": "Salle A",
            "items": [WAITING],
        },
    )
    assert planned.headers["location"] == f"/council/meetings/{MEETING}?done=planned"
    sent = gateway.last("ScheduleMeeting")["variables"]["input"]
    assert sent["startsAt"] == "2030-06-03T18:00:00+02:00" and sent["itemIds"] == [WAITING]


async def test_a_meeting_in_the_past_is_refused_next_to_the_day(
    browser: httpx.AsyncClient, gateway: CouncilGateway
) -> None:
    await sign_in_member(browser)
    gateway.errors["ScheduleMeeting"] = {
        "message": "Une réunion se planifie à l'avance.",
        "extensions": {"code": "VALIDATION", "field": "starts_at"},
    }
    page = await browser.post(
        "/council/meetings/new", data={"day": "2020-01-01", "starts": "18:00", "ends": "19:00"}
    )
    assert page.status_code == 400 and 'id="day-error">Une réunion se planifie à l&#39;avance.' in page.text


async def test_attendance_then_votes_and_outcomes(
    browser: httpx.AsyncClient, gateway: CouncilGateway
) -> None:
    await sign_in_member(browser)
    page = await browser.get(f"/council/meetings/{MEETING}")
    assert "Membre 1 (président·e)" in page.text and 'name="present"' in page.text
    recorded = await browser.post(f"/council/meetings/{MEETING}/attendance", data={"present": [PERSON]})
    assert recorded.status_code == 303
    assert gateway.last("RecordAttendance")["variables"]["input"]["present"] == [PERSON]
    gateway.meeting = {
        **MEETING_DATA,
        "heldAt": "2026-06-01T17:05:00+00:00",
        "presentIds": [PERSON],
        "present": 1,
    }
    voted = await browser.post(
        f"/council/meetings/{MEETING}/votes", data={"item": WAITING, "person": PERSON, "choice": "for"}
    )
    tally = await browser.get(voted.headers["location"])
    assert "1 pour, 0 contre, 0 abstention" in tally.text
    gateway.errors["RecordVote"] = {"message": "Quorum non atteint.", "extensions": {"code": "CONFLICT"}}
    refused = await browser.post(
        f"/council/meetings/{MEETING}/votes", data={"item": WAITING, "person": PERSON, "choice": "for"}
    )
    assert refused.status_code == 400 and "Quorum non atteint." in refused.text
    no_text = await browser.post(
        f"/council/meetings/{MEETING}/outcome", data={"item": WAITING, "result": "decided"}
    )
    assert no_text.status_code == 400 and "Écrivez ce que le conseil a décidé." in no_text.text
    decided = await browser.post(
        f"/council/meetings/{MEETING}/outcome", data={"item": WAITING, "result": "decided", "decision": "Oui"}
    )
    assert decided.status_code == 303
    assert gateway.last("DecideItem")["variables"]["input"]["decision"] == {"fr": "Oui"}


async def test_the_minutes_draft_is_kept_sealed_then_published(
    browser: httpx.AsyncClient, gateway: CouncilGateway
) -> None:
    await sign_in_member(browser)
    gateway.meeting = {**MEETING_DATA, "heldAt": "2026-06-01T17:05:00+00:00"}
    editor = await browser.get(f"/council/meetings/{MEETING}/minutes")
    assert 'name="summary"' in editor.text
    kept = await browser.post(
        f"/council/meetings/{MEETING}/minutes",
        data={
            "summary": "Nous avons parlé du jardin.",
            "todos": "Lettre au bailleur - Noor",
            "action": "draft",
        },
    )
    assert kept.status_code == 303 and "Nous avons" not in kept.headers["set-cookie"]
    again = await browser.get(f"/council/meetings/{MEETING}/minutes")
    assert "Nous avons parlé du jardin." in again.text and "Lettre au bailleur - Noor" in again.text
    bad = await browser.post(
        f"/council/meetings/{MEETING}/minutes",
        data={"summary": "", "todos": "sans personne", "action": "publish"},
    )
    assert bad.status_code == 400 and 'id="todos-error"' in bad.text and 'id="summary-error"' in bad.text
    published = await browser.post(
        f"/council/meetings/{MEETING}/minutes",
        data={
            "summary": "Nous avons parlé du jardin.",
            "todos": "Lettre au bailleur - Noor",
            "action": "publish",
        },
    )
    assert published.headers["location"].endswith("done=published")
    assert gateway.last("PublishMinutes")["variables"]["input"]["todos"] == [
        {"text": "Lettre au bailleur", "owner": "Noor"}
    ]


async def test_a_draft_is_kept_for_a_meeting_whose_global_id_ends_in_padding(
    browser: httpx.AsyncClient, gateway: CouncilGateway
) -> None:
    """The gateway's ids are base64 ("...=") and cannot be part of a cookie's name as they are."""
    await sign_in_member(browser)
    meeting = "TWVldGluZzpiMTAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDE="
    gateway.meeting = {**MEETING_DATA, "id": meeting, "heldAt": "2026-06-01T17:05:00+00:00"}
    kept = await browser.post(
        f"/council/meetings/{meeting}/minutes",
        data={"summary": "Le jardin.", "todos": "", "action": "draft"},
    )
    assert kept.status_code == 303 and "=" not in kept.headers["set-cookie"].split("=", 1)[0]
    again = await browser.get(f"/council/meetings/{meeting}/minutes")
    assert "Le jardin." in again.text


async def test_issuing_advice_and_a_not_held_refusal(
    browser: httpx.AsyncClient, gateway: CouncilGateway
) -> None:
    await sign_in_member(browser)
    page = await browser.get(f"/council/advice/{ADVICE}")
    assert "Que pensez-vous du nouveau règlement ?" in page.text and "En retard" in page.text
    empty = await browser.post(f"/council/advice/{ADVICE}", data={"text": " "})
    assert empty.status_code == 400 and 'id="text-error"' in empty.text
    issued = await browser.post(f"/council/advice/{ADVICE}", data={"text": "Nous sommes d'accord."})
    assert issued.headers["location"] == f"/council/advice/{ADVICE}?done=issued"
    assert (await browser.get("/council/advice/unknown")).status_code == 404


async def test_people_who_are_not_members_are_told_so(
    browser: httpx.AsyncClient, gateway: CouncilGateway
) -> None:
    gateway.me["memberships"] = [{"role": "community_worker", "landlord": {"id": LANDLORD_ID}}]
    await sign_in_member(browser)
    page = await browser.get("/council/board")
    assert page.status_code == 403 and "Cette page est pour les membres du conseil." in page.text
    assert 'href="/council/board"' not in page.text


async def test_gateway_errors_show_a_page_in_the_language_not_a_500(
    browser: httpx.AsyncClient, gateway: CouncilGateway
) -> None:
    await sign_in_member(browser)
    gateway.errors["CouncilBoard"] = {"message": "Accès refusé.", "extensions": {"code": "FORBIDDEN"}}
    page = await browser.get("/council/board")
    assert page.status_code == 403 and "Accès refusé." in page.text
    gateway.errors["CouncilMeeting"] = {"message": "Introuvable.", "extensions": {"code": "NOT_FOUND"}}
    assert (await browser.get(f"/council/meetings/{MEETING}")).status_code == 404


async def test_not_signed_in_goes_to_the_welcome_page(browser: httpx.AsyncClient) -> None:
    response = await browser.get("/council/board")
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_every_dynamic_label_of_the_council_and_staff_pages_exists_in_each_language() -> None:
    locales = Path(__file__).resolve().parents[2] / "portal" / "locales"
    for lang in ("nl", "fr", "en"):
        keys = json.loads((locales / "council" / f"{lang}.json").read_text()).keys()
        keys |= json.loads((locales / "staff" / f"{lang}.json").read_text()).keys()
        for state in (
            "proposed",
            "accepted",
            "declined",
            "merged",
            "scheduled",
            "discussed",
            "decided",
            "postponed",
        ):
            assert f"portal.council.item.{state}" in keys
        for subject in ("maintenance_programme", "own_initiative", "other"):
            assert f"portal.council.category.{subject}" in keys
        for phase in ("draft", "scheduled", "open", "closed"):
            assert f"portal.staff.phase.{phase}" in keys


async def test_the_meeting_page_names_the_members_the_gateway_names(
    browser: httpx.AsyncClient, gateway: CouncilGateway
) -> None:
    known = gateway.data

    def named(operation: str) -> dict[str, Any]:
        answer = known(operation)
        if operation == "CouncilMandates":
            council = answer["council"]
            mandates = [{**m, "displayName": "Amina El Idrissi"} for m in council["mandates"]]
            return {"council": {**council, "mandates": mandates}}
        return answer

    gateway.data = named  # type: ignore[method-assign]
    await sign_in_member(browser)
    page = await browser.get(f"/council/meetings/{MEETING}")
    assert "Amina El Idrissi (président·e)" in page.text and "Membre 1" not in page.text
