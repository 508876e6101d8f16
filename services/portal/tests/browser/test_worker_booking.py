"""A community worker finds a room, books an hour on its week calendar, and is told in plain
French why the same hour cannot be booked again (and which hours are still free) — on a 320 px
screen (the calendar scrolls inside its own box, never the page), axe-clean on every page."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest

from .conftest import Axe
from .platform import DemoLandlord, text
from .test_tenant_journey import check

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.async_api", reason="Playwright is not installed").expect
EVERY_DAY = [
    {"weekday": day, "opens": "08:00", "closes": "22:00"}
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
]


def open_room(demo: DemoLandlord) -> tuple[str, str]:
    """A room open every day, bookable by workers without approval; its site id and French name."""
    site = demo.gql("query($l: ID!) { landlord(id: $l) { sites { id } } }", l=demo.landlord_id)["landlord"][
        "sites"
    ][0]
    name = f"Salle {uuid.uuid4().hex[:6]}"
    room = {
        "landlordId": demo.landlord_id,
        "siteId": site["id"],
        "name": text(name),
        "capacity": 20,
        "accessibility": ["step_free_access"],
        "openingHours": EVERY_DAY,
        "policy": {"autoConfirm": True},
    }
    demo.gql("mutation($i: CreateSpaceInput!) { createSpace(input: $i) { id } }", i=room)
    return str(site["id"]), name


async def test_a_worker_books_a_room_and_sees_the_conflict_message_when_the_slot_is_taken(
    chromium: Any, demo: DemoLandlord, platform: dict[str, Any], portal_url: str, axe: Axe
) -> None:
    site_id, room = open_room(demo)
    worker = platform["demo"]["community_worker"]
    context = await chromium.new_context(viewport={"width": 320, "height": 640}, locale="fr-BE")
    page = await context.new_page()
    try:
        await page.goto(portal_url + "/login/account")
        await page.get_by_label("Nom d'utilisateur").fill(worker["username"])
        await page.get_by_label("Mot de passe").fill(worker["password"])
        await page.get_by_role("button", name="Se connecter").click()
        await page.get_by_role("link", name="Trouver une salle").first.click()
        await expect(page.get_by_role("heading", name="Trouver une salle libre")).to_be_visible()
        await check(page, axe)
        await page.get_by_label("Site").select_option(site_id)
        await page.get_by_label("Combien de personnes ?").fill("12")
        await page.get_by_label("Accès sans marches").check()
        await page.get_by_role("button", name="Chercher").click()
        card = page.locator(".card", has=page.get_by_role("heading", name=room))
        await expect(card).to_be_visible()
        await check(page, axe)
        await card.get_by_role("link", name=re.compile("Voir la semaine")).click()
        await page.get_by_role("link", name="Semaine suivante").click()
        await expect(page.get_by_role("table")).to_be_visible()
        await check(page, axe)
        first_ten = page.get_by_role("link", name=re.compile(r"de 10:00 à 11:00")).first
        book_url = await first_ten.get_attribute("href")
        await first_ten.click()
        await expect(page.get_by_role("heading", name=f"Réserver {room}")).to_be_visible()
        await check(page, axe)
        await page.get_by_label("Pour quoi faire ?").fill("École de devoirs")
        await page.get_by_label("Combien de personnes viennent ?").fill("8")
        await page.get_by_role("button", name="Réserver", exact=True).click()
        await expect(page.get_by_text("C'est réservé.")).to_be_visible()
        await expect(page.get_by_text("École de devoirs")).to_be_visible()
        await check(page, axe)

        await page.goto(portal_url + str(book_url))
        await page.get_by_label("Pour quoi faire ?").fill("Réunion des locataires")
        await page.get_by_label("Combien de personnes viennent ?").fill("10")
        await page.get_by_role("button", name="Réserver", exact=True).click()
        clash = page.get_by_role("alert").filter(has_text="Ce moment n'est pas possible")
        await expect(clash).to_be_visible()
        await expect(clash).to_contain_text("La salle est déjà occupée")
        await expect(clash).to_contain_text(re.compile(r"occupée \w+ \d\d/\d\d/\d{4} de 10:00 à 11:00"))
        await expect(clash.get_by_role("link", name=re.compile("^Réserver : "))).not_to_have_count(0)
        await check(page, axe)
    finally:
        await context.close()
