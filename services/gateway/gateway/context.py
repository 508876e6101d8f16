"""The per-request GraphQL context: who calls, in which language, with which loaders."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import strawberry
from starlette.requests import HTTPConnection
from strawberry.fastapi import BaseContext

from gateway.cache import PublicCache
from gateway.clients.base import ServiceClient, forwarded_headers
from gateway.clients.identity import IdentityClient
from gateway.loaders import Loaders, build_loaders
from gateway.state import GatewayState
from kernel.auth import Principal
from kernel.http import bearer_token
from kernel.localisation import Language, negotiate_language
from kernel.logging import correlation_id_var

Loaded = TypeVar("Loaded")
Client = TypeVar("Client", bound=ServiceClient)


@dataclass
class Context(BaseContext):
    """Everything a resolver may use; built once per request by :func:`get_context`."""

    principal: Principal | None
    language: Language
    correlation_id: str
    identity: IdentityClient
    loaders: Loaders
    clients: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    default_page_size: int = 10
    cache: PublicCache | None = None
    _per_request: dict[str, Any] = field(default_factory=dict)

    def service(self, name: str) -> ServiceClient:
        """A client of service ``name`` that forwards the caller's token, language and correlation id."""
        return self.client(name, ServiceClient)

    def client(self, name: str, kind: type[Client]) -> Client:
        """A ``kind`` client of service ``name``, with the gateway's cache of public answers."""
        return kind(self.clients[name], self.headers, cache=self.cache, service=name)

    def loader(self, key: str, build: Callable[[], Loaded]) -> Loaded:
        """A per-request object (typically a DataLoader) made once per request under ``key``."""
        if key not in self._per_request:
            self._per_request[key] = build()
        return self._per_request[key]  # type: ignore[no-any-return]


Info = strawberry.Info[Context, None]
"""The ``info`` argument of the gateway's resolvers."""


def caller_key(principal: Principal | None) -> str | None:
    return f"{principal.kind}:{principal.subject}" if principal is not None else None


async def get_context(request: HTTPConnection) -> Context:
    """Verify the bearer token (none: anonymous; invalid: UNAUTHENTICATED), apply the rate
    limits (RATE_LIMITED) and build the context. A WebSocket signs in later, in
    ``connection_init`` (see :class:`gateway.router.GatewayRouter`)."""
    state: GatewayState = request.app.state.gateway
    token = bearer_token(request) if request.scope["type"] == "http" else None  # type: ignore[arg-type]
    principal = await state.verifier.verify(token) if token else None
    if request.scope["type"] == "http":
        await state.limiter.check(caller_key(principal), request.client.host if request.client else None)
    language = negotiate_language(request.headers.get("accept-language"))
    correlation_id = correlation_id_var.get() or str(uuid.uuid4())
    headers = forwarded_headers(token, correlation_id, language)
    identity = IdentityClient(state.clients.identity, headers, cache=state.cache, service="identity")
    return Context(
        principal=principal,
        language=language,
        correlation_id=correlation_id,
        identity=identity,
        loaders=build_loaders(identity),
        clients=state.clients.services,
        headers=headers,
        default_page_size=state.settings.gateway_default_list_size,
        cache=state.cache,
    )
