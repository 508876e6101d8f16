"""The tenant's other pages (minutes, advice, "you said, we did", proposing), the consultation-code
entry and the worker's assisted answering: open in Chromium at 320 px, in Dutch and French, with
axe-core on each (0 serious or critical violations) and no sideways scrolling."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Axe
from .platform import DemoLandlord
from .test_tenant_journey import check

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}


async def visit(page: Any, url: str, axe: Axe) -> None:
    response = await page.goto(url)
    assert response is not None and response.status == 200, (url, response and response.status)
    await check(page, axe)


@pytest.mark.parametrize("lang", ["nl", "fr"])
async def test_the_tenants_other_pages_are_accessible_on_a_small_phone(
    chromium: Any, demo: DemoLandlord, portal_url: str, axe: Axe, lang: str
) -> None:
    demo.ensure_council()
    context = await chromium.new_context(viewport=PHONE, locale=f"{lang}-BE")
    page = await context.new_page()
    try:
        await page.goto(f"{portal_url}/lang/{lang}?next=/")
        for path in ("/", "/c"):
            await visit(page, portal_url + path, axe)
        await page.goto(portal_url + "/login/code")
        await page.fill("#code", demo.activation_code())
        await page.click("form[action='/login/code'] button[type=submit]")
        for path in ("/", "/you-said-we-did", "/minutes", "/advice", "/council/propose"):
            await visit(page, portal_url + path, axe)
    finally:
        await context.close()
    assert axe.script is None or len(axe.checked) >= 7


async def test_a_worker_opens_assisted_answering_accessibly(
    chromium: Any, demo: DemoLandlord, platform: dict[str, Any], portal_url: str, axe: Axe
) -> None:
    consultation = demo.open_consultation("Avec un voisin")
    worker = platform["demo"]["community_worker"]
    context = await chromium.new_context(viewport=PHONE, locale="fr-BE")
    page = await context.new_page()
    try:
        await page.goto(portal_url + "/login/account")
        await page.fill("#username", worker["username"])
        await page.fill("#password", worker["password"])
        await page.click("form[action='/login/account'] button[type=submit]")
        await visit(page, f"{portal_url}/consultations/{consultation}", axe)
        await visit(page, f"{portal_url}/consultations/{consultation}/assisted", axe)
        assert await page.locator("form").count() >= 1
    finally:
        await context.close()
