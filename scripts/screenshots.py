"""Screenshots of the portal's main pages in NL and FR, for docs/screenshots/.

    .venv/bin/python scripts/screenshots.py                    # starts the platform (inspraak up)
    .venv/bin/python scripts/screenshots.py --urls DATA/urls.json   # a platform already up

It starts the platform the way the browser tests do (services/portal/tests/browser/platform.py),
lets the demo staff publish a consultation, signs in as the demo users with Debian's Chromium
(Playwright) and saves ``<page>-<lang>.png``: tenant pages at a phone's 390 px width, the
others at 1024 px. A page that answers 404 or an error status is skipped with a note.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PLATFORM = ROOT / "services" / "portal" / "tests" / "browser" / "platform.py"

OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1024, "height": 768}
LANGUAGES = ("nl", "fr")
# The other audiences' main pages: (file name, demo login, path).
ROLE_PAGES: list[tuple[str, str, str]] = [
    ("council-board", "council_member", "/council/board"),
    ("staff-advice", "landlord_staff", "/staff/advice"),
    ("staff-indicators", "landlord_staff", "/staff/indicators"),
    ("worker-rooms", "community_worker", "/worker/rooms"),
    ("partner-profile", "partner", "/partner"),
    ("partner-deliveries", "partner", "/partner/deliveries"),
]


def browser_platform() -> Any:
    """The browser tests' platform helper (``inspraak up``, the demo landlord's staff)."""
    spec = importlib.util.spec_from_file_location("portal_browser_platform", PLATFORM)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


async def shoot(page: Any, portal: str, path: str, name: str, lang: str) -> bool:
    """Save ``path`` as ``name-lang.png``; False (with a note) when the page answers 404."""
    response = await page.goto(portal + path)
    if response is None or response.status >= 400:
        print(f"skipped {name} ({path}): HTTP {response.status if response else '?'}")
        return False
    target = OUT / f"{name}-{lang}.png"
    await page.screenshot(path=str(target), full_page=True)
    print(f"saved {target.relative_to(ROOT)} ({target.stat().st_size // 1024} KiB)")
    return True


async def signed_in_page(browser: Any, portal: str, lang: str, viewport: dict[str, int], login: Any) -> Any:
    context = await browser.new_context(viewport=viewport, locale=f"{lang}-BE")
    page = await context.new_page()
    await page.goto(f"{portal}/lang/{lang}?next=/")
    if login is not None:
        await login(page)
    return page


async def run(urls: dict[str, Any]) -> None:
    from playwright.async_api import async_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    portal = str(urls["portal"]).rstrip("/")
    demo = browser_platform().DemoLandlord(urls)
    consultation = demo.open_consultation("Cour et jardin")
    council = demo.ensure_council()
    for title in ("Lift in blok B staat vaak stil", "Éclairage du parking"):
        demo.gql(
            "mutation($i: ProposeAgendaItemInput!) { proposeAgendaItem(input: $i) { id } }",
            token=demo.tenant_token(),
            i={"councilId": council, "title": {"nl": title, "fr": title}},
        )
    await asyncio.sleep(5)  # the council's projections of people and mandates catch up
    accounts = urls["demo"]

    def with_code(code: str) -> Any:
        async def login(page: Any) -> None:
            await page.goto(portal + "/login/code")
            await page.fill("#code", code)
            await page.click("form[action='/login/code'] button[type=submit]")

        return login

    def with_password(role: str) -> Any:
        async def login(page: Any) -> None:
            account = accounts.get(role) or {}
            await page.goto(portal + "/login/account")
            await page.fill("#username", str(account.get("username", "")))
            await page.fill("#password", str(account.get("password", "")))
            await page.click("form[action='/login/account'] button[type=submit]")

        return login

    async def as_partner(page: Any) -> None:
        client = accounts["partner_client"]
        demo.register_partner(client["client_id"])
        await page.goto(portal + "/partner/login")
        await page.fill("#client_id", client["client_id"])
        await page.fill("#client_secret", client["client_secret"])
        await page.click("form[action='/partner/login'] button[type=submit]")

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for lang in LANGUAGES:
            page = await signed_in_page(browser, portal, lang, PHONE, None)
            await shoot(page, portal, "/", "welcome", lang)
            await page.context.close()
            page = await signed_in_page(browser, portal, lang, PHONE, with_code(demo.activation_code()))
            for name, path in (
                ("tenant-home", "/"),
                ("consultation-question", f"/consultations/{consultation}/questions/garden"),
                ("you-said-we-did", "/you-said-we-did"),
                ("propose", "/council/propose"),
                ("council-minutes", "/minutes"),
                ("council-advice", "/advice"),
            ):
                await shoot(page, portal, path, name, lang)
            await page.context.close()
            for name, role, path in ROLE_PAGES:
                login = as_partner if role == "partner" else with_password(role)
                page = await signed_in_page(browser, portal, lang, DESK, login)
                await shoot(page, portal, path, name, lang)
                await page.context.close()
        await browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=Path, help="urls.json of a running platform (else one is started)")
    options = parser.parse_args()
    if options.urls:
        asyncio.run(run(json.loads(options.urls.read_text())))
        return
    helpers = browser_platform()
    with tempfile.TemporaryDirectory(prefix="inspraak-shots-") as data_dir:
        process, urls = helpers.start_platform(Path(data_dir))
        try:
            asyncio.run(run(urls))
        finally:
            helpers.stop_platform(process)


if __name__ == "__main__":
    main()
