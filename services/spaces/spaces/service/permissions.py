"""Who may do what with spaces. Regional admins may do everything; staff within their landlord."""

from __future__ import annotations

import uuid

from contracts.common import Organisation
from kernel.auth import Grant, Principal
from kernel.errors import Forbidden
from spaces.domain.bookings import Booking
from spaces.domain.spaces import Space

SYSTEM = Principal(subject="system:spaces", kind="client", grants=(Grant("regional_admin"),))
"""The service itself, acting on events from other services."""


def require_staff(actor: Principal, landlord_id: uuid.UUID) -> None:
    """FORBIDDEN unless ``actor`` is staff of ``landlord_id`` (or a regional admin)."""
    if not actor.is_staff_of(landlord_id):
        raise Forbidden(f"requires landlord_staff for landlord {landlord_id}")


def booker_of(actor: Principal) -> str:
    """The pseudonymous id a booking keeps of who made it."""
    return actor.person_id or actor.household_id or actor.client_id or actor.subject


def require_may_book(actor: Principal, space: Space) -> None:
    """FORBIDDEN unless ``actor`` holds one of the space's booker roles for its landlord."""
    landlord = str(space.landlord_id)
    roles = space.policy.booker_roles
    allowed = any(actor.has(role, landlord) for role in roles) or (
        # Partner clients act region-wide; partnerships are the partners service's business.
        "partner" in roles and actor.has("partner")
    )
    if not (allowed or actor.is_staff_of(space.landlord_id)):
        raise Forbidden("may not book this space", message_key="spaces.may_not_book")


def may_act_for(actor: Principal, space: Space, organisation: Organisation) -> bool:
    """Whether ``actor`` may book ``space`` on behalf of ``organisation``.

    Councils are booked by council members of the room's landlord, landlords by their staff,
    partners by partner clients only; tenant groups by anyone who may book the room (no
    projection says who belongs to which group). Staff of the room's landlord also book for
    councils and tenant groups (they often do it for them). Which council or partner exactly
    is the councils' and partners' services' business: grants carry no organisation ids.
    """
    landlord = str(space.landlord_id)
    if organisation.kind == "partner":
        return actor.kind == "client" and actor.has("partner")
    if organisation.kind == "landlord":
        return organisation.id == space.landlord_id and actor.is_staff_of(space.landlord_id)
    if organisation.kind == "council":
        return actor.has("council_member", landlord) or actor.is_staff_of(space.landlord_id)
    return True


def require_may_book_for(actor: Principal, space: Space, organisation: Organisation) -> None:
    """FORBIDDEN unless ``actor`` may book the room and act for ``organisation``."""
    require_may_book(actor, space)
    if not may_act_for(actor, space, organisation):
        raise Forbidden(
            f"may not book for {organisation.kind} {organisation.id}",
            field="organisation",
            message_key="spaces.organisation_not_yours",
        )


def sees_booker(actor: Principal | None, space: Space, booking: Booking) -> bool:
    """Booker details are for the landlord's staff and the booker only."""
    return actor is not None and (actor.is_staff_of(space.landlord_id) or booker_of(actor) == booking.booker)


def require_booker_or_staff(actor: Principal, space: Space, booking: Booking) -> None:
    """FORBIDDEN unless ``actor`` made the booking or is staff of the space's landlord."""
    if not sees_booker(actor, space, booking):
        raise Forbidden("only the booker or landlord staff")
