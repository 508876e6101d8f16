"""``GET /indicators``: a landlord's council indicators over a period."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from councils.entrypoints.deps import read
from councils.service.indicators import LandlordIndicators, landlord_indicators
from kernel.http import OptionalPrincipal, Runtime
from kernel.periods import Period

router = APIRouter(tags=["indicators"])


class IndicatorsPublic(BaseModel):
    landlord_id: uuid.UUID
    council_id: uuid.UUID | None
    period_from: date
    period_to: date
    items_proposed: int
    items_accepted: int
    items_decided: int
    advice_issued: int
    advice_answered: int
    answered_on_time_share: float | None
    median_response_days: float | None
    meetings_held: int
    attendance_rate: float | None

    @classmethod
    def of(cls, found: LandlordIndicators) -> IndicatorsPublic:
        """The view of a landlord's council indicators."""

        return cls(
            landlord_id=found.landlord_id,
            council_id=found.council_id,
            period_from=found.period.start,
            period_to=found.period.end,
            **asdict(found.values),
        )


@router.get("/indicators")
async def indicators(
    landlord_id: uuid.UUID,
    start: Annotated[date, Query(alias="from")],
    to: date,
    principal: OptionalPrincipal,
    runtime: Runtime,
) -> IndicatorsPublic:
    """Items, advice and meetings of the landlord's council from ``from`` to ``to`` (inclusive):
    landlord staff, members of the council and regional admins."""
    period = Period(start, to)
    found = await read(runtime, lambda uow: landlord_indicators(uow, principal, landlord_id, period))
    return IndicatorsPublic.of(found)
