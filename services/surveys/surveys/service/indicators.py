"""The indicators of a landlord's consultations over a period, for those who may follow them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from kernel.auth import Principal
from kernel.errors import Forbidden
from kernel.periods import Period
from surveys.domain import indicators
from surveys.domain.indicators import SurveyIndicators
from surveys.domain.structure import DEFAULT_SUPPRESSION
from surveys.service.clock import utcnow
from surveys.service.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class LandlordIndicators:
    """A landlord's consultation indicators over a period."""

    landlord_id: uuid.UUID
    period: Period
    values: SurveyIndicators


async def landlord_indicators(
    uow: UnitOfWork, actor: Principal, landlord_id: uuid.UUID, period: Period
) -> LandlordIndicators:
    """Indicators for landlord staff of ``landlord_id`` and regional admins (as the councils'
    indicators); FORBIDDEN for anyone else."""
    if not actor.is_staff_of(landlord_id):
        raise Forbidden("requires landlord staff", message_key="surveys.indicators_only")
    published, closed = await uow.indicators.consultation_counts(landlord_id, period, utcnow())
    open_in = await uow.indicators.open_in(landlord_id, period)
    turnout = await uow.indicators.turnout_by_site([cid for cid, _ in open_in])
    # The strictest threshold of the consultations counted: none of them is shown finer.
    threshold = max((t for _, t in open_in), default=DEFAULT_SUPPRESSION)
    values = indicators.compute(published, closed, len(open_in), turnout, threshold)
    return LandlordIndicators(landlord_id, period, values)
