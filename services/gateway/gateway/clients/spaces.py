"""The spaces service's REST API, as the gateway reads it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, TypeAdapter

from gateway.clients.base import ServiceClient
from kernel.errors import Forbidden
from kernel.localisation import LocalizedText


class _Public(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class OpeningWindowPublic(_Public):
    """A span of a weekday when a room opens (Brussels time, ``HH:MM:SS``)."""

    weekday: str
    opens: str
    closes: str


class ClosurePublic(_Public):
    """Days a room is closed."""

    id: str
    starts_on: date
    ends_on: date
    reason: LocalizedText


class QuotaPublic(_Public):
    """A fairness quota per organisation."""

    kind: str
    limit: int


class PolicyPublic(_Public):
    """A room's booking policy."""

    booker_roles: list[str]
    auto_confirm: bool
    buffer_minutes: int
    min_notice_hours: int
    max_days_ahead: int
    min_cancellation_notice_hours: int
    check_in_grace_minutes: int
    quota: QuotaPublic | None = None


class SpacePublic(_Public):
    """A collective room."""

    id: str
    landlord_id: str
    site_id: str
    name: LocalizedText
    capacity: int
    accessibility: list[str]
    equipment: list[str]
    house_rules: LocalizedText
    opening_hours: list[OpeningWindowPublic]
    closures: list[ClosurePublic]
    policy: PolicyPublic


class OrganisationPublic(_Public):
    """On whose behalf a room is booked."""

    kind: str
    id: str


class RequestPublic(_Public):
    """Which other service's request a booking answers."""

    source: str
    id: str


class BookingPublic(_Public):
    """A booked occurrence (``booker`` only for staff and the booker)."""

    id: str
    space_id: str
    series_id: str | None
    organisation: OrganisationPublic
    purpose: str
    attendees: int
    starts_at: datetime
    ends_at: datetime
    state: str
    request: RequestPublic | None
    requested_at: datetime | None
    decided_at: datetime | None
    rejection_reason: str | None
    late_cancellation: bool
    checked_in_at: datetime | None
    booker: str | None = None


class ConflictPublic(_Public):
    """An occurrence that could not be booked, and why."""

    starts_at: datetime
    ends_at: datetime
    reason: str


class PlacementPublic(_Public):
    """What a booking request booked, and what conflicted."""

    series_id: str | None
    bookings: list[BookingPublic]
    conflicts: list[ConflictPublic]


class BookingPage(_Public):
    """A page of bookings and the cursor of the next."""

    items: list[BookingPublic]
    next: str | None


class SlotPublic(_Public):
    """A free period."""

    starts_at: datetime
    ends_at: datetime


_spaces = TypeAdapter(list[SpacePublic])
_slots = TypeAdapter(list[SlotPublic])
_bookings = TypeAdapter(list[BookingPublic])


def _params(**values: Any) -> list[tuple[str, str]]:
    params: list[tuple[str, str]] = []
    for name, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            if item is not None:
                params.append((name, item.isoformat() if isinstance(item, datetime) else str(item)))
    return params


class SpacesClient(ServiceClient):
    """Rooms, availability, bookings and feeds, from the spaces service."""

    async def spaces(self, ids: Iterable[str] | None = None, **criteria: Any) -> list[SpacePublic]:
        """Spaces by id (one call whatever their number) or by search criteria."""
        params = _params(id=list(ids)) if ids is not None else _params(**criteria)
        return _spaces.validate_python(await self.get_public_json("/spaces", params))

    async def availability(self, space_id: str, starts_at: datetime, ends_at: datetime) -> list[SlotPublic]:
        """The free slots of a room within a window."""
        params = _params(**{"from": starts_at, "to": ends_at})
        return _slots.validate_python(await self.get_public_json(f"/spaces/{space_id}/availability", params))

    async def space_bookings(
        self, space_id: str, starts_at: datetime, ends_at: datetime, first: int, after: str | None
    ) -> BookingPage:
        """A page of a room's bookings within a window."""
        params = _params(**{"from": starts_at, "to": ends_at, "first": first, "after": after})
        return BookingPage.model_validate(await self.get_json(f"/spaces/{space_id}/bookings", params))

    async def my_bookings(self, first: int, after: str | None) -> BookingPage:
        """A page of the caller's bookings."""
        return BookingPage.model_validate(
            await self.get_json("/bookings/mine", _params(first=first, after=after))
        )

    async def feed_url(self, path: str) -> str | None:
        """A feed URL, or None when the caller may not have it."""
        try:
            return str((await self.get_json(path))["url"])
        except Forbidden:
            return None

    async def create_space(self, body: dict[str, Any]) -> SpacePublic:
        """Open a room."""
        return SpacePublic.model_validate(await self.post_json("/spaces", body))

    async def update_space(self, space_id: str, body: dict[str, Any]) -> SpacePublic:
        """Change a room."""
        return SpacePublic.model_validate(await self.patch_json(f"/spaces/{space_id}", body))

    async def close_space(self, space_id: str, body: dict[str, Any]) -> SpacePublic:
        """Close a room for some days."""
        return SpacePublic.model_validate(await self.post_json(f"/spaces/{space_id}/closures", body))

    async def request_booking(self, body: dict[str, Any]) -> PlacementPublic:
        """Book a room (once or as a series)."""
        return PlacementPublic.model_validate(await self.post_json("/bookings", body))

    async def act(self, booking_id: str, action: str, body: dict[str, Any] | None = None) -> BookingPublic:
        """Approve, reject or check in a booking."""
        return BookingPublic.model_validate(await self.post_json(f"/bookings/{booking_id}/{action}", body))

    async def cancel(self, booking_id: str, whole_series: bool) -> list[BookingPublic]:
        """Cancel an occurrence (or the rest of its series)."""
        body = {"whole_series": whole_series}
        return _bookings.validate_python(await self.post_json(f"/bookings/{booking_id}/cancel", body))


class OccupancyPublic(_Public):
    """Open and booked hours, and their ratio."""

    open_hours: float
    booked_hours: float
    occupancy_rate: float | None


class SpaceOccupancyPublic(OccupancyPublic):
    """One room's occupancy."""

    space_id: str
    site_id: str


class SiteOccupancyPublic(OccupancyPublic):
    """One site's occupancy."""

    site_id: str


class OrganisationSharePublic(_Public):
    """An organisation's booked hours and share."""

    organisation: OrganisationPublic
    booked_hours: float
    share: float


class IndicatorsPublic(_Public):
    """``GET /indicators``: a landlord's room indicators over a period."""

    total: OccupancyPublic
    spaces: list[SpaceOccupancyPublic]
    sites: list[SiteOccupancyPublic]
    organisations: list[OrganisationSharePublic]
    settled_bookings: int
    no_shows: int
    no_show_rate: float | None
    decided_bookings: int
    median_approval_hours: float | None
