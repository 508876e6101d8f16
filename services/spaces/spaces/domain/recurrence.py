"""Recurring bookings: an RFC 5545 RRULE subset (weekly or monthly, with a count or an end date).

Occurrences are expanded on the Brussels wall clock, so a weekly 19:00 meeting stays at 19:00
across daylight-saving changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Literal

from dateutil.rrule import MONTHLY, WEEKLY, rrule

from kernel.errors import ValidationFailed
from spaces.domain.clock import BRUSSELS, local

Frequency = Literal["weekly", "monthly"]
MAX_OCCURRENCES = 104
Period = tuple[datetime, datetime]


@dataclass(frozen=True)
class Recurrence:
    """Every ``interval`` weeks or months, ``count`` times or until ``until`` (inclusive)."""

    frequency: Frequency
    interval: int = 1
    count: int | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        if self.frequency not in ("weekly", "monthly"):
            raise ValidationFailed("weekly or monthly", field="recurrence.frequency")
        if (self.count is None) == (self.until is None):
            raise ValidationFailed(
                "give a count or an end date",
                field="recurrence.count",
                message_key="spaces.recurrence_count_or_until",
            )
        if self.count is not None and not 1 <= self.count <= MAX_OCCURRENCES:
            raise ValidationFailed(
                f"at most {MAX_OCCURRENCES} occurrences",
                field="recurrence.count",
                message_key="spaces.recurrence_too_long",
                params={"max": MAX_OCCURRENCES},
            )
        if not 1 <= self.interval <= 12:
            raise ValidationFailed("interval must be 1 to 12", field="recurrence.interval")

    def rule(self) -> str:
        """The RRULE value (without ``RRULE:``), as the iCalendar feed publishes it."""
        parts = [f"FREQ={self.frequency.upper()}", f"INTERVAL={self.interval}"]
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        if self.until is not None:
            parts.append("UNTIL=" + utc_stamp(datetime.combine(self.until, time(23, 59, 59), BRUSSELS)))
        return ";".join(parts)

    def expand(self, starts_at: datetime, ends_at: datetime) -> list[Period]:
        """The occurrences of a first period ``starts_at``–``ends_at``."""
        first = local(starts_at).replace(tzinfo=None)
        until = datetime.combine(self.until, time(23, 59, 59)) if self.until else None
        rule = rrule(
            WEEKLY if self.frequency == "weekly" else MONTHLY,
            dtstart=first,
            interval=self.interval,
            count=self.count,
            until=until,
        )
        length = ends_at - starts_at
        starts = [moment.replace(tzinfo=BRUSSELS) for moment in list(rule)[: MAX_OCCURRENCES + 1]]
        if len(starts) > MAX_OCCURRENCES:
            raise ValidationFailed(
                f"at most {MAX_OCCURRENCES} occurrences",
                field="recurrence.until",
                message_key="spaces.recurrence_too_long",
                params={"max": MAX_OCCURRENCES},
            )
        return [(start.astimezone(UTC), (start + length).astimezone(UTC)) for start in starts]


def utc_stamp(moment: datetime) -> str:
    """An RFC 5545 UTC date-time (``20250101T180000Z``)."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
