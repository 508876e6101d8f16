"""``GET /indicators``: partner activity around a landlord over a period."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from kernel.http import CurrentPrincipal, Runtime
from kernel.periods import Period
from partners.entrypoints.deps import execute
from partners.service.indicators import LandlordIndicators, landlord_indicators

router = APIRouter(tags=["indicators"])


class IndicatorsPublic(BaseModel):
    landlord_id: uuid.UUID
    period_from: date
    period_to: date
    active_partnerships: int
    partners_with_partnership: int
    activities_announced: int
    deliveries_succeeded: int
    deliveries_failed: int
    failed_attempts: int

    @classmethod
    def of(cls, found: LandlordIndicators) -> IndicatorsPublic:
        """The view of a landlord's partner indicators."""
        return cls(
            landlord_id=found.landlord_id,
            period_from=found.period.start,
            period_to=found.period.end,
            **asdict(found.values),
        )


@router.get("/indicators")
async def indicators(
    landlord_id: uuid.UUID,
    start: Annotated[date, Query(alias="from")],
    to: date,
    principal: CurrentPrincipal,
    runtime: Runtime,
) -> IndicatorsPublic:
    """Partnerships, announced activities and webhook deliveries around the landlord from
    ``from`` to ``to`` (inclusive): landlord staff and regional admins; counts only."""
    period = Period(start, to)
    found = await execute(runtime, lambda uow: landlord_indicators(uow, principal, landlord_id, period))
    return IndicatorsPublic.of(found)
