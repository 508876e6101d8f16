"""The tenant's pages in process: signing in, answering step by step, sending, proposing, languages."""

from __future__ import annotations

import httpx

from .conftest import CONSULTATION_ID, FakeGateway, sign_in

QUESTION = f"/consultations/{CONSULTATION_ID}/questions"


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
