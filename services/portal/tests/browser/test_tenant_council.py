"""A tenant proposes an agenda item to the council and reads "you said, we did"; the other
pages a tenant sees pass axe-core too."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Axe
from .platform import DemoLandlord
from .test_tenant_journey import check, sign_in_with_code

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.async_api", reason="Playwright is not installed").expect


async def test_a_tenant_proposes_an_agenda_item_that_the_council_then_sees(
    chromium: Any, demo: DemoLandlord, portal_url: str, axe: Axe
) -> None:
    council = demo.ensure_council()
    context = await chromium.new_context(viewport={"width": 360, "height": 740}, locale="fr-BE")
    page = await context.new_page()
    try:
        await sign_in_with_code(page, portal_url, demo.activation_code(), axe)
        await page.get_by_role("link", name="Vous avez dit, nous avons fait").click()
        await expect(page.get_by_role("heading", name="Vous avez dit, nous avons fait")).to_be_visible()
        await check(page, axe)
        await page.get_by_role("link", name="Retour à la page d'accueil").click()
        await page.get_by_role("link", name="Demander au conseil de parler d'un sujet").click()
        await check(page, axe)
        await page.get_by_role("button", name="Envoyer au conseil").click()
        await expect(page.get_by_text("Écrivez en quelques mots")).to_be_visible()
        await check(page, axe)
        await page.get_by_label("De quoi le conseil doit-il parler ?").fill("Les poubelles du bloc C")
        await page.get_by_label("Pourquoi est-ce important ?").fill("Elles débordent chaque lundi.")
        await page.get_by_role("button", name="Envoyer au conseil").click()
        await expect(page.get_by_role("heading", name="Merci !")).to_be_visible()
        await check(page, axe)
    finally:
        await context.close()
    items = demo.gql(
        "query($id: ID!) { council(id: $id) { items { items { title proposedBy state } } } }",
        token=demo.tenant_token(),
        id=council,
    )["council"]["items"]["items"]
    assert {"title": "Les poubelles du bloc C", "proposedBy": "tenant", "state": "proposed"} in items


async def test_the_account_login_page_passes_axe_and_refuses_a_wrong_password(
    chromium: Any, portal_url: str, axe: Axe
) -> None:
    context = await chromium.new_context(viewport={"width": 320, "height": 640}, locale="fr-BE")
    page = await context.new_page()
    try:
        await page.goto(portal_url + "/login/account")
        await check(page, axe)
        await page.get_by_label("Nom d'utilisateur").fill("staff.demo")
        await page.get_by_label("Mot de passe").fill("not-the-password")
        await page.get_by_role("button", name="Se connecter").click()
        await expect(page.get_by_role("alert")).to_contain_text("pas correct")
        await check(page, axe)
    finally:
        await context.close()
