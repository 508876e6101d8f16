"""Errors the client sees: the kernel's typed errors in the request language; the rest masked.

A :class:`~kernel.errors.DomainError` with a public code (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND,
VALIDATION, CONFLICT, RATE_LIMITED) keeps its code (and field) and gets its catalogue message.
A refused limit (depth, tokens, aliases, cost: see :mod:`gateway.limits`) keeps its code and
values and gets its catalogue message. A document GraphQL itself refuses gets
``GRAPHQL_PARSE_FAILED`` or ``GRAPHQL_VALIDATION_FAILED`` (graphql-core's message, for
developers). Anything else becomes "Unexpected error." with the correlation id, and is logged
under that id.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import structlog
from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import MaskErrors, SchemaExtension

from gateway.limits import LIMIT_MESSAGES
from kernel.errors import ERROR_TYPES, DomainError
from kernel.localisation import DEFAULT_LANGUAGE, register_catalogue, translate
from kernel.logging import correlation_id_var

log = structlog.get_logger(__name__)
register_catalogue(Path(__file__).parent / "locales")

UNEXPECTED = "Unexpected error."
GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"


def public_error(error: GraphQLError) -> DomainError | None:
    """The typed error behind ``error`` when the client may see it."""
    original = error.original_error
    if isinstance(original, DomainError) and original.code in ERROR_TYPES:
        return original
    return None


def should_mask_error(error: GraphQLError) -> bool:
    """Mask every error raised by our code or a service, except the typed public ones."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return False
    return public_error(error) is None


def message_of(error: DomainError, lang: str) -> str:
    """The catalogue message in ``lang``; for a key only the raising service knows (e.g.
    ``identity.landlord_unknown``), the message that service rendered in the forwarded language."""
    text = error.message(lang)
    return error.detail if text == error.key and error.detail else text


def extensions_of(error: DomainError) -> dict[str, Any]:
    """The typed error's extensions; a booking CONFLICT also names the interval it clashes
    with (``clash: {startsAt, endsAt}``: the held period, never who holds it)."""
    extensions = error.extensions()
    starts, ends = error.params.get("clash_starts_at"), error.params.get("clash_ends_at")
    if error.code == "CONFLICT" and starts and ends:
        extensions["clash"] = {"startsAt": str(starts), "endsAt": str(ends)}
    return extensions


def unexpected_extensions() -> dict[str, Any]:
    """What a masked error tells the client: a stable code and where to look in the logs."""
    return {"code": "INTERNAL", "correlation_id": correlation_id_var.get()}


def log_unexpected(errors: list[GraphQLError]) -> None:
    """Log, with the correlation id, each error that will be masked."""
    for error in errors:
        if should_mask_error(error):
            log.error(
                "graphql.unexpected_error",
                correlation_id=correlation_id_var.get(),
                path=error.path,
                exc_info=error.original_error,
            )


def domain_error_body(error: DomainError, lang: str) -> dict[str, Any]:
    """A GraphQL response for a request refused before execution (e.g. an invalid token)."""
    message = {"message": message_of(error, lang), "extensions": error.extensions()}
    return {"data": None, "errors": [message]}


class MaskUnexpectedErrors(MaskErrors):
    """strawberry's MaskErrors, with the code INTERNAL and the correlation id in extensions."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=should_mask_error, error_message=UNEXPECTED)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        """The masked error: no message, no cause, only the code and correlation id."""
        masked = super().anonymise_error(error)
        masked.extensions = unexpected_extensions()
        return masked


class LocalizeDomainErrors(SchemaExtension):
    """Give each public typed error its catalogue message (request language) and its code."""

    def on_operation(self) -> Iterator[None]:
        """Rewrite the result's public errors once the operation is done."""
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is None or not errors:
            return
        lang = getattr(self.execution_context.context, "language", DEFAULT_LANGUAGE)
        result.errors = [self._localize(error, lang) for error in errors]

    def on_stream_result(self, result: Any) -> Iterator[None]:
        """The same for each result of a subscription, before it is sent."""
        errors = getattr(result, "errors", None)
        if errors:
            lang = getattr(self.execution_context.context, "language", DEFAULT_LANGUAGE)
            result.errors = [self._localize(error, lang) for error in errors]
        yield

    @staticmethod
    def _localize(error: GraphQLError, lang: str) -> GraphQLError:
        domain = public_error(error)
        if domain is None:
            return _localize_limit(error, lang)
        return GraphQLError(
            message_of(domain, lang),
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=domain,
            extensions=extensions_of(domain),
        )


def _localize_limit(error: GraphQLError, lang: str) -> GraphQLError:
    """A limit's refusal with its catalogue message; GraphQL's own refusals with a code."""
    extensions = error.extensions or {}
    code = extensions.get("code")
    if code is None and error.original_error is None:
        return _graphql_error(error)
    key = LIMIT_MESSAGES.get(code)  # type: ignore[arg-type]
    if key is None:
        return error
    return GraphQLError(
        translate(key, lang, **extensions),
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=extensions,
    )


def _graphql_error(error: GraphQLError) -> GraphQLError:
    """A document GraphQL refused (``GRAPHQL_PARSE_FAILED``, ``GRAPHQL_VALIDATION_FAILED``, with
    graphql-core's message, meant for the developer), or a result it could not complete
    (masked as INTERNAL: e.g. a service left a non-null field empty)."""
    if error.path is not None:
        log.error(
            "graphql.unexpected_error",
            correlation_id=correlation_id_var.get(),
            path=error.path,
            error=error.message,
        )
        return GraphQLError(
            UNEXPECTED, nodes=error.nodes, path=error.path, extensions=unexpected_extensions()
        )
    code = GRAPHQL_PARSE_FAILED if isinstance(error, GraphQLSyntaxError) else GRAPHQL_VALIDATION_FAILED
    return GraphQLError(
        error.message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        extensions={**(error.extensions or {}), "code": code},
    )
