"""``field``: ``strawberry.field`` with a description, typed for ``mypy --strict``; and
``uuid_arg``, the one check that an ``ID`` argument is a UUID.

strawberry's own overload for ``@strawberry.field(description=...)`` returns ``Any``, which
strict mypy rejects as an untyped decorator; this keeps the resolver's signature.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar, cast

import strawberry

from kernel.errors import ValidationFailed

Resolver = TypeVar("Resolver", bound=Callable[..., Any])


def field(description: str) -> Callable[[Resolver], Resolver]:
    """Decorate a resolver method as a GraphQL field with ``description``."""
    return cast(Callable[[Resolver], Resolver], strawberry.field(description=description))


def uuid_arg(value: str, field: str) -> str:
    """``value`` as a UUID (already decoded from a global id), else VALIDATION naming ``field``."""
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ValidationFailed(
            f"not a UUID: {value!r}", field=field, message_key="error.invalid_value"
        ) from None
