"""API models of spaces: ``XCreate`` / ``XUpdate`` in, ``XPublic`` out."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from pydantic import BaseModel, ConfigDict, Field

from kernel.localisation import LocalizedText
from spaces.domain.policy import BookingPolicy, Quota, QuotaKind
from spaces.domain.spaces import Closure, OpeningWindow, Space, Weekday


class Create(BaseModel):
    """Input: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class OpeningWindowModel(Create):
    """A span of a weekday when the room opens (Brussels time)."""

    weekday: Weekday
    opens: time
    closes: time

    def domain(self) -> OpeningWindow:
        """The domain value."""
        return OpeningWindow(self.weekday, self.opens, self.closes)


class QuotaModel(Create):
    """At most ``limit`` hours a week or bookings a month per organisation."""

    kind: QuotaKind
    limit: int = Field(ge=1)


class PolicyModel(Create):
    """A space's booking policy."""

    booker_roles: list[str] = ["community_worker", "landlord_staff", "council_member"]
    auto_confirm: bool = False
    buffer_minutes: int = 0
    min_notice_hours: int = 0
    max_days_ahead: int = 365
    min_cancellation_notice_hours: int = 24
    check_in_grace_minutes: int = 15
    quota: QuotaModel | None = None

    def domain(self) -> BookingPolicy:
        """The domain value (checked there)."""
        values = self.model_dump(exclude={"quota", "booker_roles"})
        quota = Quota(self.quota.kind, self.quota.limit) if self.quota else None
        return BookingPolicy(**values, booker_roles=tuple(self.booker_roles), quota=quota)

    @classmethod
    def of(cls, policy: BookingPolicy) -> PolicyModel:
        """The API view of a policy."""
        quota = QuotaModel(kind=policy.quota.kind, limit=policy.quota.limit) if policy.quota else None
        return cls(
            booker_roles=list(policy.booker_roles),
            auto_confirm=policy.auto_confirm,
            buffer_minutes=policy.buffer_minutes,
            min_notice_hours=policy.min_notice_hours,
            max_days_ahead=policy.max_days_ahead,
            min_cancellation_notice_hours=policy.min_cancellation_notice_hours,
            check_in_grace_minutes=policy.check_in_grace_minutes,
            quota=quota,
        )


class SpaceCreate(Create):
    """A room to open on a site of ``landlord_id`` (by that landlord's staff)."""

    landlord_id: uuid.UUID
    site_id: uuid.UUID
    name: LocalizedText
    capacity: int
    accessibility: list[str] = []
    equipment: list[str] = []
    house_rules: LocalizedText = LocalizedText()
    opening_hours: list[OpeningWindowModel] = []
    policy: PolicyModel = PolicyModel()


class SpaceUpdate(Create):
    """What to change in a room (absent: unchanged)."""

    name: LocalizedText | None = None
    capacity: int | None = None
    accessibility: list[str] | None = None
    equipment: list[str] | None = None
    house_rules: LocalizedText | None = None
    opening_hours: list[OpeningWindowModel] | None = None
    policy: PolicyModel | None = None


class ClosureCreate(Create):
    """Days (inclusive) the room closes, and why."""

    starts_on: date
    ends_on: date
    reason: LocalizedText


class ClosurePublic(BaseModel):
    """A closure of a room."""

    id: uuid.UUID
    starts_on: date
    ends_on: date
    reason: LocalizedText

    @classmethod
    def of(cls, closure: Closure) -> ClosurePublic:
        """The API view of a closure."""
        return cls(id=closure.id, starts_on=closure.starts_on, ends_on=closure.ends_on, reason=closure.reason)


class SpacePublic(BaseModel):
    """A collective room."""

    id: uuid.UUID
    landlord_id: uuid.UUID
    site_id: uuid.UUID
    name: LocalizedText
    capacity: int
    accessibility: list[str]
    equipment: list[str]
    house_rules: LocalizedText
    opening_hours: list[OpeningWindowModel]
    closures: list[ClosurePublic]
    policy: PolicyModel

    @classmethod
    def of(cls, space: Space) -> SpacePublic:
        """The API view of a space (its feed token is never in it)."""
        return cls(
            id=space.id,
            landlord_id=space.landlord_id,
            site_id=space.site_id,
            name=space.name,
            capacity=space.capacity,
            accessibility=sorted(space.accessibility),
            equipment=sorted(space.equipment),
            house_rules=space.house_rules,
            opening_hours=[
                OpeningWindowModel(weekday=w.weekday, opens=w.opens, closes=w.closes)
                for w in space.opening_hours
            ],
            closures=[ClosurePublic.of(c) for c in space.closures],
            policy=PolicyModel.of(space.policy),
        )


class SlotPublic(BaseModel):
    """A free period."""

    starts_at: datetime
    ends_at: datetime


class FeedPublic(BaseModel):
    """Where a calendar app reads a feed (keep the URL secret: it is the key)."""

    url: str
