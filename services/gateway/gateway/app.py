"""The gateway's FastAPI app: GraphQL at ``/graphql`` plus health, readiness and metrics.

The gateway has no database, so it does not use :func:`kernel.http.create_service_app`; it
keeps the same problem-details style, correlation ids and metrics.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from strawberry.fastapi import GraphQLRouter

from gateway import ops
from gateway.context import get_context
from gateway.errors import domain_error_body
from gateway.middleware import CorrelationMiddleware
from gateway.schema import build_schema
from gateway.state import open_state
from kernel.errors import DomainError, Unauthenticated
from kernel.http import problem
from kernel.localisation import negotiate_language
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
    return response


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    return problem(request, exc.status_code, HTTPStatus(exc.status_code).name, str(exc.detail))


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
    graphql = GraphQLRouter(
        build_schema(introspection=not production),
        path=GRAPHQL_PATH,
        context_getter=get_context,
        graphql_ide=None if production else "graphiql",
    )
    app.include_router(graphql)
    app.include_router(ops.router)
    app.add_exception_handler(DomainError, _refused)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_middleware(CorrelationMiddleware, service=SERVICE)
    return app


def create_app() -> FastAPI:
    """The gateway app configured from the environment (``INSPRAAK_GATEWAY_*``, ``INSPRAAK_*``)."""
    return build_app(service_settings(SERVICE))
