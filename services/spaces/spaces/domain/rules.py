"""Whether a space can be booked for a period: the checks that need no other booking."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from kernel.errors import ValidationFailed
from spaces.domain.spaces import Space

ConflictReason = Literal[
    "closed", "outside_opening_hours", "too_short_notice", "too_far_ahead", "booked", "quota"
]
MAX_LENGTH = timedelta(hours=16)


def require_valid_period(starts_at: datetime, ends_at: datetime) -> None:
    """Aware instants, the end after the start, no longer than a day's opening."""
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValidationFailed("give a time zone", field="starts_at", message_key="error.invalid_value")
    if ends_at <= starts_at:
        raise ValidationFailed(
            "a booking ends after it starts", field="ends_at", message_key="spaces.ends_before_starts"
        )
    if ends_at - starts_at > MAX_LENGTH:
        raise ValidationFailed("a booking lasts at most 16 hours", field="ends_at")


def require_capacity(space: Space, attendees: int) -> None:
    """Expected attendees fit the room."""
    if not 1 <= attendees <= space.capacity:
        raise ValidationFailed(
            f"at most {space.capacity} attendees",
            field="attendees",
            message_key="spaces.over_capacity",
            params={"capacity": space.capacity},
        )


def period_problem(
    space: Space, starts_at: datetime, ends_at: datetime, now: datetime
) -> ConflictReason | None:
    """Why the space cannot be booked for this period (None: nothing against it here)."""
    policy = space.policy
    if space.closure_on(starts_at, ends_at) is not None:
        return "closed"
    if not space.is_open(starts_at, ends_at):
        return "outside_opening_hours"
    if starts_at < now + timedelta(hours=policy.min_notice_hours):
        return "too_short_notice"
    if starts_at > now + timedelta(days=policy.max_days_ahead):
        return "too_far_ahead"
    return None


def blocked_until(space: Space, ends_at: datetime) -> datetime:
    """Until when a booking holds the room: its end plus the space's buffer (cleaning, set-up).

    The buffer follows each booking only, so two bookings are always at least one buffer
    apart, and a booking may start exactly where the previous one's buffer ends.
    """
    return ends_at + timedelta(minutes=space.policy.buffer_minutes)
