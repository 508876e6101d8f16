"""``indicators(landlordId, from, to)``: one landlord's indicators over a period, per service.

Each service contributes one field of :class:`Indicators` (councils, spaces, …), resolved
from that service's ``GET /indicators`` with the caller's token; the service decides who may
see them (landlord staff of that landlord and regional admins).
"""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry

from gateway.fields import field
from gateway.resolvers.councils import council_indicators
from gateway.types.councils import CouncilIndicators
from gateway.types.spaces import SpaceIndicators, space_indicators


@strawberry.type(description="Indicators of one landlord over a period, one field per service.")
class Indicators:
    landlord_id: strawberry.ID
    period_from: datetime.date
    period_to: datetime.date
    # Nullable: a caller may see one service's part and not another's (a council member sees
    # the council's, not the rooms'); each refusal stays in `errors` for its own field.
    councils: CouncilIndicators | None = strawberry.field(resolver=council_indicators)
    spaces: SpaceIndicators | None = strawberry.field(resolver=space_indicators)


@strawberry.type
class IndicatorsQuery:
    """The region's evaluation table, landlord by landlord."""

    @field(description="Indicators of a landlord from `from` to `to` (inclusive).")
    def indicators(
        self,
        landlord_id: strawberry.ID,
        from_: Annotated[datetime.date, strawberry.argument(name="from")],
        to: datetime.date,
    ) -> Indicators:
        return Indicators(landlord_id=landlord_id, period_from=from_, period_to=to)
