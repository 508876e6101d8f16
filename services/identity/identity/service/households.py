"""Handlers for households: registration, moves and activation codes."""

from __future__ import annotations

import uuid

from contracts.identity import HouseholdMoved, HouseholdRegistered
from identity.domain.activation import MAX_VALID_DAYS, ActivationCode
from identity.domain.commands import IssueActivationCode, MoveHousehold, RegisterHousehold
from identity.domain.households import Household, Placement
from identity.service.clock import utcnow
from identity.service.permissions import require_any, require_staff
from identity.service.unit_of_work import UnitOfWork
from kernel.auth import Principal
from kernel.errors import NotFound, ValidationFailed


async def placement_of(uow: UnitOfWork, building_id: uuid.UUID) -> Placement:
    """Landlord, site and building of ``building_id`` (VALIDATION when it is unknown)."""
    building = await uow.buildings.get(building_id)
    site = await uow.sites.get(building.site_id) if building else None
    if building is None or site is None:
        raise ValidationFailed(
            "unknown building", field="building_id", message_key="identity.building_unknown"
        )
    return Placement.of(site, building)


async def household_of(uow: UnitOfWork, household_id: uuid.UUID, *, lock: bool = False) -> Household:
    """The household ``household_id`` (NOT_FOUND when it is unknown)."""
    household = await uow.households.get(household_id, lock=lock)
    if household is None:
        raise NotFound("unknown household", message_key="identity.household_unknown")
    return household


async def register_household(uow: UnitOfWork, actor: Principal, command: RegisterHousehold) -> Household:
    """Landlord staff register a dwelling's household → ``HouseholdRegistered``."""
    placement = await placement_of(uow, command.building_id)
    require_staff(actor, placement.landlord_id)
    household = Household.register(placement, command.language, utcnow())
    uow.households.add(household)
    event = HouseholdRegistered(
        household_id=household.id,
        landlord_id=placement.landlord_id,
        site_id=placement.site_id,
        building_id=placement.building_id,
        language=household.language,
    )
    uow.record(event, placement.landlord_id)
    return household


async def move_household(uow: UnitOfWork, actor: Principal, command: MoveHousehold) -> Household:
    """Staff of both landlords move a household to another building → ``HouseholdMoved``."""
    household = await household_of(uow, command.household_id, lock=True)
    require_staff(actor, household.placement.landlord_id)
    placement = await placement_of(uow, command.building_id)
    require_staff(actor, placement.landlord_id)
    moved = household.move_to(placement)
    await uow.households.save_placement(moved)
    before = household.placement
    event = HouseholdMoved(
        household_id=household.id,
        from_landlord_id=before.landlord_id,
        from_site_id=before.site_id,
        from_building_id=before.building_id,
        landlord_id=placement.landlord_id,
        site_id=placement.site_id,
        building_id=placement.building_id,
    )
    uow.record(event, placement.landlord_id)
    return moved


async def issue_activation_code(
    uow: UnitOfWork, actor: Principal, command: IssueActivationCode
) -> tuple[ActivationCode, str]:
    """Staff or a community worker of the landlord get a code to print (shown only now)."""
    household = await household_of(uow, command.household_id)
    require_any(actor, ("landlord_staff", "community_worker"), household.placement.landlord_id)
    if not 1 <= command.valid_days <= MAX_VALID_DAYS:
        raise ValidationFailed(f"valid_days must be 1 to {MAX_VALID_DAYS}", field="valid_days")
    code, plain = ActivationCode.issue(household.id, utcnow(), command.valid_days)
    uow.codes.add(code)
    return code, plain
