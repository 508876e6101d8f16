"""Landlords, their sites and the sites' buildings (read from identity through the loaders)."""

from __future__ import annotations

import strawberry

from gateway.clients.identity import BuildingPublic, LandlordPublic, SitePublic
from gateway.context import Info
from gateway.fields import field
from gateway.types.localized import LocalizedText
from kernel import localisation


@strawberry.type(description="A building of a site.")
class Building:
    id: strawberry.ID
    name: str
    address: str

    @classmethod
    def from_record(cls, record: BuildingPublic) -> Building:
        """The GraphQL object of an identity record."""
        return cls(id=strawberry.ID(record.id), name=record.name, address=record.address)


@strawberry.type(description="A site (neighbourhood, estate) of a landlord.")
class Site:
    id: strawberry.ID
    municipality: str
    landlord_id: strawberry.Private[str]
    localized: strawberry.Private[localisation.LocalizedText]

    @field(description="The name in the request language.")
    def name(self, info: Info) -> str:
        return self.localized.text(info.context.language)

    @field(description="The name in every language.")
    def localized_name(self) -> LocalizedText:
        return LocalizedText(value=self.localized)

    @field(description="The landlord the site belongs to.")
    async def landlord(self, info: Info) -> Landlord | None:
        record = await info.context.loaders.landlord.load(self.landlord_id)
        return Landlord.from_record(record) if record else None

    @field(description="The buildings of the site.")
    async def buildings(self, info: Info) -> list[Building]:
        records = await info.context.loaders.buildings_by_site.load(str(self.id))
        return [Building.from_record(record) for record in records]

    @classmethod
    def from_record(cls, record: SitePublic) -> Site:
        """The GraphQL object of an identity record."""
        return cls(
            id=strawberry.ID(record.id),
            municipality=record.municipality,
            landlord_id=record.landlord_id,
            localized=record.name,
        )


@strawberry.type(description="A public housing company (SISP/OVM).")
class Landlord:
    id: strawberry.ID
    code: str
    municipalities: list[str]
    dwellings: int = strawberry.field(description="The number of social dwellings it lets.")
    localized: strawberry.Private[localisation.LocalizedText]

    @field(description="The name in the request language.")
    def name(self, info: Info) -> str:
        return self.localized.text(info.context.language)

    @field(description="The name in every language.")
    def localized_name(self) -> LocalizedText:
        return LocalizedText(value=self.localized)

    @field(description="The landlord's sites.")
    async def sites(self, info: Info) -> list[Site]:
        records = await info.context.loaders.sites_by_landlord.load(str(self.id))
        return [Site.from_record(record) for record in records]

    @classmethod
    def from_record(cls, record: LandlordPublic) -> Landlord:
        """The GraphQL object of an identity record."""
        return cls(
            id=strawberry.ID(record.id),
            code=record.code,
            municipalities=list(record.municipalities),
            dwellings=record.dwellings,
            localized=record.name,
        )
