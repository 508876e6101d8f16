"""Commands: what callers ask the spaces service to do (checked by the domain and handlers)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from contracts.common import Organisation, RequestRef
from kernel.localisation import LocalizedText
from spaces.domain.policy import BookingPolicy
from spaces.domain.recurrence import Recurrence
from spaces.domain.spaces import OpeningWindow


@dataclass(frozen=True)
class CreateSpace:
    """Landlord staff open a collective room on one of their sites."""

    landlord_id: uuid.UUID
    site_id: uuid.UUID
    name: LocalizedText
    capacity: int
    accessibility: frozenset[str]
    equipment: frozenset[str]
    house_rules: LocalizedText
    opening_hours: tuple[OpeningWindow, ...]
    policy: BookingPolicy


@dataclass(frozen=True)
class UpdateSpace:
    """Landlord staff change a room's description, opening hours or policy (None: unchanged)."""

    space_id: uuid.UUID
    name: LocalizedText | None = None
    capacity: int | None = None
    accessibility: frozenset[str] | None = None
    equipment: frozenset[str] | None = None
    house_rules: LocalizedText | None = None
    opening_hours: tuple[OpeningWindow, ...] | None = None
    policy: BookingPolicy | None = None


@dataclass(frozen=True)
class CloseSpace:
    """Landlord staff close a room for some days (works, holidays), with a reason."""

    space_id: uuid.UUID
    starts_on: date
    ends_on: date
    reason: LocalizedText


@dataclass(frozen=True)
class RequestBooking:
    """Book a room for an organisation, once or as a series.

    With ``skip_conflicts`` the occurrences that cannot be booked are left out and the rest
    is booked; without it nothing is booked when any occurrence conflicts.
    """

    space_id: uuid.UUID
    organisation: Organisation
    purpose: str
    attendees: int
    starts_at: datetime
    ends_at: datetime
    recurrence: Recurrence | None = None
    skip_conflicts: bool = False
    request: RequestRef | None = None
    needs_approval: bool = False


@dataclass(frozen=True)
class DecideBooking:
    """Landlord staff approve (no reason) or reject (with a reason) a requested booking."""

    booking_id: uuid.UUID
    approve: bool
    reason: str = ""


@dataclass(frozen=True)
class CancelBooking:
    """The booker or staff cancel one occurrence, or it and every later one of its series."""

    booking_id: uuid.UUID
    whole_series: bool = False
