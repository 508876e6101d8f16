"""Indicators of a landlord's rooms over a period (its staff and regional admins)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from kernel.http import CurrentPrincipal, Runtime
from kernel.periods import Period
from spaces.domain.indicators import MAX_DAYS
from spaces.entrypoints.deps import read
from spaces.entrypoints.indicator_schemas import IndicatorsPublic
from spaces.service.indicators import landlord_indicators

router = APIRouter(tags=["indicators"])


@router.get("/indicators")
async def indicators(
    landlord_id: uuid.UUID,
    from_: Annotated[date, Query(alias="from")],
    to: date,
    principal: CurrentPrincipal,
    runtime: Runtime,
) -> IndicatorsPublic:
    """Occupancy per room and site, shares per organisation, no-show rate and median approval
    time of bookings starting from ``from`` to ``to`` (inclusive, Brussels days)."""
    period = Period(from_, to, max_days=MAX_DAYS)
    found = await read(runtime, lambda uow: landlord_indicators(uow, principal, landlord_id, period))
    return IndicatorsPublic.of(landlord_id, (from_, to), found)
