"""Events of the identity service."""

from __future__ import annotations

from datetime import date
from typing import ClassVar
from uuid import UUID

from kernel.events import IntegrationEvent


class LandlordRegistered(IntegrationEvent):
    """A public housing company (SISP/OVM) joined the platform."""

    event_type: ClassVar[str] = "inspraak.identity.landlord.registered"
    description: ClassVar[str] = "A landlord (SISP/OVM) was registered."
    public: ClassVar[bool] = True

    landlord_id: UUID
    code: str


class HouseholdRegistered(IntegrationEvent):
    """A dwelling's household is known to the platform (pseudonymous id, no names)."""

    event_type: ClassVar[str] = "inspraak.identity.household.registered"
    description: ClassVar[str] = "A household (pseudonymous dwelling id) was registered in a building."

    household_id: UUID
    landlord_id: UUID
    site_id: UUID
    building_id: UUID
    language: str


class HouseholdMoved(IntegrationEvent):
    """A household moved to another dwelling (possibly another site or landlord)."""

    event_type: ClassVar[str] = "inspraak.identity.household.moved"
    description: ClassVar[str] = "A household moved to another building."

    household_id: UUID
    from_landlord_id: UUID
    from_site_id: UUID
    from_building_id: UUID
    landlord_id: UUID
    site_id: UUID
    building_id: UUID


class MembershipGranted(IntegrationEvent):
    """A person received a role within a landlord (or region-wide) for a period."""

    event_type: ClassVar[str] = "inspraak.identity.membership.granted"
    description: ClassVar[str] = "A person was granted a role within a landlord for a period."

    membership_id: UUID
    person_id: UUID
    role: str
    landlord_id: UUID | None
    valid_from: date
    valid_to: date | None


class MembershipRevoked(IntegrationEvent):
    """A role was taken back before its end."""

    event_type: ClassVar[str] = "inspraak.identity.membership.revoked"
    description: ClassVar[str] = "A person's role within a landlord was revoked."

    membership_id: UUID
    person_id: UUID
    role: str
    landlord_id: UUID | None
