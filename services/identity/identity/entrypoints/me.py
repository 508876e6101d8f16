"""``GET /me``: the caller as the identity service knows them."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from pydantic import BaseModel

from identity.domain.people import Membership
from identity.entrypoints.people_schemas import PersonPublic
from identity.entrypoints.schemas import HouseholdPublic
from identity.service.queries import Me


class MeMembership(BaseModel):
    """An active membership of the caller."""

    id: uuid.UUID
    role: str
    landlord_id: uuid.UUID | None
    valid_from: date
    valid_to: date | None

    @classmethod
    def of(cls, m: Membership) -> MeMembership:
        """The view of membership ``m``."""
        return cls(
            id=m.id, role=m.role, landlord_id=m.landlord_id, valid_from=m.valid_from, valid_to=m.valid_to
        )


class MePublic(BaseModel):
    """``GET /me``: who the bearer token belongs to."""

    subject: str
    kind: Literal["person", "household", "client"]
    person: PersonPublic | None
    household: HouseholdPublic | None
    client_id: str | None
    memberships: list[MeMembership]

    @classmethod
    def of(cls, me: Me) -> MePublic:
        """The view of the caller."""
        return cls(
            subject=me.principal.subject,
            kind=me.principal.kind,
            person=PersonPublic.of(me.person) if me.person else None,
            household=HouseholdPublic.of(me.household) if me.household else None,
            client_id=me.principal.client_id,
            memberships=[MeMembership.of(m) for m in me.memberships],
        )
