"""The landlord staff's pages in process: advice, bookings, consultations and follow-ups,
indicators (SVG charts and tables, suppressed cells); refusals shown, never a 500."""

from __future__ import annotations

import base64
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from .conftest import LANDLORD_ID, FakeGateway


def gid(type_name: str, raw: str) -> str:
    """A global id as the gateway shows a Node's id (docs/adr/0007-graphql-global-ids.md)."""
    return base64.b64encode(f"{type_name}:{raw}".encode()).decode()


ADVICE = "c1000000-0000-4000-8000-000000000001"
BOOKING = "e1000000-0000-4000-8000-000000000001"
DRAFT = "f1000000-0000-4000-8000-000000000001"
CLOSED = "f1000000-0000-4000-8000-000000000002"


class StaffGateway(FakeGateway):
    """The fake gateway of the landlord's staff."""

    def __init__(self) -> None:
        super().__init__()
        self.token_answer = (200, {"access_token": "staff-token", "token_type": "Bearer"})
        self.me = {
            "kind": "PERSON",
            "person": {"displayName": "Sam"},
            "household": None,
            "memberships": [{"role": "landlord_staff", "landlord": {"id": LANDLORD_ID}}],
        }

    def data(self, operation: str) -> dict[str, Any]:
        advice = {
            "id": ADVICE,
            "origin": "landlord",
            "subject": "service_charges",
            "state": "issued",
            "question": "Les charges ?",
            "text": "Baissez-les.",
            "dueOn": None,
            "issuedAt": "2025-01-01T10:00:00+00:00",
            "answerDueOn": "2025-04-01",
            "response": None,
            "justification": None,
            "answeredAt": None,
            "overdue": True,
            "followUpDue": False,
        }
        booking = {
            "id": BOOKING,
            "state": "requested",
            "purpose": "Cours de couture",
            "attendees": 8,
            "startsAt": "2030-03-01T09:00:00+00:00",
            "endsAt": "2030-03-01T11:00:00+00:00",
            "requestSource": None,
            "organisation": {"kind": "partner", "id": "p1"},
        }
        consultations = [
            {
                "id": DRAFT,
                "phase": "DRAFT",
                "opensAt": "2030-01-01T00:00:00+00:00",
                "closesAt": "2030-02-01T00:00:00+00:00",
                "followUpDue": None,
                "followUpOverdue": False,
                "title": {"text": "Brouillon"},
                "followUp": None,
            },
            {
                "id": CLOSED,
                "phase": "CLOSED",
                "opensAt": "2026-01-05T00:00:00+00:00",
                "closesAt": "2026-02-01T00:00:00+00:00",
                "followUpDue": "2026-03-01",
                "followUpOverdue": True,
                "title": {"text": "Cour et jardin"},
                "followUp": None,
                "suppressionThreshold": 5,
                "participation": {
                    "bySite": [
                        {"key": "s1", "invited": 40, "responded": 10},
                        {"key": "s2", "invited": 6, "responded": 2},
                    ]
                },
            },
        ]
        answers = {
            "StaffAdvice": {
                "councils": [{"id": "c1", "name": "CoCoLo", "viewer": "staff", "advice": {"nodes": [advice]}}]
            },
            "RequestAdvice": {"requestAdvice": {"id": "new"}},
            "AnswerAdvice": {"answerAdvice": {"id": ADVICE, "state": "answered"}},
            "PendingBookings": {
                "spaces": {
                    "nodes": [
                        {
                            "id": "r1",
                            "name": "Salle du Peterbos",
                            "capacity": 20,
                            "bookings": {"nodes": [booking, {**booking, "id": "x", "state": "confirmed"}]},
                        }
                    ]
                }
            },
            "ApproveBooking": {"approveBooking": {"id": BOOKING, "state": "confirmed"}},
            "RejectBooking": {"rejectBooking": {"id": BOOKING, "state": "rejected"}},
            "StaffConsultations": {"consultations": {"nodes": consultations}},
            "PublishConsultation": {"publishConsultation": {"id": DRAFT, "phase": "OPEN"}},
            "PublishFollowUp": {"publishFollowUp": {"id": CLOSED}},
            "StaffIndicators": {
                "landlord": {
                    "name": "Foyer",
                    # Node ids are global ids, the indicators' keys raw ones (as the gateway sends them).
                    "sites": [
                        {"id": gid("Site", "s1"), "name": "Peterbos"},
                        {"id": gid("Site", "s2"), "name": "Messidor"},
                    ],
                },
                "spaces": {
                    "nodes": [
                        {"id": gid("Space", "r1"), "name": "Salle du Peterbos", "siteId": "s1"},
                        {"id": gid("Space", "r2"), "name": "Local vélo", "siteId": "s2"},
                    ]
                },
                "indicators": {
                    "periodFrom": "2025-06-01",
                    "periodTo": "2026-05-31",
                    "councils": None,
                    # The surveys service suppresses Messidor (2 answers < its threshold of 5).
                    "surveys": {
                        "sites": [
                            {
                                "siteId": "s1",
                                "invited": 40,
                                "responded": 10,
                                "rate": 25.0,
                                "suppressed": False,
                            },
                            {
                                "siteId": "s2",
                                "invited": None,
                                "responded": None,
                                "rate": None,
                                "suppressed": True,
                            },
                        ]
                    },
                    "spaces": {
                        "total": {"openHours": 100, "bookedHours": 25, "occupancyRate": 0.25},
                        "spaces": [
                            {
                                "spaceId": "r1",
                                "siteId": "s1",
                                "openHours": 100,
                                "bookedHours": 25,
                                "occupancyRate": 0.25,
                            },
                            {
                                "spaceId": "r2",
                                "siteId": "s2",
                                "openHours": 0,
                                "bookedHours": 0,
                                "occupancyRate": None,
                            },
                        ],
                    },
                },
                "consultations": {"nodes": consultations},
            },
        }
        return answers[operation] if operation in answers else super().data(operation)


@pytest.fixture
def gateway() -> StaffGateway:
    return StaffGateway()


async def sign_in_staff(browser: httpx.AsyncClient) -> None:
    response = await browser.post("/login/account", data={"username": "staff.demo", "password": "pw"})
    assert response.status_code == 303


async def test_the_staff_home_links_each_page(browser: httpx.AsyncClient) -> None:
    await sign_in_staff(browser)
    page = await browser.get("/staff")
    for path in ("/staff/advice", "/staff/bookings", "/staff/consultations", "/staff/indicators"):
        assert f'href="{path}"' in page.text


async def test_advice_overdue_first_and_not_followed_needs_a_justification_next_to_the_field(
    browser: httpx.AsyncClient, gateway: StaffGateway
) -> None:
    await sign_in_staff(browser)
    page = await browser.get("/staff/advice")
    assert "Votre réponse est en retard" in page.text and "Baissez-les." in page.text
    assert "01/04/2025" in page.text and "2025-04-01" not in page.text, "dates as Belgians write them"
    gateway.errors["AnswerAdvice"] = {
        "message": "Une justification est nécessaire.",
        "extensions": {"code": "VALIDATION", "field": "justification"},
    }
    refused = await browser.post(f"/staff/advice/{ADVICE}/answer", data={"response": "not_followed"})
    assert refused.status_code == 400
    assert f'id="justification-{ADVICE}-error">Une justification est nécessaire.' in refused.text
    assert 'aria-invalid="true"' in refused.text and 'value="not_followed" checked' in refused.text
    del gateway.errors["AnswerAdvice"]
    answered = await browser.post(
        f"/staff/advice/{ADVICE}/answer", data={"response": "partly_followed", "justification": "Budget."}
    )
    assert answered.status_code == 303
    assert gateway.last("AnswerAdvice")["variables"]["input"]["response"] == "PARTLY_FOLLOWED"


async def test_requesting_advice_checks_the_fields_in_the_page_language(
    browser: httpx.AsyncClient, gateway: StaffGateway
) -> None:
    await browser.get("/lang/nl")
    await sign_in_staff(browser)
    empty = await browser.post("/staff/advice", data={"subject": "", "question": "", "due_on": "2001-01-01"})
    assert empty.status_code == 400
    assert "Kies een onderwerp." in empty.text and "Schrijf uw vraag." in empty.text
    assert "Kies een dag na vandaag." in empty.text
    sent = await browser.post(
        "/staff/advice",
        data={"subject": "house_rules", "question": "Nieuw reglement?", "due_on": "2099-01-31"},
    )
    assert sent.headers["location"] == "/staff/advice?done=requested"
    assert gateway.last("RequestAdvice")["variables"]["input"] == {
        "councilId": "c1",
        "subject": "HOUSE_RULES",
        "question": {"nl": "Nieuw reglement?"},
        "dueOn": "2099-01-31",
    }


async def test_pending_bookings_are_approved_or_rejected_with_a_reason(
    browser: httpx.AsyncClient, gateway: StaffGateway
) -> None:
    await sign_in_staff(browser)
    page = await browser.get("/staff/bookings")
    assert "Cours de couture" in page.text and page.text.count('name="decision" value="approve"') == 1
    window = gateway.last("PendingBookings")["variables"]
    span = datetime.fromisoformat(window["to"]) - datetime.fromisoformat(window["from"])
    assert span <= timedelta(days=62), "the gateway lists bookings 62 days at a time"
    no_reason = await browser.post(f"/staff/bookings/{BOOKING}", data={"decision": "reject"})
    assert no_reason.status_code == 400 and "Écrivez pourquoi vous refusez." in no_reason.text
    approved = await browser.post(f"/staff/bookings/{BOOKING}", data={"decision": "approve"})
    assert approved.headers["location"] == "/staff/bookings?done=approved"
    gateway.errors["RejectBooking"] = {"message": "Déjà décidée.", "extensions": {"code": "CONFLICT"}}
    conflict = await browser.post(
        f"/staff/bookings/{BOOKING}", data={"decision": "reject", "reason": "Fermé"}
    )
    assert conflict.status_code == 400 and "Déjà décidée." in conflict.text


async def test_publishing_a_draft_and_a_follow_up(browser: httpx.AsyncClient, gateway: StaffGateway) -> None:
    await sign_in_staff(browser)
    page = await browser.get("/staff/consultations")
    assert (
        "Le suivi est en retard" in page.text
        and f'action="/staff/consultations/{DRAFT}/publish"' in page.text
    )
    gateway.errors["PublishConsultation"] = {
        "message": "Il manque le texte en néerlandais.",
        "extensions": {"code": "VALIDATION", "field": "title"},
    }
    refused = await browser.post(f"/staff/consultations/{DRAFT}/publish")
    assert refused.status_code == 400 and "Il manque le texte en néerlandais." in refused.text
    missing = await browser.post(f"/staff/consultations/{CLOSED}/follow-up", data={"fr": "Des bancs."})
    assert missing.status_code == 400 and f'id="follow-nl-{CLOSED}-error"' in missing.text
    done = await browser.post(
        f"/staff/consultations/{CLOSED}/follow-up", data={"nl": "Banken.", "fr": "Des bancs.", "en": ""}
    )
    assert done.status_code == 303
    assert gateway.last("PublishFollowUp")["variables"]["input"]["text"] == {
        "nl": "Banken.",
        "fr": "Des bancs.",
    }


async def test_indicators_draw_accessible_svg_bars_and_a_table_with_suppressed_cells(
    browser: httpx.AsyncClient, gateway: StaffGateway
) -> None:
    await sign_in_staff(browser)
    page = await browser.get("/staff/indicators", params={"from": "2025-06-01", "to": "2026-05-31"})
    assert page.status_code == 200
    assert 'role="img" aria-labelledby="participation-chart-title participation-chart-desc"' in page.text
    assert '<title id="participation-chart-title">' in page.text and "<desc" in page.text
    assert "Peterbos: 25 % (10 ménages sur 40)" in page.text
    assert '<th scope="row">Messidor</th><td>–</td>' in page.text, "suppressed by the service: shown as such"
    assert "trop peu de ménages ont répondu" in page.text
    assert 'width="50.0"' in page.text, "25 % of a 200-unit bar"
    assert '<th scope="row">Local vélo</th><td>–</td>' in page.text and "pas ouverte" in page.text
    assert gateway.last("StaffIndicators")["variables"]["from"] == "2025-06-01"


async def test_a_backwards_period_is_said_next_to_the_field(browser: httpx.AsyncClient) -> None:
    await sign_in_staff(browser)
    page = await browser.get("/staff/indicators", params={"from": "2026-05-01", "to": "2026-01-01"})
    assert page.status_code == 400 and 'id="to-error">La fin doit venir après le début.' in page.text


async def test_a_period_longer_than_the_services_read_is_refused_next_to_the_field(
    browser: httpx.AsyncClient, gateway: StaffGateway
) -> None:
    """The services set the longest period (a year); the page sends what was chosen and shows
    their refusal next to the field it names, not as an error page."""
    await sign_in_staff(browser)
    gateway.errors["StaffIndicators"] = {
        "message": "Choisissez une période de 366 jours au maximum.",
        "extensions": {"code": "VALIDATION", "field": "to"},
    }
    page = await browser.get("/staff/indicators", params={"from": "2024-06-01", "to": "2026-05-31"})
    assert page.status_code == 400
    assert 'id="to-error">Choisissez une période de 366 jours au maximum.' in page.text
    assert gateway.last("StaffIndicators")["variables"]["from"] == "2024-06-01"


async def test_only_staff_see_the_staff_pages_and_gateway_errors_are_pages(
    browser: httpx.AsyncClient, gateway: StaffGateway
) -> None:
    await sign_in_staff(browser)
    gateway.errors["StaffIndicators"] = {"message": "Erreur inattendue.", "extensions": {"code": "INTERNAL"}}
    broken = await browser.get("/staff/indicators")
    assert broken.status_code == 502 and "Erreur inattendue." in broken.text and "<html" in broken.text
    gateway.me["memberships"] = [{"role": "council_member", "landlord": {"id": LANDLORD_ID}}]
    await sign_in_staff(browser)
    page = await browser.get("/staff/advice")
    assert page.status_code == 403 and "Cette page est pour le personnel du bailleur." in page.text
