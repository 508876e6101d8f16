"""``GET /indicators``: a landlord's consultation indicators over a period."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from kernel.http import CurrentPrincipal, Runtime
from kernel.periods import Period
from surveys.domain.indicators import SiteParticipation
from surveys.entrypoints.deps import run
from surveys.service.indicators import LandlordIndicators, landlord_indicators

router = APIRouter(tags=["indicators"])


class SiteParticipationPublic(BaseModel):
    """One site's turnout; null counts and ``suppressed`` when too few responded."""

    site_id: str
    invited: int | None
    responded: int | None
    rate: float | None
    suppressed: bool

    @classmethod
    def of(cls, site: SiteParticipation) -> SiteParticipationPublic:
        """The API view of a site's participation."""
        return cls(
            site_id=site.site_id,
            invited=site.invited,
            responded=site.responded,
            rate=site.rate,
            suppressed=site.suppressed,
        )


class IndicatorsPublic(BaseModel):
    landlord_id: uuid.UUID
    period_from: date
    period_to: date
    consultations_published: int
    consultations_closed: int
    consultations_open: int
    invited: int
    responded: int
    participation_rate: float | None
    suppression_threshold: int
    sites: list[SiteParticipationPublic]

    @classmethod
    def of(cls, found: LandlordIndicators) -> IndicatorsPublic:
        """The view of a landlord's consultation indicators."""
        v = found.values
        return cls(
            landlord_id=found.landlord_id,
            period_from=found.period.start,
            period_to=found.period.end,
            consultations_published=v.consultations_published,
            consultations_closed=v.consultations_closed,
            consultations_open=v.consultations_open,
            invited=v.invited,
            responded=v.responded,
            participation_rate=v.participation_rate,
            suppression_threshold=v.suppression_threshold,
            sites=[SiteParticipationPublic.of(s) for s in v.sites],
        )


@router.get("/indicators")
async def indicators(
    landlord_id: uuid.UUID,
    start: Annotated[date, Query(alias="from")],
    to: date,
    principal: CurrentPrincipal,
    runtime: Runtime,
) -> IndicatorsPublic:
    """Consultations published and closed from ``from`` to ``to`` (inclusive), and participation
    per site over those open in the period, small sites suppressed: landlord staff and regional
    admins."""
    period = Period(start, to)
    found = await run(runtime, lambda uow: landlord_indicators(uow, principal, landlord_id, period))
    return IndicatorsPublic.of(found)
