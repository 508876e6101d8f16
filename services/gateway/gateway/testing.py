"""Test support: the real gateway app in front of real service apps, all in process.

Every service's "end to end through GraphQL" tests use this instead of their own router::

    async with gateway_over(settings, {"councils": councils_app}, test_issuer) as http:
        await http.post("/graphql", json=..., headers=...)
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from gateway.app import build_app
from kernel.settings import Settings
from kernel.testing.tokens import TestIssuer


def identity_not_found(request: httpx.Request) -> httpx.Response:
    """Identity is someone else's service in these tests: it knows nothing."""
    return httpx.Response(404, json={"code": "NOT_FOUND"})


class HostRouter(httpx.AsyncBaseTransport):
    """Sends each ``<service>.test`` host to that service's app in process; the rest to ``fallback``."""

    def __init__(
        self, routes: Mapping[str, httpx.AsyncBaseTransport], fallback: httpx.AsyncBaseTransport
    ) -> None:
        self.routes = dict(routes)
        self.fallback = fallback

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Route by host."""
        return await self.routes.get(request.url.host, self.fallback).handle_async_request(request)


@asynccontextmanager
async def gateway_over(
    settings: Settings,
    services: Mapping[str, FastAPI],
    issuer: TestIssuer,
    *,
    fallback: httpx.AsyncBaseTransport | None = None,
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the started gateway whose ``services`` are the given (already started) apps.

    The gateway trusts ``issuer``; identity and any other service answer through ``fallback``
    (NOT_FOUND by default).
    """
    async with gateway_app_over(settings, services, issuer, fallback=fallback) as (_, http):
        yield http


@asynccontextmanager
async def gateway_app_over(
    settings: Settings,
    services: Mapping[str, FastAPI],
    issuer: TestIssuer,
    *,
    fallback: httpx.AsyncBaseTransport | None = None,
) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    """As :func:`gateway_over`, with the started gateway app too (to open WebSockets on it)."""
    urls = {f"{name}_url": f"http://{name}.test" for name in services}
    settings = settings.model_copy(
        update={**urls, "issuer": issuer.issuer, "identity_url": "http://identity.test"}
    )
    routes = {f"{name}.test": httpx.ASGITransport(app) for name, app in services.items()}
    transport = HostRouter(routes, fallback or httpx.MockTransport(identity_not_found))
    gateway = build_app(settings, transport=transport)
    async with gateway.router.lifespan_context(gateway):
        issuer.install(gateway.state.gateway.verifier)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(gateway), base_url="http://gateway"
        ) as http:
            yield gateway, http
