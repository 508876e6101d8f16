"""A council member accepts an item a tenant proposed and plans a meeting with it, in Dutch on a
320 px screen; the council's and the landlord staff's other pages pass axe-core and fit too."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from .conftest import Axe
from .platform import GARDEN_QUESTIONS, DemoLandlord, text
from .test_tenant_journey import check
from .test_worker_booking import EVERY_DAY

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.async_api", reason="Playwright is not installed").expect
SMALLEST = {"width": 320, "height": 640}
# Ids are the gateway's (opaque, maybe base64 with "="), so elements are found by [id="..."].


def propose_as_tenant(demo: DemoLandlord, council: str, title: str) -> str:
    """The demo household proposes ``title`` through the gateway, as the tenant pages do; its id."""
    proposal = {"councilId": council, "title": {"fr": title}, "motivation": {"fr": "On attend debout."}}
    created = demo.gql(
        "mutation($i: ProposeAgendaItemInput!) { proposeAgendaItem(input: $i) { id state } }",
        token=demo.tenant_token(),
        i=proposal,
    )["proposeAgendaItem"]
    assert created["state"] == "proposed"
    return str(created["id"])


def seat_members(demo: DemoLandlord, council: str, member: str) -> None:
    """The demo council member presides the council, with two other (invented) members; once."""
    mandates = demo.gql("query($id: ID!) { council(id: $id) { mandates { id } } }", id=council)
    if mandates["council"]["mandates"]:
        return
    person = demo.gql("{ me { person { id } } }", token=member)["me"]["person"]["id"]
    term = {"termStart": (date.today() - timedelta(days=30)).isoformat(), "termEnd": "2030-12-31"}
    for person_id, role in (
        (person, "president"),
        (str(uuid.uuid4()), "member"),
        (str(uuid.uuid4()), "member"),
    ):
        demo.gql(
            "mutation($i: AppointMandateInput!) { appointMandate(input: $i) { id } }",
            i={"councilId": council, "personId": person_id, "role": role, **term},
        )


async def sign_in(page: Any, portal_url: str, account: dict[str, str], axe: Axe) -> None:
    """A demo account signs in with its username and password (the page is in Dutch)."""
    await page.goto(portal_url + "/login/account")
    await check(page, axe)
    await page.get_by_label("Gebruikersnaam").fill(account["username"])
    await page.get_by_label("Wachtwoord").fill(account["password"])
    await page.get_by_role("button", name="Aanmelden").click()
    await expect(page.get_by_role("button", name="Afmelden")).to_be_visible()


async def test_a_council_member_accepts_a_proposed_item_and_schedules_it(
    chromium: Any, demo: DemoLandlord, platform: dict[str, Any], portal_url: str, axe: Axe
) -> None:
    council = demo.ensure_council()
    member = platform["demo"]["council_member"]
    seat_members(demo, council, demo.token({"grant_type": "password", **member}))
    title = f"Een bank bij de ingang {uuid.uuid4().hex[:6]}"
    item = propose_as_tenant(demo, council, title)
    day = date.today() + timedelta(days=21)
    context = await chromium.new_context(viewport=SMALLEST, locale="nl-BE")
    page = await context.new_page()
    try:
        await sign_in(page, portal_url, member, axe)
        await page.get_by_role("link", name="Raad", exact=True).click()
        await expect(page.get_by_role("heading", name="Het werk van de raad", level=1)).to_be_visible()
        await check(page, axe)

        card = page.locator(f'[id="item-{item}"]')
        await expect(card.get_by_role("heading", name=title)).to_be_visible()
        await card.get_by_role("button", name="Aanvaarden").click()  # no subject chosen yet
        await expect(card.get_by_text("Kies waarover het punt gaat.")).to_be_visible()
        await check(page, axe)
        await card.get_by_label("Waarover gaat het?").select_option("collective_equipment")
        await card.get_by_role("button", name="Aanvaarden").click()
        await expect(page.get_by_role("status")).to_have_text(
            "Het punt is aanvaard. Zet het op een vergadering."
        )
        await check(page, axe)

        await page.get_by_role("link", name=f"Een vergadering plannen met: {title}").click()
        await expect(page.get_by_role("heading", name="Een vergadering plannen")).to_be_visible()
        await expect(page.get_by_label(title)).to_be_checked()
        await check(page, axe)
        await page.get_by_label("Dag").fill(day.isoformat())
        await page.get_by_label("Beginuur").fill("18:00")
        await page.get_by_label("Einduur").fill("20:00")
        await page.get_by_label("Plaats").fill("Gemeenschapszaal, blok A")
        await page.get_by_role("button", name="Vergadering plannen").click()
        await expect(page.get_by_role("status")).to_have_text("De vergadering is gepland.")
        meeting = re.search(r"/council/meetings/([^/?#]+)\?done=planned", page.url)
        assert meeting, page.url
        agenda = page.locator("section", has=page.get_by_role("heading", name="Waarover de raad praat"))
        await expect(agenda.get_by_role("heading", name=title)).to_be_visible()
        await expect(agenda.locator(f'[id="item-{item}"]')).to_contain_text("Op de agenda")
        await check(page, axe)

        await page.get_by_role("link", name="Terug naar het overzicht van de raad").click()
        await expect(page.locator(f'[id="item-{item}"]')).to_have_count(0)  # no longer to review or to plan
        upcoming = page.locator("section", has=page.get_by_role("heading", name="Volgende vergadering"))
        await expect(upcoming.get_by_role("listitem").filter(has_text=title)).to_be_visible()
        await check(page, axe)
        await hold_the_meeting(page, portal_url, meeting[1], item, axe)
    finally:
        await context.close()
    scheduled = demo.gql(
        "query($id: ID!) { councilMeeting(id: $id) { startsAt venue agenda { id title state } } }",
        id=meeting[1],
    )["councilMeeting"]
    assert {"id": item, "title": title, "state": "scheduled"} in scheduled["agenda"]
    assert scheduled["startsAt"].startswith(day.isoformat())


async def hold_the_meeting(page: Any, portal_url: str, meeting: str, item: str, axe: Axe) -> None:
    """On the day: who is there, a vote on the item, then a draft of the minutes."""
    await page.goto(f"{portal_url}/council/meetings/{meeting}")
    await page.get_by_label("Noor Voorbeeld (voorzitter)").check()
    await page.get_by_label("Lid 2 (lid)").check()
    await page.get_by_role("button", name="Aanwezigheid opslaan").click()
    await expect(page.get_by_role("status")).to_have_text("De aanwezigheid is opgeslagen.")
    await expect(page.get_by_text("2 van de 3 leden waren er.")).to_be_visible()
    await check(page, axe)
    card = page.locator(f'[id="item-{item}"]')
    await card.get_by_label("Wie stemt?").select_option(label="Noor Voorbeeld (voorzitter)")
    await card.get_by_label("Voor", exact=True).check()
    await card.get_by_role("button", name="Stem opslaan").click()
    await expect(card.get_by_role("status")).to_have_text(
        "Stemmen tot nu toe: 1 voor, 0 tegen, 0 onthouding."
    )
    await check(page, axe)
    await page.get_by_role("link", name="Het verslag schrijven").click()
    await expect(page.get_by_role("heading", name="Verslag van de vergadering", level=1)).to_be_visible()
    await check(page, axe)
    await page.get_by_label("Wat is er gezegd?").fill("De raad wil een bank bij de ingang.")
    await page.get_by_label("Wie doet wat? (mag leeg)").fill("een prijs vragen")  # no one named
    await page.get_by_role("button", name="Ontwerp bewaren").click()
    await expect(page.get_by_text("een streepje, en wie het doet")).to_be_visible()
    await check(page, axe)
    await page.get_by_label("Wie doet wat? (mag leeg)").fill("Een prijs vragen - Noor")
    await page.get_by_role("button", name="Ontwerp bewaren").click()
    await expect(page.get_by_role("status")).to_have_text("Uw ontwerp is bewaard in deze browser.")
    await expect(page.get_by_label("Wat is er gezegd?")).to_have_value("De raad wil een bank bij de ingang.")
    await check(page, axe)


def a_room_to_approve(demo: DemoLandlord, worker: str) -> tuple[str, str, str]:
    """A room whose bookings wait for the landlord and a worker's request: (booking, room, name)."""
    site = demo.gql("query($l: ID!) { landlord(id: $l) { sites { id } } }", l=demo.landlord_id)["landlord"][
        "sites"
    ][0]["id"]
    name = f"Salle {uuid.uuid4().hex[:6]}"
    room = {
        "landlordId": demo.landlord_id,
        "siteId": site,
        "name": text(name),
        "capacity": 30,
        "accessibility": ["step_free_access"],
        "openingHours": EVERY_DAY,
        "policy": {"autoConfirm": False},
    }
    space = demo.gql("mutation($i: CreateSpaceInput!) { createSpace(input: $i) { id } }", i=room)[
        "createSpace"
    ]
    day = date.today() + timedelta(days=5)
    booking = {
        "spaceId": space["id"],
        "organisation": {"kind": "tenant_group", "id": site},
        "purpose": "Fête des voisins",
        "attendees": 25,
        "startsAt": f"{day.isoformat()}T14:00:00+01:00",
        "endsAt": f"{day.isoformat()}T17:00:00+01:00",
    }
    result = demo.gql(
        "mutation($i: RequestBookingInput!) { requestBooking(input: $i) { bookings { id state } } }",
        token=worker,
        i=booking,
    )["requestBooking"]["bookings"]
    assert [b["state"] for b in result] == ["requested"]
    return str(result[0]["id"]), str(space["id"]), name


def a_draft(demo: DemoLandlord) -> str:
    """A consultation left as a draft; its French title."""
    now = datetime.now(UTC)
    title = f"Le local vélos {uuid.uuid4().hex[:6]}"
    draft = {
        "landlordId": demo.landlord_id,
        "title": {"nl": f"De fietsenberging {title[-6:]}", "fr": title, "en": f"The bike shed {title[-6:]}"},
        "description": text("Quelques questions sur le local vélos."),
        "ownerId": "staff",
        "opensAt": (now + timedelta(days=1)).isoformat(),
        "closesAt": (now + timedelta(days=14)).isoformat(),
        "followUpDue": (now + timedelta(days=45)).date().isoformat(),
        "questions": GARDEN_QUESTIONS,
    }
    demo.gql("mutation($i: ConsultationInput!) { createConsultation(input: $i) { id } }", i=draft)
    return title


async def test_the_landlord_staff_pages_work_on_a_320px_screen(
    chromium: Any, demo: DemoLandlord, platform: dict[str, Any], portal_url: str, axe: Axe
) -> None:
    """Staff ask the council for advice and answer it, approve a booking, publish a draft and
    read the indicators — in French, every page checked by axe-core and at 320 px."""
    council = demo.ensure_council()
    accounts = platform["demo"]
    worker = demo.token({"grant_type": "password", **accounts["community_worker"]})
    member = demo.token({"grant_type": "password", **accounts["council_member"]})
    booking, space, room = a_room_to_approve(demo, worker)
    draft = a_draft(demo)
    question = f"Faut-il repeindre la cage d'escalier ? {uuid.uuid4().hex[:6]}"
    context = await chromium.new_context(viewport=SMALLEST, locale="fr-BE")
    page = await context.new_page()
    try:
        await page.goto(portal_url + "/login/account")
        await page.get_by_label("Nom d'utilisateur").fill(accounts["landlord_staff"]["username"])
        await page.get_by_label("Mot de passe").fill(accounts["landlord_staff"]["password"])
        await page.get_by_role("button", name="Se connecter").click()
        await page.get_by_role("link", name="Personnel", exact=True).click()
        await expect(page.get_by_role("heading", name="Pages du personnel")).to_be_visible()
        await check(page, axe)

        await page.get_by_role("link", name="Avis du conseil").click()
        await check(page, axe)
        await page.get_by_role("button", name="Envoyer la demande").click()
        await expect(page.get_by_text("Écrivez votre question.")).to_be_visible()
        await check(page, axe)
        await page.get_by_label("Sujet").select_option(label="Règlement d'ordre intérieur")
        await page.get_by_label("Que demandez-vous au conseil ?").fill(question)
        await page.get_by_label("Réponse nécessaire avant le").fill(
            (date.today() + timedelta(days=30)).isoformat()
        )
        await page.get_by_role("button", name="Envoyer la demande").click()
        await expect(page.get_by_role("status")).to_have_text("Votre demande est envoyée au conseil.")
        asked = page.locator(".card", has_text=question)
        await expect(asked).to_contain_text("Demandé : le conseil doit encore répondre")
        await check(page, axe)

        advice = await asked.get_attribute("id")
        assert advice and advice.startswith("advice-"), advice
        advice_id = advice.removeprefix("advice-")
        issued = {"adviceId": advice_id, "text": {"fr": "Oui, en couleurs claires."}}
        demo.gql("mutation($i: IssueAdviceInput!) { issueAdvice(input: $i) { id } }", token=member, i=issued)
        await page.reload()
        await asked.get_by_label("Pas suivi").check()
        await asked.get_by_role("button", name="Envoyer la réponse").click()  # the gateway wants a why
        await expect(asked.locator(f'[id="justification-{advice_id}-error"]')).to_contain_text("pourquoi")
        await expect(asked.get_by_label("Pourquoi ?")).to_have_attribute("aria-invalid", "true")
        await check(page, axe)
        await asked.get_by_label("Pas suivi").check()
        await asked.get_by_label("Pourquoi ?").fill("Les travaux sont prévus l'an prochain.")
        await asked.get_by_role("button", name="Envoyer la réponse").click()
        await expect(page.get_by_role("status")).to_have_text("Votre réponse est envoyée au conseil.")
        await expect(asked).to_contain_text("Les travaux sont prévus l'an prochain.")
        await check(page, axe)

        await page.get_by_role("link", name="Retour aux pages du personnel").click()
        await page.get_by_role("link", name="Approuver les réservations").click()
        card = page.locator(f'[id="booking-{booking}"]')
        await expect(card.get_by_role("heading", name=room)).to_be_visible()
        await check(page, axe)
        await card.get_by_role("button", name="Approuver").click()
        await expect(page.get_by_role("status")).to_have_text("La réservation est approuvée.")
        await expect(page.locator(f'[id="booking-{booking}"]')).to_have_count(0)
        await check(page, axe)

        await page.get_by_role("link", name="Retour aux pages du personnel").click()
        await page.get_by_role("link", name="Consultations").click()
        card = page.locator(".card", has=page.get_by_role("heading", name=draft))
        await expect(card).to_contain_text("Brouillon")
        await check(page, axe)
        await card.get_by_role("button", name="Publier").click()
        await expect(page.get_by_role("status")).to_have_text("La consultation est publiée.")
        await expect(card).to_contain_text("Planifiée")
        await check(page, axe)

        await page.get_by_role("link", name="Retour aux pages du personnel").click()
        await page.get_by_role("link", name="Indicateurs").click()
        await expect(page.get_by_role("heading", name="Occupation par salle")).to_be_visible()
        await expect(page.get_by_role("table").filter(has_text=room)).to_be_visible()
        await check(page, axe)
        await page.get_by_label("Du", exact=True).fill(date.today().isoformat())
        await page.get_by_label("Au", exact=True).fill((date.today() - timedelta(days=30)).isoformat())
        await page.get_by_role("button", name="Afficher").click()
        await expect(page.get_by_text("La fin doit venir après le début.")).to_be_visible()
        await check(page, axe)
    finally:
        await context.close()
    window = {"f": datetime.now(UTC).isoformat(), "t": (datetime.now(UTC) + timedelta(days=30)).isoformat()}
    bookings = demo.gql(
        "query($id: ID!, $f: DateTime!, $t: DateTime!) { space(id: $id) { bookings(from: $f, to: $t) "
        "{ nodes { id state } } } }",
        id=space,
        **window,
    )["space"]["bookings"]["nodes"]
    assert {"id": booking, "state": "confirmed"} in bookings
    advice_states = demo.gql(
        "query($id: ID!) { council(id: $id) { advice(first: 50) { nodes { question state response } } } }",
        id=council,
    )["council"]["advice"]["nodes"]
    assert {"question": question, "state": "answered", "response": "not_followed"} in advice_states
