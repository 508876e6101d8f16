"""What the portal process holds between requests: settings, the pooled client, cookies, templates."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from fastapi.templating import Jinja2Templates

from portal.gateway import open_client
from portal.i18n import local_date, local_time
from portal.login import TokenEndpoint
from portal.session import CookieJar
from portal.settings import PortalSettings

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class PortalState:
    """The composition root's parts, opened in the app lifespan."""

    settings: PortalSettings
    http: httpx.AsyncClient
    cookies: CookieJar
    tokens: TokenEndpoint
    templates: Jinja2Templates


def make_templates() -> Jinja2Templates:
    """Jinja2 with autoescaping (HTML files) and the portal's filters."""
    templates = Jinja2Templates(directory=str(TEMPLATES))
    templates.env.filters["local_time"] = local_time
    templates.env.filters["local_date"] = local_date
    return templates


@asynccontextmanager
async def open_state(
    settings: PortalSettings, transport: httpx.AsyncBaseTransport | None = None
) -> AsyncIterator[PortalState]:
    """Open the pooled client (``transport`` replaces the network in tests); close it on exit."""
    async with open_client(settings.gateway_url, transport) as http:
        yield PortalState(
            settings=settings,
            http=http,
            cookies=CookieJar(
                settings.session_key,
                secure=settings.cookie_secure,
                session_max_age=settings.session_max_age_seconds,
            ),
            tokens=TokenEndpoint(http, settings.issuer),
            templates=make_templates(),
        )
