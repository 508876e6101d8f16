"""The reporting period of the services' indicators: days in Brussels, both ends included."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from kernel.errors import ValidationFailed

BRUSSELS = ZoneInfo("Europe/Brussels")


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both included; VALIDATION on ``to`` when it ends before it starts,
    or when it spans more than ``max_days`` days (when given: a bound on what one query reads)."""

    start: date
    end: date
    max_days: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationFailed(
                "the period ends before it starts", field="to", message_key="kernel.period_reversed"
            )
        if self.max_days is not None and (self.end - self.start).days >= self.max_days:
            raise ValidationFailed(
                f"the period spans more than {self.max_days} days",
                field="to",
                message_key="kernel.period_too_long",
                params={"days": self.max_days},
            )

    @property
    def begins(self) -> datetime:
        """The first instant of the period."""
        return datetime.combine(self.start, time(), BRUSSELS)

    @property
    def ends(self) -> datetime:
        """The first instant after the period."""
        return datetime.combine(self.end + timedelta(days=1), time(), BRUSSELS)

    def holds(self, moment: date | datetime | None) -> bool:
        """True when ``moment`` (a date, or a timestamp's date) lies in the period."""
        if moment is None:
            return False
        day = moment.date() if isinstance(moment, datetime) else moment
        return self.start <= day <= self.end
