"""Collective spaces: capacity, accessibility, equipment, opening hours, closures and policy."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Literal

from kernel.errors import ValidationFailed
from kernel.localisation import OFFICIAL_LANGUAGES, LocalizedText
from spaces.domain.clock import local, local_days
from spaces.domain.policy import BookingPolicy

ACCESSIBILITY = ("step_free_access", "accessible_toilet", "hearing_loop", "lift", "accessible_parking")
EQUIPMENT = ("kitchen", "projector", "wifi", "tables_chairs", "sound_system", "whiteboard", "garden")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def new_feed_token() -> str:
    """An unguessable token for an iCalendar feed URL (256 bits)."""
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class OpeningWindow:
    """A span of a weekday when the space opens (local Brussels time)."""

    weekday: Weekday
    opens: time
    closes: time

    def __post_init__(self) -> None:
        if self.weekday not in WEEKDAYS:
            raise ValidationFailed("unknown weekday", field="opening_hours.weekday")
        if self.closes <= self.opens:
            raise ValidationFailed(
                "a space closes after it opens",
                field="opening_hours.closes",
                message_key="spaces.closes_before_opens",
            )

    def holds(self, starts_at: datetime, ends_at: datetime) -> bool:
        """True when the whole period falls inside this window (same local day)."""
        start, end = local(starts_at), local(ends_at)
        if WEEKDAYS[start.weekday()] != self.weekday or len(local_days(starts_at, ends_at)) != 1:
            return False
        end_time = time.max if end.date() > start.date() else end.timetz().replace(tzinfo=None)
        return self.opens <= start.time() and end_time <= self.closes


@dataclass(frozen=True)
class Closure:
    """Days (inclusive) when the space is closed, and why."""

    id: uuid.UUID
    starts_on: date
    ends_on: date
    reason: LocalizedText

    @classmethod
    def new(cls, starts_on: date, ends_on: date, reason: LocalizedText) -> Closure:
        """A closure; it ends on or after the day it starts."""
        if ends_on < starts_on:
            raise ValidationFailed(
                "a closure ends after it starts", field="ends_on", message_key="spaces.closure_order"
            )
        return cls(uuid.uuid4(), starts_on, ends_on, reason)

    def covers(self, day: date) -> bool:
        """True when the space is closed on ``day``."""
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class Space:
    """A collective room on a site of a landlord."""

    id: uuid.UUID
    landlord_id: uuid.UUID
    site_id: uuid.UUID
    name: LocalizedText
    capacity: int
    accessibility: frozenset[str]
    equipment: frozenset[str]
    house_rules: LocalizedText
    opening_hours: tuple[OpeningWindow, ...]
    policy: BookingPolicy
    feed_token: str
    closures: tuple[Closure, ...] = field(default=())

    def __post_init__(self) -> None:
        missing = self.name.missing(OFFICIAL_LANGUAGES)
        if missing:
            raise ValidationFailed(
                "a space is named in NL and FR",
                field=f"name.{missing[0]}",
                message_key="spaces.name_official_languages",
            )
        if not 1 <= self.capacity <= 1000:
            raise ValidationFailed("capacity must be 1 to 1000", field="capacity")
        for name, values, known in (
            ("accessibility", self.accessibility, ACCESSIBILITY),
            ("equipment", self.equipment, EQUIPMENT),
        ):
            unknown = sorted(values - set(known))
            if unknown:
                raise ValidationFailed(
                    f"unknown {name}: {', '.join(unknown)}",
                    field=name,
                    message_key="spaces.unknown_feature",
                    params={"value": unknown[0]},
                )

    def is_open(self, starts_at: datetime, ends_at: datetime) -> bool:
        """True when one opening window holds the whole period."""
        return any(window.holds(starts_at, ends_at) for window in self.opening_hours)

    def closure_on(self, starts_at: datetime, ends_at: datetime) -> Closure | None:
        """The closure that falls on the period, if any."""
        days = local_days(starts_at, ends_at)
        return next((c for c in self.closures if any(c.covers(day) for day in days)), None)

    def with_closure(self, closure: Closure) -> Space:
        """The space with one more closure."""
        return replace(self, closures=(*self.closures, closure))
