"""The tenant's pages in process: signing in, answering step by step, sending, proposing, languages."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from portal import refresh

from .conftest import CONSULTATION_ID, FakeGateway, sign_in

QUESTION = f"/consultations/{CONSULTATION_ID}/questions"
SHORT = CONSULTATION_ID.replace("-", "")[:10]


async def test_the_browsers_language_is_used_until_a_language_link_is_chosen(
    browser: httpx.AsyncClient,
) -> None:
    assert '<html lang="fr">' in (await browser.get("/")).text
    chosen = await browser.get("/lang/nl", params={"next": "/login/code"})
    assert chosen.status_code == 303 and chosen.headers["location"] == "/login/code"
    page = await browser.get("/login/code")
    assert '<html lang="nl">' in page.text and "Aanmelden met uw code" in page.text


async def test_a_language_link_never_sends_people_to_another_site(browser: httpx.AsyncClient) -> None:
    for target in ("//evil.example", "https://evil.example/", "/\\evil.example"):
        response = await browser.get("/lang/en", params={"next": target})
        assert response.headers["location"] == "/"


async def test_the_code_signs_in_with_a_secure_httponly_lax_cookie_and_shows_open_consultations(
    browser: httpx.AsyncClient, gateway: FakeGateway
) -> None:
    response = await browser.post("/login/code", data={"code": "ABCD-EFGH-JKMN"})
    cookie = response.headers["set-cookie"].lower()
    assert "secure" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert gateway.last("token")["form"]["client_id"] == "inspraak-portal"
    home = await browser.get("/")
    assert "Cour et jardin" in home.text and "Foyer Anderlechtois" in home.text
    assert gateway.last("Home")["headers"]["authorization"] == "Bearer tenant-token"
    assert gateway.last("Home")["headers"]["accept-language"] == "fr"


async def test_a_refused_code_says_why_next_to_the_field(
    browser: httpx.AsyncClient, gateway: FakeGateway
) -> None:
    gateway.token_answer = (400, {"error": "invalid_grant", "message": "Ce code a déjà servi."})
    page = await browser.post("/login/code", data={"code": "USED-USED-USED"})
    assert page.status_code == 400
    assert "Ce code a déjà servi." in page.text and 'aria-invalid="true"' in page.text


async def test_each_answer_is_kept_and_no_skips_the_garden_question(
    browser: httpx.AsyncClient, gateway: FakeGateway
) -> None:
    await sign_in(browser)
    first = await browser.get(f"{QUESTION}/garden")
    assert "Question 1 sur 3" in first.text
    answered = await browser.post(f"{QUESTION}/garden", data={"answer": "no", "action": "next"})
    assert answered.headers["location"] == f"{QUESTION}/wishes"
    assert "inspraak_answers_" in answered.headers["set-cookie"]
    second = await browser.get(f"{QUESTION}/wishes")
    assert "Question 2 sur 2" in second.text
    resumed = await browser.get(f"/consultations/{CONSULTATION_ID}")
    assert f'href="{QUESTION}/wishes"' in resumed.text, "coming back resumes at the next question"


async def test_sending_submits_only_the_questions_shown_and_forgets_the_answers(
    browser: httpx.AsyncClient, gateway: FakeGateway
) -> None:
    await sign_in(browser)
    await browser.post(f"{QUESTION}/garden", data={"answer": "yes"})
    await browser.post(f"{QUESTION}/garden_score", data={"answer": "5"})
    await browser.post(f"{QUESTION}/garden", data={"answer": "no"})  # changed her mind
    last = await browser.post(f"{QUESTION}/wishes", data={"answer": ["bench", "light"]})
    assert last.headers["location"].endswith("/review")
    sent = await browser.post(f"/consultations/{CONSULTATION_ID}/send")
    assert sent.headers["location"].endswith("/thanks")
    assert gateway.last("Submit")["variables"]["input"]["answers"] == [
        {"question": "garden", "yes": False},
        {"question": "wishes", "choices": ["bench", "light"]},
    ]
    assert (
        "inspraak_answers_" in sent.headers["set-cookie"]
        and "max-age=0" in sent.headers["set-cookie"].lower()
    )


async def test_a_missing_answer_is_explained_and_nothing_is_kept(browser: httpx.AsyncClient) -> None:
    await sign_in(browser)
    page = await browser.post(f"{QUESTION}/garden", data={"action": "skip"})
    assert page.status_code == 400 and "Choisissez ou tapez une réponse" in page.text
    assert "set-cookie" not in page.headers


async def test_the_consultations_refusal_is_shown_on_the_review_page(
    browser: httpx.AsyncClient, gateway: FakeGateway
) -> None:
    await sign_in(browser)
    await browser.post(f"{QUESTION}/garden", data={"answer": "no"})
    await browser.post(f"{QUESTION}/wishes", data={"action": "skip"})
    gateway.errors["Submit"] = {"message": "Vous avez déjà répondu.", "extensions": {"code": "CONFLICT"}}
    page = await browser.post(f"/consultations/{CONSULTATION_ID}/send")
    assert page.status_code == 400 and "Vous avez déjà répondu." in page.text


async def test_an_expired_token_signs_out_and_goes_back_to_the_start(
    browser: httpx.AsyncClient, gateway: FakeGateway
) -> None:
    await sign_in(browser)
    gateway.errors["Home"] = {"message": "Expired", "extensions": {"code": "UNAUTHENTICATED"}}
    response = await browser.get("/")
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert "inspraak_session" in response.headers["set-cookie"]


async def test_pages_for_signed_in_people_send_others_to_the_start(browser: httpx.AsyncClient) -> None:
    response = await browser.get(f"{QUESTION}/garden")
    assert response.status_code == 303 and response.headers["location"] == "/"


async def test_a_proposal_goes_to_the_council_in_the_page_language(
    browser: httpx.AsyncClient, gateway: FakeGateway
) -> None:
    await sign_in(browser)
    empty = await browser.post("/council/propose", data={"title": "  "})
    assert empty.status_code == 400 and "Écrivez en quelques mots" in empty.text
    sent = await browser.post(
        "/council/propose", data={"title": "Les poubelles", "motivation": "Elles débordent."}
    )
    assert sent.headers["location"] == "/council/proposed"
    assert gateway.last("Propose")["variables"]["input"] == {
        "councilId": "c1",
        "title": {"fr": "Les poubelles"},
        "motivation": {"fr": "Elles débordent."},
        "signature": None,
    }


async def test_ready_when_the_gateway_answers(browser: httpx.AsyncClient) -> None:
    assert (await browser.get("/readyz")).json() == {"ready": True, "checks": {"gateway": True}}


def extend(gateway: FakeGateway, extra: dict[str, Any]) -> None:
    """Answer more operations than the shared fake knows (the rest as before)."""
    known = gateway.data
    gateway.data = lambda operation: extra[operation] if operation in extra else known(operation)  # type: ignore[method-assign]


async def test_a_consultation_code_from_a_poster_leads_to_the_consultation(
    browser: httpx.AsyncClient, gateway: FakeGateway
) -> None:
    welcome = await browser.get("/")
    assert 'action="/c"' in welcome.text
    typed = await browser.post("/c", data={"code": f"https://inspraak.brussels/c/{SHORT} "})
    assert typed.headers["location"] == f"/c/{SHORT}"
    found = await browser.get(f"/c/{SHORT}")
    assert found.status_code == 303 and found.headers["location"] == f"/consultations/{CONSULTATION_ID}"
    assert gateway.last("ConsultationByShortId")["variables"] == {"shortId": SHORT}
    assert not [call for call in gateway.calls if call["operation"] == "OpenConsultations"]
    intro = await browser.get(found.headers["location"])
    assert "Cour et jardin" in intro.text and "Code personnel" in intro.text
    assert "authorization" not in gateway.last("Consultation")["headers"], "no account needed"


async def test_a_personal_code_alone_leads_to_its_consultation_and_an_unknown_code_is_explained(
    browser: httpx.AsyncClient, gateway: FakeGateway
) -> None:
    personal = await browser.post("/c", data={"code": "abcd-efgh-jkmn-pqrs"})
    assert personal.headers["location"] == f"/consultations/{CONSULTATION_ID}/start"
    assert gateway.last("InvitationByCode")["variables"] == {"code": "ABCD-EFGH-JKMN-PQRS"}
    gateway.errors["ConsultationByShortId"] = {"message": "Inconnue", "extensions": {"code": "NOT_FOUND"}}
    unknown = await browser.get("/c/0123456789")
    assert unknown.status_code == 404 and "ouverte avec ce code" in unknown.text


async def test_a_used_or_unknown_personal_code_is_said_before_any_question(
    browser: httpx.AsyncClient, gateway: FakeGateway
) -> None:
    used = {"invitationByCode": {"unused": False, "consultation": {"id": CONSULTATION_ID}}}
    extend(gateway, {"InvitationByCode": used})
    page = await browser.post(f"/consultations/{CONSULTATION_ID}/code", data={"code": "ABCD-EFGH-JKMN-PQRS"})
    assert page.status_code == 400 and "Ce code a déjà servi" in page.text
    assert "set-cookie" not in page.headers
    gateway.errors["InvitationByCode"] = {
        "message": "Ce code ne fonctionne pas.",
        "extensions": {"code": "VALIDATION", "field": "code"},
    }
    page = await browser.post("/c", data={"code": "ABCD-EFGH-JKMN-PQRS"})
    assert page.status_code == 400 and "Ce code ne fonctionne pas." in page.text


async def test_a_guest_answers_with_the_personal_code_of_the_letter(
    browser: httpx.AsyncClient, gateway: FakeGateway
) -> None:
    bad = await browser.post(f"/consultations/{CONSULTATION_ID}/code", data={"code": "123"})
    assert bad.status_code == 400 and 'aria-invalid="true"' in bad.text
    kept = await browser.post(f"/consultations/{CONSULTATION_ID}/code", data={"code": "abcd-efgh-jkmn-pqrs"})
    assert kept.headers["location"] == f"/consultations/{CONSULTATION_ID}/start"
    first = await browser.get(kept.headers["location"])
    assert first.headers["location"] == f"{QUESTION}/garden"
    await browser.post(f"{QUESTION}/garden", data={"answer": "no"})
    await browser.post(f"{QUESTION}/wishes", data={"action": "skip"})
    sent = await browser.post(f"/consultations/{CONSULTATION_ID}/send")
    assert sent.headers["location"].endswith("/thanks")
    submitted = gateway.last("Submit")
    assert submitted["variables"]["input"]["code"] == "ABCD-EFGH-JKMN-PQRS"
    assert "authorization" not in submitted["headers"]
    thanks = await browser.get(sent.headers["location"])
    assert thanks.status_code == 200 and "Merci" in thanks.text


async def test_a_wrong_personal_code_is_said_on_the_review_page_and_nothing_is_lost(
    browser: httpx.AsyncClient, gateway: FakeGateway
) -> None:
    await browser.post(f"/consultations/{CONSULTATION_ID}/code", data={"code": "ABCD-EFGH-JKMN-PQRS"})
    await browser.post(f"{QUESTION}/garden", data={"answer": "no"})
    await browser.post(f"{QUESTION}/wishes", data={"action": "skip"})
    gateway.errors["Submit"] = {
        "message": "Ce code n'existe pas.",
        "extensions": {"code": "VALIDATION", "field": "code"},
    }
    page = await browser.post(f"/consultations/{CONSULTATION_ID}/send")
    assert page.status_code == 400 and "Ce code n&#39;existe pas." in page.text
    assert "set-cookie" not in page.headers


COUNCIL = {
    "id": "c1",
    "name": "CoCoLo du Foyer",
    "meetings": {
        "nodes": [
            {"id": "m1", "startsAt": "2026-03-01T18:00:00+00:00", "heldAt": None, "minutes": None},
            {
                "id": "m2",
                "startsAt": "2026-02-01T18:00:00+00:00",
                "heldAt": "2026-02-01T18:05:00+00:00",
                "minutes": {
                    "publishedAt": "2026-02-03T09:00:00+00:00",
                    "summary": "Le conseil a parlé des poubelles.",
                    "decisions": [
                        {
                            "itemId": "i1",
                            "outcome": "decided",
                            "title": "Les poubelles",
                            "decision": "Un conteneur de plus.",
                            "motivation": "Elles débordent.",
                        }
                    ],
                    "todos": [{"text": "Écrire au propriétaire", "owner": "Présidente"}],
                },
            },
        ]
    },
    "advice": {
        "nodes": [
            {
                "id": "a1",
                "subject": "service_charges",
                "state": "answered",
                "question": "Les charges de chauffage",
                "text": "Le conseil demande un décompte clair.",
                "issuedAt": "2026-01-10T10:00:00+00:00",
                "answerDueOn": "2026-04-10",
                "overdue": False,
                "response": "partly_followed",
                "justification": "Le décompte viendra en juin.",
                "answeredAt": "2026-02-01T10:00:00+00:00",
                "followUps": [
                    {"on": "2026-03-01", "status": "in_progress", "text": "Décompte en préparation."}
                ],
            },
            {
                "id": "a2",
                "subject": "house_rules",
                "state": "requested",
                "question": "Pas encore",
                "issuedAt": None,
                "overdue": False,
                "followUps": [],
            },
        ]
    },
}


async def test_tenants_read_the_published_minutes_and_the_advice_with_the_landlords_answer(
    browser: httpx.AsyncClient, gateway: FakeGateway
) -> None:
    extend(gateway, {"CouncilMinutes": {"councils": [COUNCIL]}, "CouncilAdvice": {"councils": [COUNCIL]}})
    await sign_in(browser)
    home = await browser.get("/")
    assert 'href="/minutes"' not in home.text or 'href="/advice"' in home.text
    minutes = await browser.get("/minutes")
    assert minutes.status_code == 200
    assert "Le conseil a parlé des poubelles." in minutes.text and "Un conteneur de plus." in minutes.text
    assert (
        "Pourquoi : Elles débordent." in minutes.text
        and "Écrire au propriétaire (Présidente)" in minutes.text
    )
    assert minutes.text.count("Réunion du") == 1, "meetings without published minutes are left out"
    advice = await browser.get("/advice")
    assert "Le conseil demande un décompte clair." in advice.text and "Suivi en partie." in advice.text
    assert "01/03/2026 : en cours" not in advice.text and "01/03/2026: en cours" in advice.text
    assert "Pas encore" not in advice.text, "advice not issued yet is not shown"


async def test_minutes_and_advice_are_for_signed_in_people(browser: httpx.AsyncClient) -> None:
    for path in ("/minutes", "/advice"):
        response = await browser.get(path)
        assert response.status_code == 303 and response.headers["location"] == "/"


class RevokingGateway(FakeGateway):
    """The shared fake, plus identity's revocation endpoint (RFC 7009)."""

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/revoke":
            self.calls.append(
                {"operation": "revoke", "form": dict(httpx.QueryParams(request.content.decode()))}
            )
            return httpx.Response(200, json={})
        return super().__call__(request)


@pytest.fixture
def gateway() -> FakeGateway:
    return RevokingGateway()


def household_tokens(access: str, refresh: str) -> tuple[int, dict[str, Any]]:
    return 200, {"access_token": access, "token_type": "Bearer", "expires_in": 3600, "refresh_token": refresh}


async def test_an_expired_access_token_is_renewed_without_the_tenant_noticing(
    browser: httpx.AsyncClient, gateway: FakeGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    gateway.token_answer = household_tokens("tenant-token", "refresh-1")
    signed_in = await browser.post("/login/code", data={"code": "ABCD-EFGH-JKMN"})
    assert "max-age=7776000" in signed_in.headers["set-cookie"].lower(), "kept 90 days on this device"
    assert (await browser.get("/")).status_code == 200
    assert len([c for c in gateway.calls if c["operation"] == "token"]) == 1, "no refresh while valid"

    later = time.time() + 3600
    monkeypatch.setattr(refresh.time, "time", lambda: later)
    gateway.token_answer = household_tokens("tenant-token-2", "refresh-2")
    home = await browser.get("/")
    assert home.status_code == 200 and "Cour et jardin" in home.text
    assert gateway.last("token")["form"] == {
        "grant_type": "refresh_token",
        "refresh_token": "refresh-1",
        "client_id": "inspraak-portal",
    }
    assert gateway.last("Home")["headers"]["authorization"] == "Bearer tenant-token-2"
    assert "inspraak_session=" in home.headers["set-cookie"]
    await browser.get("/you-said-we-did")
    assert gateway.last("FollowUps")["headers"]["authorization"] == "Bearer tenant-token-2"
    assert len([c for c in gateway.calls if c["operation"] == "token"]) == 2, "the new cookie is used"

    await browser.post("/logout")
    assert gateway.last("revoke")["form"]["token"] == "refresh-2", "signing out ends the session"


async def test_a_renewal_keeps_the_chosen_language_next_to_a_cookie_of_another_site(
    browser: httpx.AsyncClient, gateway: FakeGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another site's cookie on the domain (``consent={"a":1}``) must not hide the language
    cookie sent after it when the session is renewed."""
    gateway.token_answer = household_tokens("tenant-token", "refresh-1")
    await browser.post("/login/code", data={"code": "ABCD-EFGH-JKMN"})
    await browser.get("/lang/nl", params={"next": "/"})
    later = time.time() + 3600
    monkeypatch.setattr(refresh.time, "time", lambda: later)
    gateway.token_answer = household_tokens("tenant-token-2", "refresh-2")
    sent = f'consent={{"a":1}}; inspraak_session={browser.cookies["inspraak_session"]}; inspraak_lang=nl'
    home = await browser.get("/", headers={"Cookie": sent})
    assert home.status_code == 200 and '<html lang="nl">' in home.text
    assert gateway.last("token")["form"]["refresh_token"] == "refresh-1", "renewed on this request"
    assert gateway.last("Home")["headers"]["authorization"] == "Bearer tenant-token-2"
    assert gateway.last("Home")["headers"]["accept-language"] == "nl"


async def test_a_revoked_or_unknown_refresh_token_goes_back_to_the_welcome_page(
    browser: httpx.AsyncClient, gateway: FakeGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    gateway.token_answer = household_tokens("tenant-token", "refresh-1")
    await browser.post("/login/code", data={"code": "ABCD-EFGH-JKMN"})
    later = time.time() + 3600
    monkeypatch.setattr(refresh.time, "time", lambda: later)
    gateway.token_answer = (400, {"error": "invalid_grant", "message": "Session terminée."})
    page = await browser.get("/you-said-we-did")
    assert page.status_code == 303 and page.headers["location"] == "/"
    assert (
        'inspraak_session=""' in page.headers["set-cookie"]
        or "max-age=0" in page.headers["set-cookie"].lower()
    )
    welcome = await browser.get("/")
    assert 'action="/c"' in welcome.text and "Home" not in [c["operation"] for c in gateway.calls]
