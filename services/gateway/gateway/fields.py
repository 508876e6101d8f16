"""``field``: ``strawberry.field`` with a description, typed for ``mypy --strict``.

strawberry's own overload for ``@strawberry.field(description=...)`` returns ``Any``, which
strict mypy rejects as an untyped decorator; this keeps the resolver's signature.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import strawberry

Resolver = TypeVar("Resolver", bound=Callable[..., Any])


def field(description: str) -> Callable[[Resolver], Resolver]:
    """Decorate a resolver method as a GraphQL field with ``description``."""
    return cast(Callable[[Resolver], Resolver], strawberry.field(description=description))
