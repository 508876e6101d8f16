"""Bookings and their life: requested → confirmed | rejected; confirmed → cancelled | checked-in
| no-show. A live booking (requested, confirmed, checked-in) holds its room."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from contracts.common import Organisation, RequestRef
from kernel.errors import Conflict, ValidationFailed

State = Literal["requested", "confirmed", "rejected", "cancelled", "checked_in", "no_show"]
LIVE_STATES: tuple[State, ...] = ("requested", "confirmed", "checked_in")
CHECK_IN_OPENS = timedelta(minutes=30)


@dataclass(frozen=True)
class Booking:
    """One occurrence of a room booked for an organisation by a booker (a pseudonymous subject)."""

    id: uuid.UUID
    space_id: uuid.UUID
    organisation: Organisation
    booker: str
    purpose: str
    attendees: int
    starts_at: datetime
    ends_at: datetime
    blocked_until: datetime
    state: State
    series_id: uuid.UUID | None = None
    request: RequestRef | None = None
    requested_at: datetime | None = None
    decided_at: datetime | None = None
    rejection_reason: str | None = None
    late_cancellation: bool = False
    checked_in_at: datetime | None = None

    @property
    def live(self) -> bool:
        """True while the booking holds its room."""
        return self.state in LIVE_STATES

    def _require(self, *states: State) -> None:
        if self.state not in states:
            raise Conflict(
                f"booking is {self.state}",
                message_key="spaces.booking_state",
                params={"state": self.state},
            )

    def approve(self, now: datetime) -> Booking:
        """Landlord staff grant a requested booking."""
        self._require("requested")
        return replace(self, state="confirmed", decided_at=now)

    def reject(self, now: datetime, reason: str) -> Booking:
        """Landlord staff refuse a requested booking, saying why."""
        self._require("requested")
        if not reason.strip():
            raise ValidationFailed("a rejection gives a reason", field="reason")
        return replace(self, state="rejected", decided_at=now, rejection_reason=reason.strip()[:500])

    def cancel(self, now: datetime, min_notice: timedelta) -> Booking:
        """Cancel before the start; within the notice period it is recorded as late."""
        self._require("requested", "confirmed")
        if now >= self.starts_at:
            raise Conflict("booking already started", message_key="spaces.booking_started")
        return replace(self, state="cancelled", late_cancellation=now > self.starts_at - min_notice)

    def check_in(self, now: datetime) -> Booking:
        """The organisation arrived: from half an hour before the start until the end."""
        self._require("confirmed")
        if not self.starts_at - CHECK_IN_OPENS <= now < self.ends_at:
            raise Conflict("not the time to check in", message_key="spaces.check_in_window")
        return replace(self, state="checked_in", checked_in_at=now)

    def no_show_due(self, now: datetime, grace: timedelta) -> bool:
        """True when a confirmed booking passed its start plus grace without a check-in."""
        return self.state == "confirmed" and now > self.starts_at + grace

    def mark_no_show(self) -> Booking:
        """Nobody came."""
        self._require("confirmed")
        return replace(self, state="no_show")
