"""Limits on a query's shape and size: depth, tokens, aliases, estimated cost, body size.

Each refusal happens before any resolver (and so any service) runs, with a stable
``extensions.code`` and the measured value next to the limit: ``DEPTH_LIMIT`` (``depth``,
``maxDepth``), ``TOKEN_LIMIT`` (``tokens``, ``maxTokens``), ``ALIAS_LIMIT`` (``aliases``,
``maxAliases``), ``COST_LIMIT`` (``cost``, ``maxCost``). The message is the catalogue's, in the
request language (:mod:`gateway.errors`); the validation cache keeps the language-free error.

The cost is estimated (:mod:`gateway.cost`) after validation, with the request's variables,
so a page size passed as a variable counts too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from typing import ClassVar

from graphql import (
    DocumentNode,
    ExecutableDefinitionNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSyntaxError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Source,
    TokenKind,
    ValidationContext,
    ValidationRule,
)
from graphql.language.lexer import Lexer
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import AddValidationRules, ParserCache, SchemaExtension

from gateway.cost import CostEstimator
from kernel.problems import problem

COST_LIMIT = "COST_LIMIT"
DEPTH_LIMIT = "DEPTH_LIMIT"
TOKEN_LIMIT = "TOKEN_LIMIT"  # noqa: S105 - an error code
ALIAS_LIMIT = "ALIAS_LIMIT"

LIMIT_MESSAGES = {
    COST_LIMIT: "gateway.cost_limit",
    DEPTH_LIMIT: "gateway.depth_limit",
    TOKEN_LIMIT: "gateway.token_limit",
    ALIAS_LIMIT: "gateway.alias_limit",
}
"""The catalogue key of each limit's message (its parameters are the error's extensions)."""


def selection_depth(
    selection_set: SelectionSetNode | None, fragments: dict[str, FragmentDefinitionNode], seen: frozenset[str]
) -> int:
    """How many object fields nest in ``selection_set`` (introspection fields do not count)."""
    deepest = 0
    for node in selection_set.selections if selection_set else ():
        if isinstance(node, FieldNode):
            if node.selection_set is not None and not node.name.value.startswith("__"):
                deepest = max(deepest, 1 + selection_depth(node.selection_set, fragments, seen))
        elif isinstance(node, InlineFragmentNode):
            deepest = max(deepest, selection_depth(node.selection_set, fragments, seen))
        elif isinstance(node, FragmentSpreadNode) and node.name.value not in seen:
            fragment = fragments.get(node.name.value)
            if fragment is not None:
                inner = seen | {node.name.value}
                deepest = max(deepest, selection_depth(fragment.selection_set, fragments, inner))
    return deepest


def document_depth(document: DocumentNode) -> int:
    """The depth of the document's deepest operation."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    return max((selection_depth(o.selection_set, fragments, frozenset()) for o in operations), default=0)


def alias_count(document: DocumentNode) -> int:
    """Aliased fields written in the document (a fragment's count once, however often it is spread)."""

    def count(selection_set: SelectionSetNode | None) -> int:
        total = 0
        for node in selection_set.selections if selection_set else ():
            if isinstance(node, FieldNode):
                total += (node.alias is not None) + count(node.selection_set)
            elif isinstance(node, InlineFragmentNode):
                total += count(node.selection_set)
        return total

    return sum(
        count(d.selection_set) for d in document.definitions if isinstance(d, ExecutableDefinitionNode)
    )


def token_count(query: str) -> int:
    """The document's tokens as graphql-core's parser counts them (comments aside)."""
    lexer, count = Lexer(Source(query)), 0
    try:
        while lexer.advance().kind is not TokenKind.EOF:
            count += 1
    except GraphQLSyntaxError:
        pass
    return count


def limit_error(code: str, measured: str, value: int, limit_name: str, limit: int) -> GraphQLError:
    """A refusal with its code, the measured value and the limit (message localised later)."""
    return GraphQLError(
        f"{code}: {measured} {value} exceeds {limit}",
        extensions={"code": code, measured: value, limit_name: limit},
    )


class _MeasuredRule(ValidationRule):
    """A validation rule refusing a document whose measure exceeds a limit."""

    code: ClassVar[str]
    measured: ClassVar[str]
    limit_name: ClassVar[str]
    limit: ClassVar[int]

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        value = self.measure(context.document)
        if value > self.limit:
            context.report_error(limit_error(self.code, self.measured, value, self.limit_name, self.limit))

    @staticmethod
    def measure(document: DocumentNode) -> int:
        raise NotImplementedError


class DepthLimiter(AddValidationRules):
    """Refuse a document nested deeper than ``max_depth`` object fields (``DEPTH_LIMIT``)."""

    def __init__(self, max_depth: int) -> None:
        rule = type(
            "DepthRule",
            (_MeasuredRule,),
            {
                "code": DEPTH_LIMIT,
                "measured": "depth",
                "limit_name": "maxDepth",
                "limit": max_depth,
                "measure": staticmethod(document_depth),
            },
        )
        super().__init__([rule])


class AliasLimiter(AddValidationRules):
    """Refuse a document with more than ``max_aliases`` aliases (``ALIAS_LIMIT``)."""

    def __init__(self, max_aliases: int) -> None:
        rule = type(
            "AliasRule",
            (_MeasuredRule,),
            {
                "code": ALIAS_LIMIT,
                "measured": "aliases",
                "limit_name": "maxAliases",
                "limit": max_aliases,
                "measure": staticmethod(alias_count),
            },
        )
        super().__init__([rule])


class LenientParserCache(ParserCache):
    """strawberry's ParserCache, leaving a document that does not parse to strawberry's own parse.

    ParserCache parses inside its hook, where a syntax error (or the token limit) escapes the
    operation's extensions; strawberry's own parse reports it as the operation's error, so the
    code and the localised message are added as for every other refusal.
    """

    def on_parse(self) -> Iterator[None]:
        """Parse through the cache; on a syntax error leave the document for strawberry to parse."""
        context = self.execution_context
        with suppress(GraphQLSyntaxError):
            context.graphql_document = self.cached_parse_document(context.query, **context.parse_options)
        yield


class TokenLimiter(SchemaExtension):
    """Stop parsing past ``max_tokens`` tokens and refuse with ``TOKEN_LIMIT`` and the full count."""

    def __init__(self, max_tokens: int) -> None:
        self.max_tokens = max_tokens

    def on_operation(self) -> Iterator[None]:
        """Let the parser abort past the limit (as strawberry's MaxTokensLimiter does)."""
        self.execution_context.parse_options["max_tokens"] = self.max_tokens
        yield

    def on_parse(self) -> Iterator[None]:
        """Give the parser's syntax error the code, when it was the limit that stopped it."""
        yield
        context = self.execution_context
        for error in context.pre_execution_errors or ():
            if isinstance(error, GraphQLSyntaxError) and context.query:
                tokens = token_count(context.query)
                if tokens > self.max_tokens:
                    error.extensions = {"code": TOKEN_LIMIT, "tokens": tokens, "maxTokens": self.max_tokens}


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
                context.pre_execution_errors = [
                    limit_error(COST_LIMIT, "cost", cost, "maxCost", self.max_cost)
                ]
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
