"""Who may see which live event: the partners service's rules, as they apply to GraphQL subscribers.

A regional admin sees every event. Someone acting within landlords (staff, council members,
workers, tenants) sees those landlords' events, and public events about no landlord. Anyone
else (partners, people without a landlord) sees public events only: the partnership-filtered
delivery belongs to the partners service. Identity's household and membership events reach
nobody, and types the catalogue does not know are dropped (``contracts.catalogue`` holds these
rules for every service).

The difference from the partners service is deliberate: the live ``events`` subscription gives a
partner public events only, whatever its partnerships. Events a partnership covers beyond those
reach the partner through its webhooks and the partners feed, which apply the partnership rules
(consent, scope, period) and keep the delivery record this subscription does not.
"""

from __future__ import annotations

from collections.abc import Iterable

from contracts.catalogue import is_public, shareable
from kernel.auth import Principal
from kernel.errors import Forbidden, ValidationFailed

MAX_TYPES = 50


def may_see(viewer: Principal, event_type: str, landlord: str | None) -> bool:
    """May ``viewer`` receive an event of ``event_type`` scoped to ``landlord``?"""
    if not shareable(event_type):
        return False
    if viewer.is_regional_admin:
        return True
    scopes = viewer.landlords()
    if scopes and landlord is not None:
        return landlord in scopes
    return is_public(event_type)


def checked_types(types: Iterable[str] | None) -> frozenset[str] | None:
    """The requested types (None: all), each one a shareable catalogue type (else VALIDATION)."""
    if types is None:
        return None
    wanted = frozenset(types)
    if not wanted or len(wanted) > MAX_TYPES or not all(shareable(t) for t in wanted):
        detail = f"unknown event types {sorted(wanted)}"
        raise ValidationFailed(detail, field="types", message_key="error.invalid_value")
    return wanted


def check_landlord(viewer: Principal, landlord: str | None) -> None:
    """FORBIDDEN when someone acting within landlords asks for another landlord's events."""
    scopes = viewer.landlords()
    if landlord is not None and scopes and not viewer.is_regional_admin and landlord not in scopes:
        raise Forbidden(f"landlord {landlord} is not among the caller's")
