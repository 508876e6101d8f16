"""Who may do what. Staff and community workers run their landlord's consultations; a
published consultation and its results are public; drafts are for the people running them."""

from __future__ import annotations

import uuid

from kernel.auth import Principal
from kernel.errors import Forbidden, Unauthenticated
from surveys.domain.consultation import Consultation, Status

MANAGERS = ("landlord_staff", "community_worker")


def manages(actor: Principal | None, landlord_id: uuid.UUID) -> bool:
    """True when ``actor`` runs consultations of ``landlord_id``."""
    if actor is None:
        return False
    return actor.is_regional_admin or any(actor.has(role, str(landlord_id)) for role in MANAGERS)


def require_manager(actor: Principal | None, landlord_id: uuid.UUID) -> Principal:
    """UNAUTHENTICATED without a token; FORBIDDEN unless ``actor`` manages ``landlord_id``."""
    if actor is None:
        raise Unauthenticated("bearer token required")
    if not manages(actor, landlord_id):
        raise Forbidden(f"requires landlord_staff or community_worker for landlord {landlord_id}")
    return actor


def may_read(actor: Principal | None, consultation: Consultation) -> bool:
    """Published consultations are public; drafts only for those who manage them."""
    return consultation.status is not Status.DRAFT or manages(actor, consultation.landlord_id)


def managed_landlords(actor: Principal | None) -> set[uuid.UUID] | None:
    """The landlords whose drafts ``actor`` sees (None: all of them, for regional admins)."""
    if actor is not None and actor.is_regional_admin:
        return None
    if actor is None:
        return set()
    return {uuid.UUID(landlord) for role in MANAGERS for landlord in actor.landlords(role)}
