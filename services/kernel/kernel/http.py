"""FastAPI app factory for services: problem details, correlation ids, health and metrics."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Annotated, Any

import structlog
from fastapi import APIRouter, Depends, FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from kernel.auth import Principal
from kernel.db import ping
from kernel.errors import DomainError, Unauthenticated, ValidationFailed
from kernel.localisation import negotiate_language, translate
from kernel.logging import correlation_id_var
from kernel.middleware import CorrelationMiddleware
from kernel.problems import problem
from kernel.runtime import ServiceRuntime

log = structlog.get_logger(__name__)


def _language(request: Request) -> str:
    return negotiate_language(request.headers.get("accept-language"))


async def _domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, Unauthenticated) else None
    response = problem(
        request,
        exc.status,
        exc.code,
        exc.message(_language(request)),
        field=exc.field,
        message_key=exc.key,
        params={k: str(v) for k, v in exc.params.items()},
        reason=exc.detail,
    )
    if headers:
        response.headers.update(headers)
    return response


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    first = errors[0] if errors else {}
    location = [str(part) for part in first.get("loc", ()) if part not in ("body", "query", "path")]
    field = ".".join(location) or None
    key = "error.field_required" if first.get("type") == "missing" else "error.invalid_value"
    return problem(
        request,
        ValidationFailed.status,
        ValidationFailed.code,
        translate(key, _language(request)),
        field=field,
        message_key=key,
        errors=[
            {"field": ".".join(str(p) for p in e.get("loc", ())[1:]), "type": e.get("type")} for e in errors
        ],
    )


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("http.unhandled_error", path=request.url.path)
    return problem(
        request,
        500,
        "INTERNAL",
        translate("error.internal", _language(request), correlation_id=correlation_id_var.get()),
    )


def create_service_app(
    runtime: ServiceRuntime,
    routers: Sequence[APIRouter],
    *,
    title: str,
    on_startup: Callable[[], Awaitable[None]] | None = None,
) -> FastAPI:
    """A service's FastAPI app: its routers plus /healthz, /readyz, /metrics and error mapping."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if on_startup is not None:
            await on_startup()
        await runtime.start()
        try:
            yield
        finally:
            await runtime.stop()

    app = FastAPI(title=title, lifespan=lifespan)
    app.state.runtime = runtime
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected_error)

    app.add_middleware(CorrelationMiddleware, service=runtime.service)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        checks = {"database": await ping(runtime.engine), "nats": runtime.bus.connected}
        status = 200 if all(checks.values()) else 503
        return JSONResponse({"ready": status == 200, "checks": checks}, status_code=status)

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    for router in routers:
        app.include_router(router)
    return app


async def runtime_of(request: Request) -> ServiceRuntime:
    """The service runtime behind this request (``async``: FastAPI would send a plain function
    to its thread pool on every request)."""
    runtime: ServiceRuntime = request.app.state.runtime
    return runtime


Runtime = Annotated[ServiceRuntime, Depends(runtime_of)]


def bearer_token(request: Request) -> str | None:
    """The bearer token of the request, if any."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def optional_principal(request: Request, runtime: Runtime) -> Principal | None:
    """The verified caller, or None for anonymous requests (an invalid token is an error)."""
    token = bearer_token(request)
    return await runtime.verifier.verify(token) if token else None


async def current_principal(principal: Annotated[Principal | None, Depends(optional_principal)]) -> Principal:
    """The verified caller; UNAUTHENTICATED without a token."""
    if principal is None:
        raise Unauthenticated("bearer token required")
    return principal


OptionalPrincipal = Annotated[Principal | None, Depends(optional_principal)]
CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require(role: str, landlord_param: str | None = "landlord_id") -> Any:
    """A dependency that demands ``role`` (for the landlord in the named path/query parameter)."""

    async def dependency(request: Request, principal: CurrentPrincipal) -> Principal:
        landlord = None
        if landlord_param:
            landlord = request.path_params.get(landlord_param) or request.query_params.get(landlord_param)
        principal.require(role, str(landlord) if landlord else None)
        return principal

    return Depends(dependency)
