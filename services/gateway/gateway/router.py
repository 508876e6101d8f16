"""The GraphQL router: strawberry's, with persisted queries and WebSocket sign-in.

Persisted queries are resolved before strawberry parses anything (over HTTP and over
``graphql-transport-ws``), so a refused document never reaches a resolver. A WebSocket
caller signs in with ``connection_init``'s payload (``{"Authorization": "Bearer …"}``) or the
handshake's ``Authorization`` header; an invalid token closes the socket (4403).

WebSockets share the HTTP rate limits: each ``connection_init`` takes a token of the client
IP's bucket (none left: the socket closes with 4429 and the reason ``RATE_LIMITED``), each
``subscribe`` one of the caller's (its IP's when anonymous; none left: an ``error`` message
for that operation with ``extensions.code`` RATE_LIMITED and ``retryAfter``).
"""

from __future__ import annotations

from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from fastapi import Request, Response
from graphql import GraphQLError
from strawberry.exceptions import ConnectionRejectionError, MissingQueryError
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLRequestData
from strawberry.http.base import BaseRequestProtocol
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ConnectionInitMessage,
    SubscribeMessage,
)
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UnsetType

from gateway.context import Context, caller_key
from gateway.errors import GRAPHQL_VALIDATION_FAILED, domain_error_body
from gateway.persisted import PersistedQueries, PersistedQueryError
from gateway.ratelimit import RateLimiter, RateLimitExceeded
from kernel.errors import Unauthenticated

WEBSOCKET_ONLY = "Subscriptions run over WebSocket (graphql-transport-ws), not over HTTP."


def token_of(value: object) -> str | None:
    """The token of an ``Authorization`` value (``Bearer x`` or a bare ``x``)."""
    if not isinstance(value, str) or not value.strip():
        return None
    scheme, _, rest = value.strip().partition(" ")
    return rest.strip() if scheme.lower() == "bearer" and rest.strip() else value.strip()


class PersistedQueryWSHandler(BaseGraphQLTransportWSHandler[Context, None]):
    """graphql-transport-ws with the router's persisted-query rules and rate limits."""

    def _limiter(self) -> tuple[RateLimiter, str | None]:
        websocket = self.context.request
        assert websocket is not None
        limiter: RateLimiter = websocket.app.state.gateway.limiter
        return limiter, websocket.client.host if websocket.client else None

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        """Take a token of the IP's bucket first; none left closes the socket (4429 RATE_LIMITED)."""
        if not self.connection_init_received:
            limiter, ip = self._limiter()
            try:
                await limiter.check(None, ip)
            except RateLimitExceeded:
                self.connection_init_received = True
                if self.connection_init_timeout_task:
                    self.connection_init_timeout_task.cancel()
                await self.websocket.close(code=4429, reason="RATE_LIMITED")
                return
        await super().handle_connection_init(message)

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        """Swap in the persisted document (or answer the operation's error) before running it."""
        if self.connection_acknowledged and message["id"] not in self.operations:
            limiter, ip = self._limiter()
            principal = self.context.principal
            try:
                await limiter.check(caller_key(principal), ip if principal is None else None)
            except RateLimitExceeded as refused:
                errors = domain_error_body(refused, self.context.language)["errors"]
                await self.send_message({"id": message["id"], "type": "error", "payload": errors})
                return
        persisted: PersistedQueries = self.view.persisted  # type: ignore[attr-defined]
        payload = message["payload"]
        try:
            query = persisted.resolve(payload.get("query"), payload.get("extensions"))
        except PersistedQueryError as error:
            if self.connection_acknowledged and message["id"] not in self.operations:
                await self.send_message(
                    {"id": message["id"], "type": "error", "payload": [error.graphql_error().formatted]}
                )
                return
            query = None  # strawberry's handler refuses the message (not acknowledged, or a reused id)
        if query is not None:
            payload["query"] = query
        await super().handle_subscribe(message)


class GatewayRouter(GraphQLRouter[Context, None]):
    """strawberry's FastAPI router with persisted queries and token sign-in for WebSockets."""

    graphql_transport_ws_handler_class = PersistedQueryWSHandler

    def __init__(self, *args: Any, persisted: PersistedQueries, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.persisted = persisted

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        """Not for a GET carrying a persisted query (it has ``extensions`` but no ``query``)."""
        persisted = request.query_params.get("extensions") is not None
        return not persisted and super().should_render_graphql_ide(request)

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """Run the persisted document (or refuse the request) as the persisted-query mode says.

        As strawberry's, but a subscription sent over HTTP is refused (it runs over WebSocket).
        """
        try:
            request_data.query = self.persisted.resolve(request_data.query, request_data.extensions)
        except PersistedQueryError as error:
            sub_response.status_code = error.status
            return ExecutionResult(data=None, errors=[error.graphql_error()])
        allowed = OperationType.from_http(request_adapter.method) - {OperationType.SUBSCRIPTION}
        if not self.allow_queries_via_get and request_adapter.method == "GET":
            allowed -= {OperationType.QUERY}
        try:
            return await self.schema.execute(
                request_data.query,
                root_value=root_value,
                variable_values=request_data.variables,
                context_value=context,
                operation_name=request_data.operation_name,
                allowed_operation_types=allowed,
                operation_extensions=request_data.extensions,
            )
        except InvalidOperationTypeError as error:
            if error.operation_type is not OperationType.SUBSCRIPTION:
                raise HTTPException(400, error.as_http_error_reason(request_adapter.method)) from None
            sub_response.status_code = 400
            refused = GraphQLError(WEBSOCKET_ONLY, extensions={"code": GRAPHQL_VALIDATION_FAILED})
            return ExecutionResult(data=None, errors=[refused])
        except CannotGetOperationTypeError as error:
            raise HTTPException(400, error.as_http_error_reason()) from None
        except MissingQueryError:
            raise HTTPException(400, "No GraphQL query found in the request") from None

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """Verify the token of ``connection_init`` (or of the handshake) and sign the caller in."""
        params = context.connection_params if isinstance(context.connection_params, dict) else {}
        websocket = context.request
        assert websocket is not None
        raw = params.get("Authorization") or params.get("authorization") or params.get("token")
        token = token_of(raw) or token_of(websocket.headers.get("authorization"))
        if token is not None:
            try:
                context.principal = await websocket.app.state.gateway.verifier.verify(token)
            except Unauthenticated:
                raise ConnectionRejectionError({"code": "UNAUTHENTICATED"}) from None
            context.headers["Authorization"] = f"Bearer {token}"
        return await super().on_ws_connect(context)
