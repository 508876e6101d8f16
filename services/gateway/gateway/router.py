"""The GraphQL router: strawberry's, with persisted queries and WebSocket sign-in.

Persisted queries are resolved before strawberry parses anything (over HTTP and over
``graphql-transport-ws``), so a refused document never reaches a resolver. A WebSocket
caller signs in with ``connection_init``'s payload (``{"Authorization": "Bearer …"}``) or the
handshake's ``Authorization`` header; an invalid token closes the socket (4403).
"""

from __future__ import annotations

from typing import Any

from cross_web import AsyncHTTPRequestAdapter
from fastapi import Request, Response
from strawberry.exceptions import ConnectionRejectionError
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLRequestData
from strawberry.http.base import BaseRequestProtocol
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import SubscribeMessage
from strawberry.types import ExecutionResult
from strawberry.types.unset import UnsetType

from gateway.context import Context
from gateway.persisted import PersistedQueries, PersistedQueryError
from kernel.errors import Unauthenticated


def token_of(value: object) -> str | None:
    """The token of an ``Authorization`` value (``Bearer x`` or a bare ``x``)."""
    if not isinstance(value, str) or not value.strip():
        return None
    scheme, _, rest = value.strip().partition(" ")
    return rest.strip() if scheme.lower() == "bearer" and rest.strip() else value.strip()


class PersistedQueryWSHandler(BaseGraphQLTransportWSHandler[Context, None]):
    """graphql-transport-ws with the router's persisted-query rules on each ``subscribe``."""

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        """Swap in the persisted document (or answer the operation's error) before running it."""
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
        """Run the persisted document (or refuse the request) as the persisted-query mode says."""
        try:
            request_data.query = self.persisted.resolve(request_data.query, request_data.extensions)
        except PersistedQueryError as error:
            sub_response.status_code = error.status
            return ExecutionResult(data=None, errors=[error.graphql_error()])
        return await super().execute_single(
            request, request_adapter, sub_response, context, root_value, request_data
        )

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
