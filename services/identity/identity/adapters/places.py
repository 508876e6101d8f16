"""Repositories of landlords, sites and buildings."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from identity.adapters import mapping
from identity.adapters.tables import BuildingRow, LandlordRow, SiteRow
from identity.domain.places import Building, Landlord, Site


class LandlordRepository:
    """Landlords, by id or code."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, landlord: Landlord) -> None:
        """Store a new landlord."""
        self.session.add(mapping.landlord_row(landlord))

    async def get(self, landlord_id: uuid.UUID) -> Landlord | None:
        """The landlord with ``landlord_id``, if any."""
        row = await self.session.get(LandlordRow, landlord_id)
        return mapping.landlord(row) if row else None

    async def code_taken(self, code: str) -> bool:
        """True when a landlord already has ``code``."""
        found = await self.session.exec(select(LandlordRow.id).where(LandlordRow.code == code))
        return found.first() is not None

    async def list(self, ids: Sequence[uuid.UUID] | None = None) -> list[Landlord]:
        """All landlords (or those of ``ids``), sorted by code."""
        query = select(LandlordRow).order_by(col(LandlordRow.code))
        if ids is not None:
            query = query.where(col(LandlordRow.id).in_(ids))
        return [mapping.landlord(row) for row in await self.session.exec(query)]


class SiteRepository:
    """Sites (neighbourhoods) of landlords."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, site: Site) -> None:
        """Store a new site."""
        self.session.add(mapping.site_row(site))

    async def get(self, site_id: uuid.UUID) -> Site | None:
        """The site with ``site_id``, if any."""
        row = await self.session.get(SiteRow, site_id)
        return mapping.site(row) if row else None

    async def list(self, landlord_ids: Sequence[uuid.UUID] | None = None) -> list[Site]:
        """All sites (or those of ``landlord_ids``), by landlord, municipality and name."""
        query = select(SiteRow).order_by(
            col(SiteRow.landlord_id), col(SiteRow.municipality), SiteRow.name["nl"].astext
        )
        if landlord_ids is not None:
            query = query.where(col(SiteRow.landlord_id).in_(landlord_ids))
        return [mapping.site(row) for row in await self.session.exec(query)]


class BuildingRepository:
    """Buildings of sites."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, building: Building) -> None:
        """Store a new building."""
        self.session.add(mapping.building_row(building))

    async def get(self, building_id: uuid.UUID) -> Building | None:
        """The building with ``building_id``, if any."""
        row = await self.session.get(BuildingRow, building_id)
        return mapping.building(row) if row else None

    async def list(self, site_ids: Sequence[uuid.UUID] | None = None) -> list[Building]:
        """All buildings (or those of ``site_ids``), by site and name."""
        query = select(BuildingRow).order_by(col(BuildingRow.site_id), col(BuildingRow.name))
        if site_ids is not None:
            query = query.where(col(BuildingRow.site_id).in_(site_ids))
        return [mapping.building(row) for row in await self.session.exec(query)]
