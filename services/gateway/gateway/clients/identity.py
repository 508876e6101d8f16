"""The identity service's REST API, as the gateway reads it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, TypeAdapter, field_validator

from gateway.clients.base import ServiceClient
from kernel.localisation import LocalizedText


class _Public(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class LandlordPublic(_Public):
    """A landlord (SISP/OVM) as ``GET /landlords`` returns it."""

    id: str
    code: str
    name: LocalizedText
    municipalities: list[str]
    dwellings: int


class SitePublic(_Public):
    """A site (neighbourhood) of a landlord."""

    id: str
    landlord_id: str
    name: LocalizedText
    municipality: str


class BuildingPublic(_Public):
    """A building of a site."""

    id: str
    site_id: str
    name: str
    address: str


class PersonPublic(_Public):
    """The person behind a token."""

    id: str
    display_name: str
    preferred_language: str


class PersonName(_Public):
    """A person's display name."""

    id: str
    display_name: str


class HouseholdPublic(_Public):
    """The (pseudonymous) household behind a tenant token."""

    id: str
    landlord_id: str
    site_id: str
    building_id: str
    language: str


class MembershipPublic(_Public):
    """A role within a landlord (or region-wide) for a period."""

    id: str
    role: str
    landlord_id: str | None
    valid_from: date
    valid_to: date | None

    @field_validator("valid_from", "valid_to", mode="before")
    @classmethod
    def _date_part(cls, value: object) -> object:
        return value[:10] if isinstance(value, str) else value


class MePublic(_Public):
    """``GET /me``: who the bearer token belongs to."""

    subject: str
    kind: Literal["person", "household", "client"]
    person: PersonPublic | None = None
    household: HouseholdPublic | None = None
    client_id: str | None = None
    memberships: list[MembershipPublic] = []


_landlords = TypeAdapter(list[LandlordPublic])
_sites = TypeAdapter(list[SitePublic])
_buildings = TypeAdapter(list[BuildingPublic])
_people = TypeAdapter(list[PersonName])


class IdentityClient(ServiceClient):
    """Landlords, sites, buildings and the caller, read from the identity service."""

    async def landlords(self, ids: Iterable[str] | None = None) -> list[LandlordPublic]:
        """Every landlord, or only those of ``ids`` (one call whatever their number)."""
        params = [("id", landlord_id) for landlord_id in ids or ()]
        return _landlords.validate_python(await self.get_public_json("/landlords", params))

    async def sites(self, landlord_ids: Iterable[str]) -> list[SitePublic]:
        """The sites of the given landlords, in one call."""
        params = [("landlord_id", landlord_id) for landlord_id in landlord_ids]
        return _sites.validate_python(await self.get_public_json("/sites", params))

    async def buildings(self, site_ids: Iterable[str]) -> list[BuildingPublic]:
        """The buildings of the given sites, in one call."""
        params = [("site_id", site_id) for site_id in site_ids]
        return _buildings.validate_python(await self.get_public_json("/buildings", params))

    async def people(self, ids: Iterable[str]) -> list[PersonName]:
        """The display names of the given people, in one call (needs the caller's token: only
        people working within a landlord may read names)."""
        params = [("id", person_id) for person_id in ids]
        return _people.validate_python(await self.get_json("/people", params))

    async def me(self) -> MePublic:
        """The caller as identity knows them (needs the forwarded bearer token)."""
        return MePublic.model_validate(await self.get_json("/me"))
