"""Who may change what. Regional admins may do everything; others within their landlords."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from kernel.auth import Grant, Principal
from kernel.errors import Forbidden

SYSTEM = Principal(subject="system:identity", kind="client", grants=(Grant("regional_admin"),))
"""The service itself, acting from its own command line (demo data, operations)."""


def require_any(actor: Principal, roles: Iterable[str], landlord: uuid.UUID | None) -> None:
    """FORBIDDEN unless ``actor`` holds one of ``roles`` for ``landlord`` (or is regional admin)."""
    scope = str(landlord) if landlord else None
    if actor.is_regional_admin or any(actor.has(role, scope) for role in roles):
        return
    raise Forbidden(f"requires one of {', '.join(roles)}" + (f" for landlord {scope}" if scope else ""))


def require_staff(actor: Principal, landlord: uuid.UUID | None) -> None:
    """Landlord staff of ``landlord``; region-wide changes (``None``) need a regional admin."""
    if landlord is None:
        actor.require("regional_admin")
    else:
        require_any(actor, ("landlord_staff",), landlord)


def require_some_staff(actor: Principal) -> None:
    """Landlord staff of any landlord, or a regional admin."""
    if not (actor.is_regional_admin or actor.landlords("landlord_staff")):
        raise Forbidden("requires landlord_staff")
