"""Landlords, sites and buildings: public reads (batched for DataLoaders), staff writes."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from identity.domain.commands import RegisterBuilding, RegisterLandlord, RegisterSite
from identity.entrypoints.deps import execute, read
from identity.entrypoints.schemas import (
    BuildingCreate,
    BuildingPublic,
    LandlordCreate,
    LandlordPublic,
    SiteCreate,
    SitePublic,
)
from identity.service import directory, queries
from kernel.http import CurrentPrincipal, Runtime

router = APIRouter(tags=["directory"])
Ids = Annotated[list[uuid.UUID] | None, Query()]


@router.get("/landlords")
async def list_landlords(runtime: Runtime, id: Ids = None) -> list[LandlordPublic]:
    """Every landlord, or those of the repeated ``id`` parameter, sorted by code."""
    found = await read(runtime, lambda uow: queries.landlords(uow, id))
    return [LandlordPublic.of(landlord) for landlord in found]


@router.get("/landlords/{landlord_id}")
async def get_landlord(landlord_id: uuid.UUID, runtime: Runtime) -> LandlordPublic:
    """One landlord."""
    return LandlordPublic.of(await read(runtime, lambda uow: queries.landlord(uow, landlord_id)))


@router.post("/landlords", status_code=201)
async def register_landlord(
    body: LandlordCreate, principal: CurrentPrincipal, runtime: Runtime
) -> LandlordPublic:
    """Register a landlord (regional admins) → ``LandlordRegistered``."""
    command = RegisterLandlord(body.code, body.name, tuple(body.municipalities), body.dwellings)
    return LandlordPublic.of(await execute(runtime, directory.register_landlord, principal, command))


@router.get("/sites")
async def list_sites(runtime: Runtime, landlord_id: Ids = None) -> list[SitePublic]:
    """The sites of the repeated ``landlord_id`` parameter (all sites without it)."""
    found = await read(runtime, lambda uow: queries.sites(uow, landlord_id))
    return [SitePublic.of(site) for site in found]


@router.post("/sites", status_code=201)
async def register_site(body: SiteCreate, principal: CurrentPrincipal, runtime: Runtime) -> SitePublic:
    """Register a site (staff of its landlord)."""
    command = RegisterSite(body.landlord_id, body.name, body.municipality)
    return SitePublic.of(await execute(runtime, directory.register_site, principal, command))


@router.get("/buildings")
async def list_buildings(runtime: Runtime, site_id: Ids = None) -> list[BuildingPublic]:
    """The buildings of the repeated ``site_id`` parameter (all buildings without it)."""
    found = await read(runtime, lambda uow: queries.buildings(uow, site_id))
    return [BuildingPublic.of(building) for building in found]


@router.post("/buildings", status_code=201)
async def register_building(
    body: BuildingCreate, principal: CurrentPrincipal, runtime: Runtime
) -> BuildingPublic:
    """Register a building (staff of the site's landlord)."""
    command = RegisterBuilding(body.site_id, body.name, body.address)
    return BuildingPublic.of(await execute(runtime, directory.register_building, principal, command))
