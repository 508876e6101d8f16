"""A space's booking policy: who may book, approval, buffers, notice, horizon and fairness quota."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kernel.errors import ValidationFailed

QuotaKind = Literal["hours_per_week", "bookings_per_month"]
DEFAULT_BOOKER_ROLES = ("community_worker", "landlord_staff", "council_member")


@dataclass(frozen=True)
class Quota:
    """At most ``limit`` hours per week or bookings per month, per organisation and space."""

    kind: QuotaKind
    limit: int

    def __post_init__(self) -> None:
        if self.limit < 1:
            raise ValidationFailed("a quota is at least 1", field="policy.quota.limit")


@dataclass(frozen=True)
class BookingPolicy:
    """The rules every booking of a space follows (defaults suit a community room)."""

    booker_roles: tuple[str, ...] = DEFAULT_BOOKER_ROLES
    auto_confirm: bool = False
    buffer_minutes: int = 0
    min_notice_hours: int = 0
    max_days_ahead: int = 365
    min_cancellation_notice_hours: int = 24
    check_in_grace_minutes: int = 15
    quota: Quota | None = None

    def __post_init__(self) -> None:
        bounds = {
            "buffer_minutes": (self.buffer_minutes, 0, 240),
            "min_notice_hours": (self.min_notice_hours, 0, 24 * 90),
            "max_days_ahead": (self.max_days_ahead, 1, 730),
            "min_cancellation_notice_hours": (self.min_cancellation_notice_hours, 0, 24 * 30),
            "check_in_grace_minutes": (self.check_in_grace_minutes, 0, 240),
        }
        for name, (value, low, high) in bounds.items():
            if not low <= value <= high:
                raise ValidationFailed(
                    f"{name} must be between {low} and {high}",
                    field=f"policy.{name}",
                    message_key="spaces.policy_out_of_bounds",
                    params={"low": low, "high": high},
                )
        if not self.booker_roles:
            raise ValidationFailed("someone must be able to book", field="policy.booker_roles")
