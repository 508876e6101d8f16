"""API models of people, memberships and partner clients."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field

from identity.domain.people import Membership, Person
from identity.entrypoints.schemas import Create
from kernel.auth import Role
from kernel.localisation import Language


class PersonCreate(Create):
    """A person to register; a username and password only for the embedded login."""

    display_name: str
    preferred_language: Language = "nl"
    household_id: uuid.UUID | None = None
    username: str | None = None
    password: str | None = None


class PersonPublic(BaseModel):
    """A person (never their credentials)."""

    id: uuid.UUID
    display_name: str
    preferred_language: Language

    @classmethod
    def of(cls, person: Person) -> PersonPublic:
        """The public view of ``person``."""
        return cls(
            id=person.id, display_name=person.display_name, preferred_language=person.preferred_language
        )


class PersonName(BaseModel):
    """A person's display name, for pages that show who sits where."""

    id: uuid.UUID
    display_name: str


class MembershipCreate(Create):
    """A role to grant: within a landlord, or region-wide (``landlord_id`` null) for admins."""

    person_id: uuid.UUID
    role: Role
    landlord_id: uuid.UUID | None = None
    valid_from: date | None = Field(default=None, description="Default: today (Brussels).")
    valid_to: date | None = None


class MembershipPublic(BaseModel):
    """A membership with its period and, once taken back, when."""

    id: uuid.UUID
    person_id: uuid.UUID
    role: Role
    landlord_id: uuid.UUID | None
    valid_from: date
    valid_to: date | None
    revoked_at: datetime | None

    @classmethod
    def of(cls, m: Membership) -> MembershipPublic:
        """The view of membership ``m``."""
        return cls(
            id=m.id,
            person_id=m.person_id,
            role=m.role,
            landlord_id=m.landlord_id,
            valid_from=m.valid_from,
            valid_to=m.valid_to,
            revoked_at=m.revoked_at,
        )


class PartnerClientCreate(Create):
    """A partner organisation's system to register (``client_id`` generated when absent)."""

    name: str
    organisation: str
    client_id: str | None = None


class PartnerClientPublic(BaseModel):
    """A registered partner client: the plain secret appears in this answer only."""

    client_id: str
    name: str
    organisation: str
    client_secret: str = Field(description="The plain secret, shown this once only.")
