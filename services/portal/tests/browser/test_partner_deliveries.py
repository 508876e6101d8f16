"""A partner signs in with its client credentials, subscribes a webhook (a real receiver on
loopback), and sees the delivery of a real event in its log; then asks for it again."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest

from partners.testing import WebhookReceiver, eventually

from .conftest import Axe
from .platform import DemoLandlord, text
from .test_tenant_journey import check

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.async_api", reason="Playwright is not installed").expect
EVENT = "inspraak.spaces.space.created"


def open_room(demo: DemoLandlord) -> None:
    """A real event: the landlord's staff opens a room (``spaces.space.created``, public)."""
    site = demo.gql("query($l: ID!) { landlord(id: $l) { sites { id } } }", l=demo.landlord_id)["landlord"][
        "sites"
    ][0]
    room = {
        "landlordId": demo.landlord_id,
        "siteId": site["id"],
        "name": text(f"Local {uuid.uuid4().hex[:6]}"),
        "capacity": 12,
    }
    demo.gql("mutation($i: CreateSpaceInput!) { createSpace(input: $i) { id } }", i=room)


async def test_a_partner_sees_a_delivery_in_the_log(
    chromium: Any, demo: DemoLandlord, platform: dict[str, Any], portal_url: str, axe: Axe
) -> None:
    client = platform["demo"]["partner_client"]
    demo.register_partner(client["client_id"])
    receiver = await WebhookReceiver().start()
    context = await chromium.new_context(viewport={"width": 320, "height": 640}, locale="fr-BE")
    page = await context.new_page()
    try:
        await page.goto(portal_url + "/")
        await page.get_by_role("link", name="Organisation partenaire ? Connectez-vous ici.").click()
        await check(page, axe)
        await page.get_by_label("Identifiant client").fill(client["client_id"])
        await page.get_by_label("Secret").fill(client["client_secret"])
        await page.get_by_role("button", name="Se connecter").click()
        await expect(page.get_by_role("heading", name="Votre organisation")).to_be_visible()
        await check(page, axe)

        await page.get_by_role("link", name="Abonnements").first.click()
        await check(page, axe)
        await page.get_by_label("Adresse de votre webhook").fill(receiver.url)
        await page.get_by_role("checkbox", name=re.compile(re.escape(EVENT))).check()
        await page.get_by_role("button", name="S'abonner").click()
        await expect(page.get_by_role("heading", name="Abonnement créé")).to_be_visible()
        await expect(page.locator("code.secret")).to_contain_text("whsec_")
        await check(page, axe)

        open_room(demo)
        await eventually(lambda: any(EVENT in r.body.decode() for r in receiver.requests), within=60)

        await page.goto(portal_url + "/partner/deliveries")
        # A plain string (substring match): Playwright cannot serialise a regex holding "/" here.
        log = page.get_by_role("table", name=receiver.url)
        row = log.get_by_role("row").filter(has_text=EVENT).first
        await expect(row).to_contain_text("arrivé")
        await check(page, axe)
        sent = len(receiver.requests)
        await row.get_by_role("button", name=re.compile("Renvoyer")).click()
        await expect(page.get_by_text("Renvoyé.")).to_be_visible()
        await eventually(lambda: len(receiver.requests) > sent, within=30)

        await page.get_by_role("link", name="Activités").first.click()
        await check(page, axe)
    finally:
        await context.close()
        await receiver.stop()
