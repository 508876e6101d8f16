"""Events of the spaces service: rooms (space.*) and their bookings (booking.*).

Bookings carry the organisation they are for, never the person who booked.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from contracts.common import Organisation, RequestRef
from kernel.events import IntegrationEvent


class BookingConfirmed(IntegrationEvent):
    """A booking holds: the room is the organisation's for that time."""

    event_type: ClassVar[str] = "inspraak.spaces.booking.confirmed"
    description: ClassVar[str] = "A room booking was confirmed."

    booking_id: UUID
    space_id: UUID
    site_id: UUID
    landlord_id: UUID
    organisation: Organisation
    starts_at: datetime
    ends_at: datetime
    request: RequestRef | None = None


class BookingRejected(IntegrationEvent):
    """A booking (or a room request from another service) could not be granted."""

    event_type: ClassVar[str] = "inspraak.spaces.booking.rejected"
    description: ClassVar[str] = "A room booking or room request was rejected, with a reason code."

    booking_id: UUID | None
    space_id: UUID | None
    landlord_id: UUID
    organisation: Organisation
    reason_code: str
    request: RequestRef | None = None


class SpaceCreated(IntegrationEvent):
    """A collective room opened for booking on a site."""

    event_type: ClassVar[str] = "inspraak.spaces.space.created"
    description: ClassVar[str] = "A collective space was created on a site."
    public: ClassVar[bool] = True

    space_id: UUID
    site_id: UUID
    landlord_id: UUID
    capacity: int


class SpaceUpdated(IntegrationEvent):
    """A room's description, opening hours or booking policy changed."""

    event_type: ClassVar[str] = "inspraak.spaces.space.updated"
    description: ClassVar[str] = "A collective space's description, opening hours or policy changed."
    public: ClassVar[bool] = True

    space_id: UUID
    site_id: UUID
    landlord_id: UUID
    capacity: int


class SpaceClosed(IntegrationEvent):
    """A room is closed for some days (inclusive); bookings are impossible then."""

    event_type: ClassVar[str] = "inspraak.spaces.space.closed"
    description: ClassVar[str] = "A collective space was closed for a period of days."
    public: ClassVar[bool] = True

    space_id: UUID
    site_id: UUID
    landlord_id: UUID
    closure_id: UUID
    starts_on: date
    ends_on: date


class BookingRequested(IntegrationEvent):
    """A booking waits for the landlord's approval (it holds the room meanwhile)."""

    event_type: ClassVar[str] = "inspraak.spaces.booking.requested"
    description: ClassVar[str] = "A room booking was requested and waits for landlord approval."

    booking_id: UUID
    series_id: UUID | None = None
    space_id: UUID
    site_id: UUID
    landlord_id: UUID
    organisation: Organisation
    starts_at: datetime
    ends_at: datetime
    request: RequestRef | None = None


class BookingCancelled(IntegrationEvent):
    """A booking was cancelled; ``late`` when within the space's cancellation notice."""

    event_type: ClassVar[str] = "inspraak.spaces.booking.cancelled"
    description: ClassVar[str] = "A room booking was cancelled (late or in time)."

    booking_id: UUID
    space_id: UUID
    landlord_id: UUID
    organisation: Organisation
    starts_at: datetime
    late: bool
    request: RequestRef | None = None


class BookingCheckedIn(IntegrationEvent):
    """The organisation arrived in the room."""

    event_type: ClassVar[str] = "inspraak.spaces.booking.checked_in"
    description: ClassVar[str] = "The organisation checked in for its room booking."

    booking_id: UUID
    space_id: UUID
    landlord_id: UUID
    organisation: Organisation


class BookingNoShow(IntegrationEvent):
    """Nobody checked in by the start plus the grace period: the room was left empty."""

    event_type: ClassVar[str] = "inspraak.spaces.booking.no_show"
    description: ClassVar[str] = "Nobody checked in for a room booking within the grace period."

    booking_id: UUID
    space_id: UUID
    landlord_id: UUID
    organisation: Organisation
    starts_at: datetime
