"""Events of the spaces service that other services consume.

The spaces service adds its other events here (space.*, booking.requested|cancelled|…).
"""

from __future__ import annotations

from datetime import datetime
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
