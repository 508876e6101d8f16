"""Landlords, their sites and the sites' buildings (read from identity through the loaders)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

import strawberry
from strawberry import relay

from gateway.clients.identity import BuildingPublic, LandlordPublic, SitePublic
from gateway.context import Info
from gateway.fields import field
from gateway.types.localized import LocalizedText
from kernel import localisation


def _everything(info: Info, what: str) -> asyncio.Future[list[SitePublic] | list[BuildingPublic]]:
    """Every site (or building), read once per request: identity reads them by parent only, and
    they are public and few (hundreds), so ``nodes`` of any number of them costs one call."""
    identity = info.context.identity
    read = identity.sites if what == "sites" else identity.buildings
    return info.context.loader(f"identity.all_{what}", lambda: asyncio.ensure_future(read(())))


@strawberry.type(description="A building of a site.")
class Building(relay.Node):
    id: relay.NodeID[str]
    name: str
    address: str

    @classmethod
    def from_record(cls, record: BuildingPublic) -> Building:
        """The GraphQL object of an identity record."""
        return cls(id=strawberry.ID(record.id), name=record.name, address=record.address)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Building | None]:
        """Buildings by id, in one identity call."""
        found = {b.id: b for b in await _everything(info, "buildings")}
        return [cls.from_record(found[i]) if i in found else None for i in node_ids]  # type: ignore[arg-type]


@strawberry.type(description="A site (neighbourhood, estate) of a landlord.")
class Site(relay.Node):
    id: relay.NodeID[str]
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

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Site | None]:
        """Sites by id, in one identity call."""
        found = {s.id: s for s in await _everything(info, "sites")}
        return [cls.from_record(found[i]) if i in found else None for i in node_ids]  # type: ignore[arg-type]


@strawberry.type(description="A public housing company (SISP/OVM).")
class Landlord(relay.Node):
    id: relay.NodeID[str]
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

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Landlord | None]:
        """Landlords by id, through the request's landlord loader (one identity call)."""
        records = await info.context.loaders.landlord.load_many(list(node_ids))
        return [cls.from_record(record) if record else None for record in records]
