"""``GET /me``: the caller as the identity service knows them."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from pydantic import BaseModel

from identity.domain.households import Household
from identity.domain.people import Membership
from identity.entrypoints.people_schemas import PersonPublic
from identity.service.queries import Me


class MeHousehold(BaseModel):
    """The household behind a tenant token."""

    id: uuid.UUID
    landlord_id: uuid.UUID
    site_id: uuid.UUID
    building_id: uuid.UUID
    language: str

    @classmethod
    def of(cls, household: Household) -> MeHousehold:
        """The view of ``household``."""
        place = household.placement
        return cls(
            id=household.id,
            landlord_id=place.landlord_id,
            site_id=place.site_id,
            building_id=place.building_id,
            language=household.language,
        )


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
    household: MeHousehold | None
    client_id: str | None
    memberships: list[MeMembership]

    @classmethod
    def of(cls, me: Me) -> MePublic:
        """The view of the caller."""
        return cls(
            subject=me.principal.subject,
            kind=me.principal.kind,
            person=PersonPublic.of(me.person) if me.person else None,
            household=MeHousehold.of(me.household) if me.household else None,
            client_id=me.principal.client_id,
            memberships=[MeMembership.of(m) for m in me.memberships],
        )
