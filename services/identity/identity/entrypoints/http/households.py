"""Households: registration, moves and activation codes (staff and community workers)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Body

from identity.domain.commands import IssueActivationCode, MoveHousehold, RegisterHousehold
from identity.entrypoints.deps import execute
from identity.entrypoints.schemas import (
    ActivationCodeCreate,
    ActivationCodePublic,
    HouseholdCreate,
    HouseholdMove,
    HouseholdPublic,
)
from identity.service import households
from kernel.http import CurrentPrincipal, Runtime

router = APIRouter(prefix="/households", tags=["households"])


@router.post("", status_code=201)
async def register_household(
    body: HouseholdCreate, principal: CurrentPrincipal, runtime: Runtime
) -> HouseholdPublic:
    """Register a dwelling's household (staff of the building's landlord) → ``HouseholdRegistered``."""
    command = RegisterHousehold(body.building_id, body.language)
    return HouseholdPublic.of(await execute(runtime, households.register_household, principal, command))


@router.post("/{household_id}/move")
async def move_household(
    household_id: uuid.UUID, body: HouseholdMove, principal: CurrentPrincipal, runtime: Runtime
) -> HouseholdPublic:
    """Move a household to another building (staff of both landlords) → ``HouseholdMoved``."""
    command = MoveHousehold(household_id, body.building_id)
    return HouseholdPublic.of(await execute(runtime, households.move_household, principal, command))


@router.post("/{household_id}/activation-codes", status_code=201)
async def issue_activation_code(
    household_id: uuid.UUID,
    principal: CurrentPrincipal,
    runtime: Runtime,
    body: ActivationCodeCreate = Body(default_factory=ActivationCodeCreate),
) -> ActivationCodePublic:
    """A one-time code for the household's letter; only its hash is kept (staff or workers)."""
    command = IssueActivationCode(household_id, body.valid_days)
    code, plain = await execute(runtime, households.issue_activation_code, principal, command)
    return ActivationCodePublic(code=plain, household_id=code.household_id, expires_at=code.expires_at)
