"""``Me``: the caller as the identity service knows them."""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry

from gateway.clients.identity import HouseholdPublic, MembershipPublic, MePublic, PersonPublic
from gateway.context import Info
from gateway.fields import field
from gateway.types.housing import Landlord


@strawberry.enum(description="What kind of caller a token belongs to.")
class PrincipalKind(Enum):
    PERSON = "person"
    HOUSEHOLD = "household"
    CLIENT = "client"


async def _landlord(info: Info, landlord_id: str | None) -> Landlord | None:
    record = await info.context.loaders.landlord.load(landlord_id) if landlord_id else None
    return Landlord.from_record(record) if record else None


@strawberry.type(description="A person who signed in (staff, council member, worker).")
class Person:
    id: strawberry.ID
    display_name: str
    preferred_language: str

    @classmethod
    def from_record(cls, record: PersonPublic) -> Person:
        """The GraphQL object of an identity record."""
        return cls(
            id=strawberry.ID(record.id),
            display_name=record.display_name,
            preferred_language=record.preferred_language,
        )


@strawberry.type(description="A tenant household (pseudonymous: a dwelling, not a name).")
class Household:
    id: strawberry.ID
    site_id: strawberry.ID
    building_id: strawberry.ID
    language: str
    landlord_id: strawberry.Private[str]

    @field(description="The household's landlord.")
    async def landlord(self, info: Info) -> Landlord | None:
        return await _landlord(info, self.landlord_id)

    @classmethod
    def from_record(cls, record: HouseholdPublic) -> Household:
        """The GraphQL object of an identity record."""
        return cls(
            id=strawberry.ID(record.id),
            site_id=strawberry.ID(record.site_id),
            building_id=strawberry.ID(record.building_id),
            language=record.language,
            landlord_id=record.landlord_id,
        )


@strawberry.type(description="A role held within a landlord (or region-wide) for a period.")
class Membership:
    id: strawberry.ID
    role: str
    valid_from: date
    valid_to: date | None
    landlord_id: strawberry.Private[str | None]

    @field(description="The landlord of the role; null for a region-wide role.")
    async def landlord(self, info: Info) -> Landlord | None:
        return await _landlord(info, self.landlord_id)

    @classmethod
    def from_record(cls, record: MembershipPublic) -> Membership:
        """The GraphQL object of an identity record."""
        return cls(
            id=strawberry.ID(record.id),
            role=record.role,
            valid_from=record.valid_from,
            valid_to=record.valid_to,
            landlord_id=record.landlord_id,
        )


@strawberry.type(description="The caller: a person, a tenant household or a partner client.")
class Me:
    subject: str
    kind: PrincipalKind
    person: Person | None
    household: Household | None
    client_id: str | None
    memberships: list[Membership]

    @classmethod
    def from_record(cls, record: MePublic) -> Me:
        """The GraphQL object of an identity record."""
        return cls(
            subject=record.subject,
            kind=PrincipalKind(record.kind),
            person=Person.from_record(record.person) if record.person else None,
            household=Household.from_record(record.household) if record.household else None,
            client_id=record.client_id,
            memberships=[Membership.from_record(m) for m in record.memberships],
        )
