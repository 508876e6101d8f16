"""A tenant answers a consultation with a skip, in French, on a small phone — with and without
JavaScript — against the whole platform started by ``inspraak up``."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import Axe
from .platform import DemoLandlord

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.async_api", reason="Playwright is not installed").expect


async def fits_the_screen(page: Any) -> bool:
    """No horizontal scrolling: nothing is wider than the viewport."""
    return bool(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


async def check(page: Any, axe: Axe) -> None:
    """Every page of the journey: readable on the phone and without serious a11y violations."""
    assert await fits_the_screen(page), page.url
    await axe.assert_clean(page)


async def sign_in_with_code(page: Any, portal_url: str, code: str, axe: Axe) -> None:
    await page.goto(portal_url + "/")
    assert await page.locator("html").get_attribute("lang") == "fr"
    await check(page, axe)
    await page.get_by_role("link", name="J'ai une lettre avec un code").click()
    await check(page, axe)
    await page.get_by_label("Code").fill(code)
    await page.get_by_role("button", name="Se connecter").click()
    await expect(page.get_by_role("heading", name="Page d'accueil")).to_be_visible()
    await check(page, axe)


async def answer_with_a_skip(page: Any, title: str, axe: Axe) -> None:
    """Q1 "Non" hides Q2 (the garden's faces): the next screen is Q3, counted 2 of 3."""
    await page.get_by_role("link", name=title).click()
    await check(page, axe)
    await page.get_by_role("link", name="Commencer").click()
    await expect(page.get_by_text("Question 1 sur 4")).to_be_visible()
    await check(page, axe)
    await page.get_by_label("Non").check()
    await page.get_by_role("button", name="Suivant").click()
    await expect(page.get_by_role("heading", name="Que voulez-vous dans la cour ?")).to_be_visible()
    await expect(page.get_by_text("Question 2 sur 3")).to_be_visible()
    await check(page, axe)


async def finish_and_send(page: Any, axe: Axe) -> None:
    await page.get_by_label("Des bancs").check()
    await page.get_by_label("De la lumière").check()
    await page.get_by_role("button", name="Suivant").click()
    await expect(page.get_by_text("Question 3 sur 3")).to_be_visible()
    await page.get_by_role("button", name="Passer cette question").click()
    await expect(page.get_by_role("heading", name="Vérifiez vos réponses")).to_be_visible()
    review = await page.locator("dl.review").inner_text()
    assert "Non" in review and "Des bancs, De la lumière" in review and "Pas de réponse" in review
    assert "Comment trouvez-vous le jardin" not in review, "the skipped question is not asked"
    await check(page, axe)
    await page.get_by_role("button", name="Envoyer mes réponses").click()
    await expect(page.get_by_role("heading", name="Merci !")).to_be_visible()
    await check(page, axe)


async def test_a_tenant_answers_with_a_skip_in_french_on_a_360px_phone(
    chromium: Any, demo: DemoLandlord, portal_url: str, axe: Axe
) -> None:
    consultation = demo.open_consultation("Cour et jardin")
    title = demo.gql(
        'query($id: ID!) { consultation(id: $id) { title { text(lang: "fr") } } }', id=consultation
    )
    context = await chromium.new_context(viewport={"width": 360, "height": 740}, locale="fr-BE")
    page = await context.new_page()
    try:
        await sign_in_with_code(page, portal_url, demo.activation_code(), axe)
        name = title["consultation"]["title"]["text"]
        await answer_with_a_skip(page, name, axe)
        await finish_and_send(page, axe)
        await page.get_by_role("link", name="Retour à la page d'accueil").click()
        await page.get_by_role("link", name=name).click()
        await expect(page.get_by_text("Vous avez répondu. Merci !")).to_be_visible()
    finally:
        await context.close()
    assert axe.script is None or len(axe.checked) >= 8, "axe-core ran on every page of the journey"


async def test_the_journey_completes_without_javascript_and_survives_a_lost_connection(
    chromium: Any, demo: DemoLandlord, portal_url: str, axe: Axe
) -> None:
    consultation = demo.open_consultation("Sans JavaScript")
    name = demo.gql(
        'query($id: ID!) { consultation(id: $id) { title { text(lang: "fr") } } }', id=consultation
    )["consultation"]["title"]["text"]
    context = await chromium.new_context(
        viewport={"width": 320, "height": 640}, locale="fr-BE", java_script_enabled=False
    )
    page = await context.new_page()
    try:
        await sign_in_with_code(page, portal_url, demo.activation_code(), Axe(None))
        await answer_with_a_skip(page, name, Axe(None))
        await page.close()  # the connection drops; the first answer was kept
        page = await context.new_page()
        await page.goto(f"{portal_url}/consultations/{consultation}")
        await page.get_by_role("link", name="Continuer là où vous vous êtes arrêté").click()
        assert re.search(r"/questions/wishes$", page.url)
        await finish_and_send(page, Axe(None))
    finally:
        await context.close()


async def test_the_language_link_switches_and_is_remembered(chromium: Any, portal_url: str) -> None:
    context = await chromium.new_context(viewport={"width": 360, "height": 740}, locale="fr-BE")
    page = await context.new_page()
    try:
        await page.goto(portal_url + "/login/code")
        await page.get_by_role("link", name="Nederlands").click()
        await expect(page.get_by_role("heading", name="Aanmelden met uw code")).to_be_visible()
        await page.goto(portal_url + "/")
        assert await page.locator("html").get_attribute("lang") == "nl"
    finally:
        await context.close()
