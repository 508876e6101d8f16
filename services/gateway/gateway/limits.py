"""Limits beyond strawberry's own (depth, tokens, aliases): a cost ceiling and a body size cap.

The cost is estimated (:mod:`gateway.cost`) after validation, with the request's variables,
so a page size passed as a variable counts too; an operation over the ceiling is refused with
``extensions.code`` ``COST_LIMIT`` before any resolver (and so any service) runs.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import FragmentDefinitionNode, GraphQLError, OperationDefinitionNode
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension

from gateway.cost import CostEstimator
from kernel.problems import problem

COST_LIMIT = "COST_LIMIT"


class CostLimiter(SchemaExtension):
    """Refuse an operation whose estimated cost exceeds ``max_cost``."""

    def __init__(self, max_cost: int, default_list_size: int) -> None:
        self.max_cost = max_cost
        self.default_list_size = default_list_size

    def on_validate(self) -> Iterator[None]:
        """Runs after the (cached) validation has set its errors, before they are checked."""
        context = self.execution_context
        document = context.graphql_document
        if document is not None and not context.pre_execution_errors:
            cost = self.estimate(context)
            if cost > self.max_cost:
                error = GraphQLError(
                    f"Query cost {cost} exceeds the maximum cost of {self.max_cost}.",
                    extensions={"code": COST_LIMIT, "cost": cost, "maxCost": self.max_cost},
                )
                context.pre_execution_errors = [error]
        yield

    def estimate(self, context: object) -> int:
        """The cost of the operation that will run (the named one, or the only one)."""
        document = getattr(context, "graphql_document", None)
        if document is None:
            return 0
        fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        name = getattr(context, "provided_operation_name", None)
        chosen = [o for o in operations if name is None or (o.name and o.name.value == name)]
        if not chosen:
            return 0
        schema = self.execution_context.schema._schema
        variables = getattr(context, "variables", None)
        estimator = CostEstimator(schema, fragments, variables, self.default_list_size)
        return max(estimator.operation(operation) for operation in chosen)


class BodyTooLarge(Exception):
    """The request body went past the cap while it was read."""


class BodySizeLimit:
    """Answer 413 (problem details) to a request whose body is larger than ``max_bytes``.

    Refuses early on ``Content-Length``; a body without one (chunked) is counted as it is read.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on with a counting ``receive``; 413 when it is too large."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        detail = f"The request body is larger than {self.max_bytes} bytes."
        response = problem(Request(scope), 413, "PAYLOAD_TOO_LARGE", detail)
        await response(scope, receive, send)
