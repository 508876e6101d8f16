"""What ``GET /indicators`` answers."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel

from contracts.common import Organisation
from spaces.domain.indicators import Occupancy, RoomIndicators


class OccupancyPublic(BaseModel):
    """Open and booked hours of a room, a site or every room, and their ratio."""

    open_hours: float
    booked_hours: float
    occupancy_rate: float | None

    @classmethod
    def of(cls, occupancy: Occupancy) -> OccupancyPublic:
        """The answer for a domain occupancy."""
        return cls(
            open_hours=occupancy.open_hours,
            booked_hours=occupancy.booked_hours,
            occupancy_rate=occupancy.rate,
        )


class SpaceOccupancyPublic(OccupancyPublic):
    """One room's occupancy."""

    space_id: uuid.UUID
    site_id: uuid.UUID


class SiteOccupancyPublic(OccupancyPublic):
    """One site's occupancy (all its rooms)."""

    site_id: uuid.UUID


class OrganisationSharePublic(BaseModel):
    """An organisation's booked hours and share of all booked hours."""

    organisation: Organisation
    booked_hours: float
    share: float


class IndicatorsPublic(BaseModel):
    """A landlord's room indicators over a period."""

    landlord_id: uuid.UUID
    period_from: date
    period_to: date
    total: OccupancyPublic
    spaces: list[SpaceOccupancyPublic]
    sites: list[SiteOccupancyPublic]
    organisations: list[OrganisationSharePublic]
    settled_bookings: int
    no_shows: int
    no_show_rate: float | None
    decided_bookings: int
    median_approval_hours: float | None

    @classmethod
    def of(
        cls,
        landlord_id: uuid.UUID,
        period: tuple[date, date],
        found: RoomIndicators,
    ) -> IndicatorsPublic:
        """The answer for the domain's indicators."""
        return cls(
            landlord_id=landlord_id,
            period_from=period[0],
            period_to=period[1],
            total=OccupancyPublic.of(found.total),
            spaces=[
                SpaceOccupancyPublic(
                    space_id=room.space_id,
                    site_id=room.site_id,
                    **OccupancyPublic.of(room.occupancy).model_dump(),
                )
                for room in found.spaces
            ],
            sites=[
                SiteOccupancyPublic(site_id=sid, **OccupancyPublic.of(o).model_dump())
                for sid, o in found.sites.items()
            ],
            organisations=[
                OrganisationSharePublic(
                    organisation=s.organisation, booked_hours=s.booked_hours, share=s.share
                )
                for s in found.organisations
            ],
            settled_bookings=found.settled,
            no_shows=found.no_shows,
            no_show_rate=found.no_show_rate,
            decided_bookings=found.decisions,
            median_approval_hours=found.median_approval_hours,
        )
