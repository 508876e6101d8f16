"""The gateway's FastAPI app: GraphQL at ``/graphql`` plus health, readiness and metrics.

The gateway has no database, so it does not use :func:`kernel.http.create_service_app`; it
keeps the same problem-details style, correlation ids and metrics.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from pathlib import Path

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from gateway import ops
from gateway.context import get_context
from gateway.errors import domain_error_body
from gateway.limits import BodySizeLimit
from gateway.persisted import PersistedQueries, load_allow_list
from gateway.ratelimit import RateLimitExceeded
from gateway.router import GatewayRouter
from gateway.schema import QueryLimits, build_schema
from gateway.state import open_state
from kernel.errors import DomainError, Unauthenticated
from kernel.localisation import negotiate_language
from kernel.middleware import CorrelationMiddleware
from kernel.problems import problem
from kernel.settings import Settings, service_settings

SERVICE = "gateway"
GRAPHQL_PATH = "/graphql"


async def _refused(request: Request, exc: Exception) -> JSONResponse:
    """A request refused before execution (an invalid token): a GraphQL body with the code."""
    assert isinstance(exc, DomainError)
    lang = negotiate_language(request.headers.get("accept-language"))
    response = JSONResponse(domain_error_body(exc, lang), status_code=exc.status)
    if isinstance(exc, Unauthenticated):
        response.headers["WWW-Authenticate"] = "Bearer"
    if isinstance(exc, RateLimitExceeded):
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    return problem(request, exc.status_code, HTTPStatus(exc.status_code).name, str(exc.detail))


def persisted_queries(settings: Settings) -> PersistedQueries:
    """The persisted-query store the settings ask for (the allow-list read from its path)."""
    path = settings.gateway_persisted_queries_path
    allowed = load_allow_list(Path(path)) if path else {}
    if settings.gateway_persisted_queries == "allowlist" and not allowed:
        raise ValueError("allow-list mode needs gateway_persisted_queries_path with documents")
    mode, size = settings.gateway_persisted_queries, settings.gateway_persisted_queries_max
    return PersistedQueries(mode, size, allowed)


def build_app(settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """The gateway app for ``settings``; ``transport`` replaces the network to the services."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with open_state(settings, transport) as state:
            app.state.gateway = state
            yield

    production = settings.environment == "production"
    app = FastAPI(
        title="Inspraak gateway", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None
    )
    graphql = GatewayRouter(
        build_schema(QueryLimits.from_settings(settings), introspection=not production),
        path=GRAPHQL_PATH,
        context_getter=get_context,
        graphql_ide=None if production else "graphiql",
        persisted=persisted_queries(settings),
        # Only the protocol whose handler applies the persisted-query rules (not legacy graphql-ws).
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
    )
    app.include_router(graphql)
    app.include_router(ops.router)
    app.add_exception_handler(DomainError, _refused)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_middleware(BodySizeLimit, max_bytes=settings.gateway_max_body_bytes)
    app.add_middleware(CorrelationMiddleware, service=SERVICE)
    return app


def create_app() -> FastAPI:
    """The gateway app configured from the environment (``INSPRAAK_GATEWAY_*``, ``INSPRAAK_*``)."""
    return build_app(service_settings(SERVICE))
