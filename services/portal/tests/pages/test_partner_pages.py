"""A partner organisation signs in with its client credentials, manages subscriptions, reads its
webhooks' delivery log, asks for a redelivery and announces activities (gateway faked)."""

from __future__ import annotations

from html import unescape
from typing import Any

import httpx
import pytest

from .conftest import LANDLORD_ID, FakeGateway

PARTNER_ID = "9a9a9a9a-0000-4000-8000-000000000001"
HOOK = "https://buurthuis.example/hook"


class PartnerGateway(FakeGateway):
    """The fake gateway answering as the partners service would for one partner client."""

    def __init__(self) -> None:
        super().__init__()
        self.token_answer = (200, {"access_token": "partner-token", "token_type": "Bearer"})
        self.me = {"kind": "CLIENT", "clientId": "demo-partner", "person": None, "memberships": []}
        self.subscription_status = "active"

    @property
    def partner(self) -> dict[str, Any]:
        return {
            "id": PARTNER_ID,
            "name": "Maison de quartier Exemple",
            "type": "pcs",
            "description": "Cours et fêtes.",
            "services": ["homework"],
            "languages": ["fr", "nl"],
            "municipalities": ["Anderlecht"],
            "contact": [{"kind": "email", "value": "info@exemple.be"}],
            "openingHours": [],
            "localizedName": {"translations": [{"lang": "fr", "text": "Maison de quartier Exemple"}]},
            "localizedDescription": {"translations": [{"lang": "fr", "text": "Cours et fêtes."}]},
        }

    def data(self, operation: str) -> dict[str, Any]:
        delivery = {
            "id": "d1",
            "eventType": "inspraak.spaces.space.created",
            "status": "failed",
            "nextAttemptAt": None,
            "createdAt": "2026-05-12T08:00:00+00:00",
            "deliveredAt": None,
            "attempts": [
                {"number": 1, "attemptedAt": "2026-05-12T08:00:01+00:00", "statusCode": 500, "error": None},
                {
                    "number": 2,
                    "attemptedAt": "2026-05-12T08:05:01+00:00",
                    "statusCode": None,
                    "error": "timeout",
                },
            ],
        }
        subscription = {
            "id": "s1",
            "channel": "webhook",
            "url": HOOK,
            "eventTypes": ["inspraak.spaces.space.created"],
            "landlordIds": [],
            "status": self.subscription_status,
            "disabledReason": "failing" if self.subscription_status == "disabled" else None,
            "disabledAt": None,
            "createdAt": "2026-05-01T08:00:00+00:00",
        }
        landlords = [{"id": LANDLORD_ID, "name": "Foyer Anderlechtois"}]
        extra = {
            "PartnerMe": {"me": self.me},
            "PartnerMine": {"myPartner": self.partner},
            "PartnerUpdate": {"updatePartner": self.partner},
            "PartnerSubscriptions": {
                "mySubscriptions": {"nodes": [subscription]},
                "eventTypes": [
                    {
                        "type": "inspraak.spaces.space.created",
                        "label": {"text": "Local collectif créé"},
                        "public": True,
                    },
                    {
                        "type": "inspraak.spaces.booking.requested",
                        "label": {"text": "Réservation d'un local demandée"},
                        "public": False,
                    },
                ],
                "landlords": landlords,
            },
            "PartnerDeliveries": {
                "mySubscriptions": {"nodes": [{**subscription, "deliveries": {"nodes": [delivery]}}]}
            },
            "PartnerSubscribe": {
                "subscribe": {"id": "s2", "channel": "webhook", "url": HOOK, "secret": "whsec_abc"}
            },
            "PartnerUnsubscribe": {"unsubscribe": {"id": "s1"}},
            "PartnerEnable": {"enableSubscription": {"id": "s1", "status": "active"}},
            "PartnerRedeliver": {"redeliver": {"id": "d1", "status": "pending"}},
            "PartnerLandlords": {"landlords": landlords},
            "PartnerActivities": {
                "landlords": landlords,
                "activities": {
                    "nodes": [
                        {
                            "id": "a1",
                            "partnerId": PARTNER_ID,
                            "title": "Fête des voisins",
                            "startsAt": "2026-06-01T16:00:00+00:00",
                            "endsAt": "2026-06-01T19:00:00+00:00",
                            "audience": "families",
                            "languages": ["fr"],
                        }
                    ]
                },
            },
            "PartnerAnnounce": {"announceActivity": {"id": "a2", "partnerId": PARTNER_ID}},
        }
        return extra[operation] if operation in extra else super().data(operation)


@pytest.fixture
def gateway() -> PartnerGateway:
    return PartnerGateway()


async def sign_in_partner(browser: httpx.AsyncClient) -> None:
    response = await browser.post(
        "/partner/login", data={"client_id": "demo-partner", "client_secret": "s3cret"}
    )
    assert response.status_code == 303 and response.headers["location"] == "/partner"


async def test_a_partner_signs_in_with_client_credentials(
    browser: httpx.AsyncClient, gateway: PartnerGateway
) -> None:
    assert "Organisation partenaire ? Connectez-vous ici." in unescape((await browser.get("/")).text)
    await sign_in_partner(browser)
    assert gateway.last("token")["form"] == {
        "grant_type": "client_credentials",
        "client_id": "demo-partner",
        "client_secret": "s3cret",
    }
    assert gateway.last("PartnerMe")["headers"]["authorization"] == "Bearer partner-token"
    page = await browser.get("/partner")
    text = unescape(page.text)
    assert page.status_code == 200 and "Connecté comme client demo-partner." in text
    assert "Maison de quartier Exemple" in text and 'href="/partner/profile"' in page.text


async def test_wrong_client_credentials_are_refused_in_the_page_language(
    browser: httpx.AsyncClient, gateway: PartnerGateway
) -> None:
    gateway.token_answer = (401, {"error": "invalid_client"})
    page = await browser.post("/partner/login", data={"client_id": "demo-partner", "client_secret": "nope"})
    assert page.status_code == 400 and "Cet identifiant ou ce secret n'est pas correct." in unescape(
        page.text
    )
    page = await browser.post("/partner/login", data={"client_id": "", "client_secret": ""})
    assert page.status_code == 400


async def test_partner_pages_are_for_partner_clients(
    browser: httpx.AsyncClient, gateway: PartnerGateway
) -> None:
    assert (await browser.get("/partner/subscriptions")).status_code == 303
    gateway.me = {
        "kind": "HOUSEHOLD",
        "person": None,
        "memberships": [],
        "household": {"id": "h1", "landlord": None},
    }
    await browser.post("/login/code", data={"code": "ABCD-EFGH-JKMN"})
    page = await browser.get("/partner/deliveries")
    assert page.status_code == 403 and "organisations partenaires" in unescape(page.text)


async def test_a_partner_subscribes_sees_the_secret_once_and_removes_a_subscription(
    browser: httpx.AsyncClient, gateway: PartnerGateway
) -> None:
    await sign_in_partner(browser)
    page = await browser.get("/partner/subscriptions")
    text = unescape(page.text)
    assert (
        HOOK in text
        and "inspraak.spaces.booking.requested" in text
        and "seulement avec un partenariat" in text
        and "Réservation d'un local demandée" in text
        and "<br>Réservation d'un local demandée (" in text
    )
    form = {
        "channel": "webhook",
        "url": HOOK,
        "event_types": ["inspraak.spaces.space.created"],
        "landlord": LANDLORD_ID,
    }
    page = await browser.post("/partner/subscriptions", data=form)
    assert (
        page.status_code == 200
        and "whsec_abc" in page.text
        and "vous ne le verrez plus" in unescape(page.text)
    )
    assert gateway.last("PartnerSubscribe")["variables"]["input"] == {
        "channel": "webhook",
        "url": HOOK,
        "eventTypes": ["inspraak.spaces.space.created"],
        "landlordIds": [LANDLORD_ID],
    }
    response = await browser.post("/partner/subscriptions/s1/remove")
    assert response.status_code == 303
    assert "L'abonnement est arrêté." in unescape((await browser.get(response.headers["location"])).text)


async def test_subscription_errors_are_named_per_field_including_the_gateways(
    browser: httpx.AsyncClient, gateway: PartnerGateway
) -> None:
    await sign_in_partner(browser)
    page = await browser.post("/partner/subscriptions", data={"channel": "webhook", "url": ""})
    text = unescape(page.text)
    assert page.status_code == 400
    assert "Donnez l'adresse de votre webhook." in text and "Choisissez au moins un événement." in text
    gateway.errors["PartnerSubscribe"] = {
        "message": "Cette adresse mène à un réseau interne.",
        "extensions": {"code": "VALIDATION", "field": "url"},
    }
    form = {
        "channel": "webhook",
        "url": "http://10.0.0.1/x",
        "event_types": ["inspraak.spaces.space.created"],
    }
    page = await browser.post("/partner/subscriptions", data=form)
    assert page.status_code == 400 and 'id="url-error">Cette adresse mène à un réseau interne.' in unescape(
        page.text
    )


async def test_the_delivery_log_shows_status_attempts_last_error_and_time_and_redelivers(
    browser: httpx.AsyncClient, gateway: PartnerGateway
) -> None:
    await sign_in_partner(browser)
    page = await browser.get("/partner/deliveries")
    text = unescape(page.text)
    assert page.status_code == 200 and "<table" in text and '<th scope="col">Essais</th>' in text
    row = text.split("inspraak.spaces.space.created</code></th>")[1].split("</tr>")[0]
    assert "échoué" in row and "<td>2</td>" in row and "timeout" in row and "12/05/2026 10:05" in row
    response = await browser.post("/partner/deliveries/d1/redeliver")
    assert response.status_code == 303 and gateway.last("PartnerRedeliver")["variables"] == {"id": "d1"}
    assert "Renvoyé." in unescape((await browser.get(response.headers["location"])).text)
    gateway.errors["PartnerRedeliver"] = {"message": "Envoi inconnu.", "extensions": {"code": "NOT_FOUND"}}
    page = await browser.post("/partner/deliveries/d1/redeliver")
    assert page.status_code == 409 and "Envoi inconnu." in unescape(page.text)


async def test_a_disabled_endpoint_says_why_and_can_be_switched_on(
    browser: httpx.AsyncClient, gateway: PartnerGateway
) -> None:
    await sign_in_partner(browser)
    gateway.subscription_status = "disabled"
    text = unescape((await browser.get("/partner/deliveries")).text)
    assert "désactivé" in text and "l'adresse a mal répondu trop longtemps" in text
    response = await browser.post("/partner/subscriptions/s1/enable")
    assert response.status_code == 303 and gateway.last("PartnerEnable")["variables"] == {"id": "s1"}


async def test_a_partner_announces_an_activity_and_then_sees_its_profile(
    browser: httpx.AsyncClient, gateway: PartnerGateway
) -> None:
    await sign_in_partner(browser)
    page = await browser.get("/partner/activities", params={"landlord": LANDLORD_ID})
    assert "Fête des voisins" in unescape(page.text) and "familles" in page.text
    form = {
        "landlord": LANDLORD_ID,
        "title_nl": "Buurtfeest",
        "title_fr": "Fête des voisins",
        "day": "2026-06-01",
        "start": "18:00",
        "end": "21:00",
        "audience": "families",
        "languages": ["fr", "nl"],
    }
    response = await browser.post("/partner/activities", data=form)
    assert response.status_code == 303 and "done=announced" in response.headers["location"]
    sent = gateway.last("PartnerAnnounce")["variables"]["input"]
    assert sent["title"] == {"nl": "Buurtfeest", "fr": "Fête des voisins", "en": None}
    assert sent["startsAt"] == "2026-06-01T18:00:00+02:00" and sent["languages"] == ["fr", "nl"]
    profile = unescape((await browser.get("/partner")).text)
    assert "Maison de quartier Exemple" in profile and "info@exemple.be" in profile
    assert gateway.last("PartnerMine")["headers"]["authorization"] == "Bearer partner-token"
    agenda = unescape((await browser.get("/partner/activities", params={"landlord": LANDLORD_ID})).text)
    assert "la vôtre" in agenda


async def test_announcing_needs_dutch_and_french_titles_and_a_valid_time(
    browser: httpx.AsyncClient, gateway: PartnerGateway
) -> None:
    await sign_in_partner(browser)
    form = {
        "landlord": LANDLORD_ID,
        "title_fr": "Fête",
        "day": "2026-06-01",
        "start": "18:00",
        "end": "17:00",
    }
    page = await browser.post("/partner/activities", data=form)
    text = unescape(page.text)
    assert page.status_code == 400 and "Donnez un titre dans cette langue." in text
    gateway.errors["PartnerAnnounce"] = {
        "message": "Vous n'avez pas de partenariat avec cette société.",
        "extensions": {"code": "FORBIDDEN"},
    }
    form = {**form, "title_nl": "Feest", "end": "20:00", "audience": "everyone"}
    page = await browser.post("/partner/activities", data=form)
    assert page.status_code == 400 and "Vous n'avez pas de partenariat avec cette société." in unescape(
        page.text
    )


async def test_gateway_failures_show_a_page_in_the_page_language(
    browser: httpx.AsyncClient, gateway: PartnerGateway
) -> None:
    await sign_in_partner(browser)
    gateway.errors["PartnerDeliveries"] = {
        "message": "Réservé aux partenaires.",
        "extensions": {"code": "FORBIDDEN"},
    }
    page = await browser.get("/partner/deliveries")
    assert page.status_code == 403 and "Réservé aux partenaires." in unescape(page.text)


async def test_a_partner_edits_its_profile_and_each_refusal_shows_next_to_its_field(
    browser: httpx.AsyncClient, gateway: PartnerGateway
) -> None:
    await sign_in_partner(browser)
    form = await browser.get("/partner/profile")
    text = unescape(form.text)
    assert form.status_code == 200 and 'value="Maison de quartier Exemple"' in text
    assert "email: info@exemple.be" in text
    changes = {
        "name_nl": "Buurthuis Voorbeeld",
        "name_fr": "Maison de quartier Exemple",
        "description_fr": "Cours et fêtes.",
        "services": "homework, language-cafe",
        "languages": "fr, nl, ar",
        "contact": "email: info@exemple.be\nphone: 02 123 45 67",
        "opening_hours": "monday: 9:00-12:00",
    }
    saved = await browser.post("/partner/profile", data=changes)
    assert saved.status_code == 303 and saved.headers["location"] == "/partner/profile?done=saved"
    sent = gateway.last("PartnerUpdate")["variables"]["input"]
    assert sent["name"] == {"nl": "Buurthuis Voorbeeld", "fr": "Maison de quartier Exemple", "en": None}
    assert sent["services"] == ["homework", "language-cafe"] and sent["languages"] == ["fr", "nl", "ar"]
    assert sent["contact"][1] == {"kind": "phone", "value": "02 123 45 67"}
    assert sent["openingHours"] == [{"day": "monday", "hours": "9:00-12:00"}]
    assert "Votre profil est enregistré." in unescape((await browser.get(saved.headers["location"])).text)

    bad_lines = await browser.post("/partner/profile", data={**changes, "contact": "juste un numéro"})
    assert bad_lines.status_code == 400 and 'id="contact-error"' in bad_lines.text
    gateway.errors["PartnerUpdate"] = {
        "message": "Donnez le nom en néerlandais et en français.",
        "extensions": {"code": "VALIDATION", "field": "name"},
    }
    refused = await browser.post("/partner/profile", data={**changes, "name_nl": ""})
    text = unescape(refused.text)
    assert refused.status_code == 400 and '<p class="field-error" id="name-error">Donnez le nom' in text
