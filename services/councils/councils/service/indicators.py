"""The indicators of a landlord's council over a period, for those who may follow them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from councils.domain import indicators
from councils.domain.indicators import CouncilIndicators
from councils.service.clock import today
from councils.service.permissions import is_member, signed_in
from councils.service.unit_of_work import UnitOfWork
from kernel.auth import Principal
from kernel.errors import Forbidden
from kernel.periods import Period


@dataclass(frozen=True)
class LandlordIndicators:
    """A landlord's council indicators (``council_id`` None: the landlord has no council yet)."""

    landlord_id: uuid.UUID
    council_id: uuid.UUID | None
    period: Period
    values: CouncilIndicators


async def landlord_indicators(
    uow: UnitOfWork, actor: Principal | None, landlord_id: uuid.UUID, period: Period
) -> LandlordIndicators:
    """Indicators for landlord staff of ``landlord_id``, members of its council or regional admins;
    FORBIDDEN for anyone else."""
    caller = signed_in(actor)
    council = next(iter(await uow.councils.of_landlords([landlord_id])), None)
    allowed = caller.is_staff_of(landlord_id) or (
        council is not None and await is_member(uow, caller, council)
    )
    if not allowed:
        raise Forbidden("requires landlord staff or a council member", message_key="councils.indicators_only")
    if council is None:
        return LandlordIndicators(landlord_id, None, period, indicators.compute([], [], [], period, today()))
    values = indicators.compute(
        await uow.facts.items(council.id),
        await uow.facts.advice(council.id),
        await uow.facts.meetings(council.id),
        period,
        today(),
    )
    return LandlordIndicators(landlord_id, council.id, period, values)
