"""Handlers for landlords and their places (sites, buildings)."""

from __future__ import annotations

from contracts.identity import LandlordRegistered
from identity.domain.commands import RegisterBuilding, RegisterLandlord, RegisterSite
from identity.domain.places import Building, Landlord, Site
from identity.service.permissions import require_staff
from identity.service.unit_of_work import UnitOfWork
from kernel.auth import Principal
from kernel.errors import Conflict, ValidationFailed


async def register_landlord(uow: UnitOfWork, actor: Principal, command: RegisterLandlord) -> Landlord:
    """A regional admin registers a landlord → ``LandlordRegistered``."""
    actor.require("regional_admin")
    landlord = Landlord.register(command.code, command.name, command.municipalities, command.dwellings)
    if await uow.landlords.code_taken(landlord.code):
        raise Conflict("landlord code taken", field="code", message_key="identity.landlord_code_taken")
    uow.landlords.add(landlord)
    uow.record(LandlordRegistered(landlord_id=landlord.id, code=landlord.code), landlord.id)
    return landlord


async def register_site(uow: UnitOfWork, actor: Principal, command: RegisterSite) -> Site:
    """Landlord staff register a neighbourhood of their landlord."""
    require_staff(actor, command.landlord_id)
    if await uow.landlords.get(command.landlord_id) is None:
        raise ValidationFailed(
            "unknown landlord", field="landlord_id", message_key="identity.landlord_unknown"
        )
    site = Site.register(command.landlord_id, command.name, command.municipality)
    uow.sites.add(site)
    return site


async def register_building(uow: UnitOfWork, actor: Principal, command: RegisterBuilding) -> Building:
    """Landlord staff register a building on one of their sites."""
    site = await uow.sites.get(command.site_id)
    if site is None:
        raise ValidationFailed("unknown site", field="site_id", message_key="identity.site_unknown")
    require_staff(actor, site.landlord_id)
    building = Building.register(site.id, command.name, command.address)
    uow.buildings.add(building)
    return building
