"""A community worker answers a consultation with a tenant (assisted mode): the household, the
channel and the tenant's consent first, then the tenant journey's screens, then
``recordAssistedResponse``."""

from __future__ import annotations

import httpx
import pytest

from .conftest import CONSULTATION_ID, LANDLORD_ID, FakeGateway

QUESTION = f"/consultations/{CONSULTATION_ID}/questions"
ASSISTED = f"/consultations/{CONSULTATION_ID}/assisted"
HOUSEHOLD = "0b6d3f4e-1111-4000-8000-00000000abcd"


@pytest.fixture
def worker(gateway: FakeGateway) -> FakeGateway:
    gateway.me = {
        "kind": "PERSON",
        "person": {"displayName": "Sam"},
        "household": None,
        "memberships": [{"role": "community_worker", "landlord": {"id": LANDLORD_ID}}],
    }
    gateway.token_answer = (200, {"access_token": "worker-token", "token_type": "Bearer"})
    known = gateway.data
    extra = {"RecordAssisted": {"recordAssistedResponse": {"accepted": True}}}
    gateway.data = lambda op: extra[op] if op in extra else known(op)  # type: ignore[method-assign]
    return gateway


async def sign_in_as_worker(browser: httpx.AsyncClient) -> None:
    response = await browser.post("/login/account", data={"username": "worker.demo", "password": "pw"})
    assert response.status_code == 303


async def test_a_worker_records_a_tenants_answers_by_phone_with_consent(
    browser: httpx.AsyncClient, worker: FakeGateway
) -> None:
    await sign_in_as_worker(browser)
    intro = await browser.get(f"/consultations/{CONSULTATION_ID}")
    assert f'href="{ASSISTED}"' in intro.text and "Répondre avec un locataire" in intro.text
    form = await browser.get(ASSISTED)
    assert "Par téléphone" in form.text or "par téléphone" in form.text
    started = await browser.post(
        ASSISTED, data={"household": HOUSEHOLD, "channel": "PHONE", "consent": "yes"}
    )
    assert started.headers["location"] == f"{QUESTION}/garden"
    first = await browser.get(f"{QUESTION}/garden")
    assert "Vous répondez avec le ménage 0b6d3f4e (par téléphone)." in first.text
    await browser.post(f"{QUESTION}/garden", data={"answer": "yes"})
    await browser.post(f"{QUESTION}/garden_score", data={"answer": "4"})
    await browser.post(f"{QUESTION}/wishes", data={"answer": ["bench"]})
    review = await browser.get(f"/consultations/{CONSULTATION_ID}/review")
    assert "Envoyer les réponses du locataire" in review.text
    sent = await browser.post(f"/consultations/{CONSULTATION_ID}/send")
    assert sent.headers["location"] == f"{ASSISTED}/thanks"
    assert worker.last("RecordAssisted")["variables"]["input"] == {
        "consultationId": CONSULTATION_ID,
        "householdId": HOUSEHOLD,
        "channel": "PHONE",
        "consentConfirmed": True,
        "answers": [
            {"question": "garden", "yes": True},
            {"question": "garden_score", "number": 4},
            {"question": "wishes", "choices": ["bench"]},
        ],
    }
    assert worker.last("RecordAssisted")["headers"]["authorization"] == "Bearer worker-token"
    assert not [call for call in worker.calls if call["operation"] == "Submit"]
    done = await browser.get(sent.headers["location"])
    assert "Réponses enregistrées" in done.text and f'href="{ASSISTED}"' in done.text
    again = await browser.get(f"{QUESTION}/garden")
    assert again.headers["location"] == f"/consultations/{CONSULTATION_ID}", "the household is forgotten"


async def test_without_consent_channel_or_a_household_number_each_field_says_what_is_missing(
    browser: httpx.AsyncClient, worker: FakeGateway
) -> None:
    await sign_in_as_worker(browser)
    page = await browser.post(ASSISTED, data={"household": "Dupont", "channel": "ONLINE"})
    assert page.status_code == 400
    for field in ("household-error", "channel-error", "consent-error"):
        assert f'id="{field}"' in page.text
    assert "Demandez d&#39;abord si le locataire est d&#39;accord" in page.text
    assert "set-cookie" not in page.headers


async def test_the_gateways_refusal_is_shown_before_sending_again(
    browser: httpx.AsyncClient, worker: FakeGateway
) -> None:
    await sign_in_as_worker(browser)
    await browser.post(ASSISTED, data={"household": HOUSEHOLD, "channel": "PAPER", "consent": "yes"})
    await browser.post(f"{QUESTION}/garden", data={"answer": "no"})
    await browser.post(f"{QUESTION}/wishes", data={"action": "skip"})
    worker.errors["RecordAssisted"] = {
        "message": "Ce ménage n'est pas invité.",
        "extensions": {"code": "VALIDATION", "field": "householdId"},
    }
    page = await browser.post(f"/consultations/{CONSULTATION_ID}/send")
    assert page.status_code == 400 and "Ce ménage n&#39;est pas invité." in page.text


async def test_a_worker_types_the_letters_code_instead_of_the_household_number(
    browser: httpx.AsyncClient, worker: FakeGateway
) -> None:
    await sign_in_as_worker(browser)
    form = await browser.get(ASSISTED)
    assert 'name="code"' in form.text and "Ou : le code de la lettre" in form.text
    started = await browser.post(
        ASSISTED, data={"code": "abcd-efgh-jkmn-pqrs", "channel": "PAPER", "consent": "yes"}
    )
    assert started.headers["location"] == f"{QUESTION}/garden"
    first = await browser.get(f"{QUESTION}/garden")
    assert "Vous répondez avec le ménage de la lettre ABCD…" in first.text
    await browser.post(f"{QUESTION}/garden", data={"answer": "no"})
    await browser.post(f"{QUESTION}/wishes", data={"action": "skip"})
    sent = await browser.post(f"/consultations/{CONSULTATION_ID}/send")
    assert sent.headers["location"] == f"{ASSISTED}/thanks"
    recorded = worker.last("RecordAssisted")["variables"]["input"]
    assert recorded["code"] == "ABCD-EFGH-JKMN-PQRS" and "householdId" not in recorded


async def test_a_used_unknown_or_missing_code_is_said_next_to_its_field(
    browser: httpx.AsyncClient, worker: FakeGateway
) -> None:
    await sign_in_as_worker(browser)
    nothing = await browser.post(ASSISTED, data={"channel": "PAPER", "consent": "yes"})
    assert nothing.status_code == 400 and 'id="household-error"' in nothing.text
    assert "Tapez le numéro du ménage ou le code de la lettre." in nothing.text
    known = worker.data
    used = {"invitationByCode": {"unused": False, "consultation": {"id": CONSULTATION_ID}}}
    worker.data = lambda op: used if op == "InvitationByCode" else known(op)  # type: ignore[method-assign]
    page = await browser.post(
        ASSISTED, data={"code": "ABCD-EFGH-JKMN-PQRS", "channel": "PAPER", "consent": "yes"}
    )
    assert page.status_code == 400 and 'id="code-error"' in page.text and "ce ménage a répondu" in page.text
    worker.errors["InvitationByCode"] = {"message": "Code inconnu.", "extensions": {"code": "VALIDATION"}}
    page = await browser.post(
        ASSISTED, data={"code": "ABCD-EFGH-JKMN-PQRS", "channel": "PAPER", "consent": "yes"}
    )
    assert page.status_code == 400 and "Code inconnu." in page.text and "set-cookie" not in page.headers


async def test_tenants_cannot_use_the_assisted_mode(browser: httpx.AsyncClient) -> None:
    await browser.post("/login/code", data={"code": "ABCD-EFGH-JKMN"})
    page = await browser.get(ASSISTED)
    assert page.status_code == 403 and "travailleurs sociaux" in page.text


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
async def test_the_assisted_labels_exist_in_every_language(
    browser: httpx.AsyncClient, worker: FakeGateway, lang: str
) -> None:
    await sign_in_as_worker(browser)
    await browser.get(f"/lang/{lang}")
    page = await browser.get(ASSISTED)
    assert f'<html lang="{lang}">' in page.text and "portal.assisted" not in page.text
    assert "portal.channel" not in page.text
