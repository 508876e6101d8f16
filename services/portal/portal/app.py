"""The portal's FastAPI app: the pages, the stylesheet, health checks and friendly error pages.

The portal has no database and no message bus, so it does not use the kernel's service app; it
only talks to the gateway (and to the token endpoint to sign people in).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from portal.deps import SignInNeeded, see_other, visit
from portal.gateway import GatewayError, GatewayUnavailable
from portal.pages import auth, consultation, council, home, language, ops, partner, staff, worker
from portal.refresh import keep_households_signed_in
from portal.settings import PortalSettings, portal_settings
from portal.state import open_state

STATIC = Path(__file__).parent / "static"
ERROR_STATUS = {
    "NOT_FOUND": 404,
    "FORBIDDEN": 403,
    "VALIDATION": 400,
    "CONFLICT": 409,
    "RATE_LIMITED": 429,
    "UNAVAILABLE": 503,
}
"""Anything else the gateway refused (INTERNAL: masked) is the gateway's failure, not the page's: 502."""


async def _sign_in_again(request: Request, exc: Exception) -> Response:
    """Not signed in, or the token expired: back to the welcome page, session forgotten."""
    response = see_other("/")
    request.app.state.portal.cookies.sign_out(response)
    return response


async def _gateway_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, GatewayError)
    if exc.code == "UNAUTHENTICATED":
        return await _sign_in_again(request, exc)
    status = ERROR_STATUS.get(exc.code, 502)
    return visit(request).render("error.html", status, message=exc.message)


async def _unavailable(request: Request, exc: Exception) -> Response:
    page = visit(request)
    return page.render("error.html", 503, message=page.t("portal.error.unavailable"))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    page = visit(request)
    if exc.status_code == 404:
        return page.render("not_found.html", 404)
    return page.render("error.html", exc.status_code, message=page.t("portal.error.generic"))


def build_app(settings: PortalSettings, *, transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """The portal for ``settings``; ``transport`` replaces the network to the gateway and identity."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with open_state(settings, transport) as state:
            app.state.portal = state
            yield

    app = FastAPI(title="Inspraak portal", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    routers = (ops, language, auth, home, consultation, council, worker, staff, partner)
    for router in (module.router for module in routers):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.middleware("http")(keep_households_signed_in)
    app.add_exception_handler(SignInNeeded, _sign_in_again)
    app.add_exception_handler(GatewayError, _gateway_error)
    app.add_exception_handler(GatewayUnavailable, _unavailable)
    app.add_exception_handler(HTTPException, _http_error)
    return app


def create_app() -> FastAPI:
    """The portal configured from the environment (``INSPRAAK_PORTAL_*``, ``INSPRAAK_*``)."""
    return build_app(portal_settings())
