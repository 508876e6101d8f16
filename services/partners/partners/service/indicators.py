"""Partner activity around a landlord over a period, for its staff and regional admins."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from kernel.auth import Principal
from kernel.errors import Forbidden
from kernel.periods import Period
from partners.domain.indicators import PartnerIndicators
from partners.service.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class LandlordIndicators:
    """A landlord's partner indicators over a period."""

    landlord_id: uuid.UUID
    period: Period
    values: PartnerIndicators


async def landlord_indicators(
    uow: UnitOfWork, actor: Principal, landlord_id: uuid.UUID, period: Period
) -> LandlordIndicators:
    """Indicators for landlord staff of ``landlord_id`` and regional admins (as the councils'
    indicators); FORBIDDEN for anyone else."""
    if not actor.is_staff_of(landlord_id):
        raise Forbidden("requires landlord staff", message_key="partners.indicators_only")
    return LandlordIndicators(landlord_id, period, await uow.indicators.counts(landlord_id, period))
