"""Fixtures for the browser tests: the platform, Debian's Chromium driven by Playwright, axe-core.

They skip (with the reason) when Playwright, Chromium or ``inspraak`` is missing; axe-core checks
skip when ``node_modules/axe-core`` is not installed (``npm ci --prefix services/portal``).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from .platform import INSPRAAK, UP_TIMEOUT, DemoLandlord, start_platform, stop_platform

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RULE_SETS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

async_api = pytest.importorskip(
    "playwright.async_api", reason="Playwright is not installed (pip install playwright)"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The first browser test also waits for ``inspraak up`` (minutes on a loaded machine): give
    browser tests the platform's own start limit on top of pytest's default timeout."""
    for item in items:
        if item.get_closest_marker("browser") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(UP_TIMEOUT + 300))


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The whole platform started with ``inspraak up``; its urls.json."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    if not Path(INSPRAAK).exists() and not shutil.which("inspraak"):
        pytest.skip("the `inspraak` command is not installed")
    process, urls = start_platform(tmp_path_factory.mktemp("platform"))
    try:
        yield urls
    finally:
        stop_platform(process)


@pytest.fixture(scope="session")
def demo(platform: dict[str, Any]) -> DemoLandlord:
    """The demo landlord's staff, ready to prepare consultations and codes."""
    return DemoLandlord(platform)


@pytest.fixture(scope="session")
async def chromium(platform: dict[str, Any]) -> AsyncIterator[Any]:
    """Debian's Chromium, headless, driven by Playwright's async API (on the tests' event loop)."""
    async with async_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        await browser.close()


@pytest.fixture
def portal_url(platform: dict[str, Any]) -> str:
    """The portal's base URL, without the trailing slash."""
    return str(platform["portal"]).rstrip("/")


class Axe:
    """Runs axe-core in a page; the serious and critical violations it finds."""

    def __init__(self, script: str | None) -> None:
        self.script = script
        self.checked: list[str] = []

    async def violations(self, page: Any) -> list[dict[str, Any]]:
        """Serious/critical violations on ``page`` (WCAG 2.x A and AA rules)."""
        if self.script is None:
            return []
        await page.add_script_tag(content=self.script)
        result = await page.evaluate(f"async () => await axe.run(document, {{runOnly: {RULE_SETS!r}}})")
        self.checked.append(page.url)
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    async def assert_clean(self, page: Any) -> None:
        """Fail with the violations' ids and targets."""
        found = await self.violations(page)
        assert not found, json.dumps(found, indent=1)


@pytest.fixture(scope="session")
def axe() -> Axe:
    """axe-core when installed (else checks are no-ops and the report says so)."""
    return Axe(AXE.read_text(encoding="utf-8") if AXE.exists() else None)
