"""``indicators(landlordId, from, to)``: one landlord's indicators over a period, per service.

Each service contributes one field of :class:`Indicators` (councils, spaces, surveys,
partners), resolved from that service's ``GET /indicators`` with the caller's token; the
service decides who may see them (landlord staff of that landlord and regional admins).
The fields are async resolvers of one object, so they are fetched in parallel.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Protocol

import strawberry

from gateway.clients import councils as councils_api
from gateway.clients import spaces as spaces_api
from gateway.context import Info
from gateway.fields import field, uuid_arg
from gateway.types.councils import CouncilIndicators
from gateway.types.partners import PartnerIndicators, partners_client
from gateway.types.spaces import SpaceIndicators
from gateway.types.surveys import SurveyIndicators


class _Period(Protocol):
    """The parent of a service's part: a landlord and a period."""

    landlord_id: strawberry.ID
    period_from: datetime.date
    period_to: datetime.date


def _params(root: _Period) -> list[tuple[str, str]]:
    """The query of a service's ``GET /indicators``; VALIDATION on ``landlordId`` if not a UUID."""
    return [
        ("landlord_id", uuid_arg(str(root.landlord_id), "landlordId")),
        ("from", root.period_from.isoformat()),
        ("to", root.period_to.isoformat()),
    ]


async def council_indicators(root: _Period, info: Info) -> CouncilIndicators | None:
    """``Indicators.councils``: councils, meetings, mandates and advice follow-up."""
    found = await info.context.service("councils").get_json("/indicators", params=_params(root))
    return CouncilIndicators.from_record(councils_api.IndicatorsPublic.model_validate(found))


async def space_indicators(root: _Period, info: Info) -> SpaceIndicators | None:
    """``Indicators.spaces``: the rooms' occupancy, no-shows and approvals."""
    found = await info.context.service("spaces").get_json("/indicators", params=_params(root))
    return SpaceIndicators.from_record(spaces_api.IndicatorsPublic.model_validate(found))


async def survey_indicators(root: _Period, info: Info) -> SurveyIndicators | None:
    """``Indicators.surveys``: consultations and participation per site (small sites hidden)."""
    found = await info.context.service("surveys").get_json("/indicators", params=_params(root))
    return SurveyIndicators.from_json(found)


async def partner_indicators(root: _Period, info: Info) -> PartnerIndicators | None:
    """``Indicators.partners``: partnerships, announced activities and webhook deliveries."""
    return PartnerIndicators.from_record(await partners_client(info).indicators(_params(root)))


@strawberry.type(description="Indicators of one landlord over a period, one field per service.")
class Indicators:
    landlord_id: strawberry.ID
    period_from: datetime.date
    period_to: datetime.date
    # Nullable: a caller may see one service's part and not another's (a council member sees
    # the council's, not the rooms'); each refusal stays in `errors` for its own field.
    councils: CouncilIndicators | None = strawberry.field(resolver=council_indicators)
    spaces: SpaceIndicators | None = strawberry.field(resolver=space_indicators)
    surveys: SurveyIndicators | None = strawberry.field(resolver=survey_indicators)
    partners: PartnerIndicators | None = strawberry.field(resolver=partner_indicators)


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
