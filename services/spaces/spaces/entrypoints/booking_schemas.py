"""API models of bookings."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel

from contracts.common import Organisation, RequestRef
from spaces.domain.bookings import Booking, State
from spaces.domain.recurrence import Frequency, Recurrence
from spaces.domain.rules import ConflictReason
from spaces.entrypoints.schemas import Create
from spaces.service.placement import Placement


class RecurrenceModel(Create):
    """Weekly or monthly, ``count`` times or until a day (inclusive)."""

    frequency: Frequency
    interval: int = 1
    count: int | None = None
    until: date | None = None

    def domain(self) -> Recurrence:
        """The domain value (checked there)."""
        return Recurrence(self.frequency, self.interval, self.count, self.until)


class BookingCreate(Create):
    """A booking request for an organisation; a series with ``recurrence``."""

    space_id: uuid.UUID
    organisation: Organisation
    purpose: str
    attendees: int
    starts_at: datetime
    ends_at: datetime
    recurrence: RecurrenceModel | None = None
    skip_conflicts: bool = False


class Rejection(Create):
    """Why a booking is refused."""

    reason: str


class Cancellation(Create):
    """Cancel one occurrence, or it and the later ones of its series."""

    whole_series: bool = False


class BookingPublic(BaseModel):
    """A booked occurrence; ``booker`` only for landlord staff and the booker."""

    id: uuid.UUID
    space_id: uuid.UUID
    series_id: uuid.UUID | None
    organisation: Organisation
    purpose: str
    attendees: int
    starts_at: datetime
    ends_at: datetime
    state: State
    request: RequestRef | None
    requested_at: datetime | None
    decided_at: datetime | None
    rejection_reason: str | None
    late_cancellation: bool
    checked_in_at: datetime | None
    booker: str | None = None

    @classmethod
    def of(cls, booking: Booking, *, show_booker: bool) -> BookingPublic:
        """The API view of a booking."""
        return cls(
            id=booking.id,
            space_id=booking.space_id,
            series_id=booking.series_id,
            organisation=booking.organisation,
            purpose=booking.purpose,
            attendees=booking.attendees,
            starts_at=booking.starts_at,
            ends_at=booking.ends_at,
            state=booking.state,
            request=booking.request,
            requested_at=booking.requested_at,
            decided_at=booking.decided_at,
            rejection_reason=booking.rejection_reason,
            late_cancellation=booking.late_cancellation,
            checked_in_at=booking.checked_in_at,
            booker=booking.booker if show_booker else None,
        )


class ConflictPublic(BaseModel):
    """An occurrence that could not be booked, and why."""

    starts_at: datetime
    ends_at: datetime
    reason: ConflictReason


class PlacementPublic(BaseModel):
    """What a booking request booked and which occurrences conflicted."""

    series_id: uuid.UUID | None
    bookings: list[BookingPublic]
    conflicts: list[ConflictPublic]

    @classmethod
    def of(cls, placement: Placement) -> PlacementPublic:
        """The API view of a placement (the caller is the booker)."""
        return cls(
            series_id=placement.series_id if placement.bookings else None,
            bookings=[BookingPublic.of(b, show_booker=True) for b in placement.bookings],
            conflicts=[
                ConflictPublic(starts_at=c.starts_at, ends_at=c.ends_at, reason=c.reason)
                for c in placement.conflicts
            ],
        )


class BookingPage(BaseModel):
    """A page of bookings; ``next`` is the cursor of the following page."""

    items: list[BookingPublic]
    next: str | None
