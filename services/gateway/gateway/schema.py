"""The gateway's schema: the root fields of every module, tuned as DESIGN.md asks.

Each service module contributes a ``*Query`` type; they are merged into one ``Query``.
Parsing and validation are cached; depth, token and alias limits are on; unexpected errors
are masked. strawberry wants one extension instance per request: each one here is a copy of
a prototype, so the limiters' validation rules stay the same objects and the validation
cache (keyed by those rules) keeps hitting.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    SchemaExtension,
    ValidationCache,
)
from strawberry.printer import print_schema
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from gateway.errors import LocalizeDomainErrors, MaskUnexpectedErrors, log_unexpected
from gateway.global_ids import wrap_id_arguments
from gateway.limits import AliasLimiter, CostLimiter, DepthLimiter, LenientParserCache, TokenLimiter
from gateway.resolvers.councils import CouncilsMutation, CouncilsQuery
from gateway.resolvers.identity import IdentityQuery
from gateway.resolvers.indicators import IndicatorsQuery
from gateway.resolvers.nodes import NodeQuery
from gateway.resolvers.partners import PartnersMutation, PartnersQuery
from gateway.resolvers.spaces import SpacesMutation, SpacesQuery
from gateway.resolvers.surveys import SurveysMutation, SurveysQuery
from gateway.subscriptions import Subscription
from kernel.settings import Settings

# Each service contributes a module of root fields; add its Query / Mutation type here.
QUERY_MODULES: tuple[type, ...] = (
    IdentityQuery,
    SpacesQuery,
    CouncilsQuery,
    SurveysQuery,
    PartnersQuery,
    IndicatorsQuery,
    NodeQuery,
)
MUTATION_MODULES: tuple[type, ...] = (SpacesMutation, CouncilsMutation, SurveysMutation, PartnersMutation)
Query = merge_types("Query", QUERY_MODULES)
Mutation = merge_types("Mutation", MUTATION_MODULES) if MUTATION_MODULES else None


@dataclass(frozen=True)
class QueryLimits:
    """How big a query may be (a tenant portal page needs depth ~5, a few dozen aliases)."""

    max_depth: int = 8
    max_tokens: int = 2000
    max_aliases: int = 32
    max_cost: int = 20_000
    default_list_size: int = 10
    cache_size: int = 256

    @classmethod
    def from_settings(cls, settings: Settings) -> QueryLimits:
        """The limits configured by the ``gateway_max_*`` settings."""
        return cls(
            max_depth=settings.gateway_max_depth,
            max_tokens=settings.gateway_max_tokens,
            max_aliases=settings.gateway_max_aliases,
            max_cost=settings.gateway_max_cost,
            default_list_size=settings.gateway_default_list_size,
        )


class GatewaySchema(strawberry.Schema):
    """The strawberry schema, logging each error it is about to mask."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Log unexpected errors with the correlation id (typed errors are not failures)."""
        log_unexpected(errors)


def _per_request(prototype: SchemaExtension) -> Callable[[], SchemaExtension]:
    return lambda: copy.copy(prototype)


def extensions(limits: QueryLimits, introspection: bool) -> list[Callable[[], SchemaExtension]]:
    """The extension factories, in the order their hooks are entered."""
    prototypes: list[SchemaExtension] = [
        LenientParserCache(maxsize=limits.cache_size),
        ValidationCache(maxsize=limits.cache_size),
        DepthLimiter(max_depth=limits.max_depth),
        TokenLimiter(max_tokens=limits.max_tokens),
        AliasLimiter(max_aliases=limits.max_aliases),
        CostLimiter(max_cost=limits.max_cost, default_list_size=limits.default_list_size),
        MaskUnexpectedErrors(),
        LocalizeDomainErrors(),
    ]
    if not introspection:
        prototypes.append(DisableIntrospection())
    return [_per_request(prototype) for prototype in prototypes]


def build_schema(limits: QueryLimits = QueryLimits(), *, introspection: bool = True) -> GatewaySchema:
    """The gateway schema (introspection off in production)."""
    ext: list[Any] = extensions(limits, introspection)
    schema = GatewaySchema(query=Query, mutation=Mutation, subscription=Subscription, extensions=ext)
    wrap_id_arguments(schema._schema)  # ids: global or raw UUID, decoded in one place
    return schema


def sdl() -> str:
    """The schema in SDL, as committed in ``schema/graphql/schema.graphql``."""
    return print_schema(build_schema()) + "\n"
