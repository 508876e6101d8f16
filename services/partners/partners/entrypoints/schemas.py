"""The REST API's models (``XCreate`` in, ``XPublic`` out)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from contracts.common import RoomRequest
from kernel.localisation import LocalizedText
from partners.adapters.tables import (
    ActivityRow,
    AttemptRow,
    DeliveryRow,
    PartnerRow,
    PartnershipRow,
    SubscriptionRow,
)

Ids = list[uuid.UUID]


def _now() -> datetime:
    return datetime.now(UTC)


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PartnerCreate(_In):
    name: LocalizedText
    type: str
    description: LocalizedText = LocalizedText()
    services: list[str] = Field(default_factory=list, max_length=50)
    languages: list[str] = Field(default_factory=list, max_length=30)
    landlord_ids: Ids = Field(default_factory=list)
    site_ids: Ids = Field(default_factory=list)
    municipalities: list[str] = Field(default_factory=list)
    contact: dict[str, str] = Field(default_factory=dict, description="Channels: phone, email, web…")
    opening_hours: dict[str, str] = Field(default_factory=dict, description="Per weekday, free text.")
    client_ids: list[str] = Field(default_factory=list)


class PartnerUpdate(_In):
    """What a partner may change in its own profile; fields left out stay as they are (its
    type, areas and clients are the registrar's)."""

    name: LocalizedText | None = None
    description: LocalizedText | None = None
    services: list[str] | None = Field(default=None, max_length=50)
    languages: list[str] | None = Field(default=None, max_length=30)
    contact: dict[str, str] | None = Field(default=None, description="Channels: phone, email, web…")
    opening_hours: dict[str, str] | None = Field(default=None, description="Per weekday, free text.")


class PartnerPublic(BaseModel):
    id: uuid.UUID
    name: LocalizedText
    type: str
    description: LocalizedText
    services: list[str]
    languages: list[str]
    landlord_ids: list[str]
    site_ids: list[str]
    municipalities: list[str]
    contact: dict[str, Any]
    opening_hours: dict[str, Any]

    @classmethod
    def of(cls, row: PartnerRow) -> PartnerPublic:
        return cls.model_validate(row.model_dump())


class PartnershipCreate(_In):
    partner_id: uuid.UUID
    landlord_id: uuid.UUID
    site_ids: Ids = Field(default_factory=list)
    event_types: list[str] = Field(default_factory=list)
    valid_from: datetime = Field(default_factory=_now)
    valid_to: datetime | None = None


class PartnershipPublic(BaseModel):
    id: uuid.UUID
    partner_id: uuid.UUID
    landlord_id: uuid.UUID
    site_ids: list[str]
    event_types: list[str]
    valid_from: datetime
    valid_to: datetime | None
    revoked_at: datetime | None

    @classmethod
    def of(cls, row: PartnershipRow) -> PartnershipPublic:
        return cls.model_validate(row.model_dump())


class SubscriptionCreate(_In):
    channel: Literal["webhook", "feed"]
    url: str | None = Field(default=None, max_length=2000)
    event_types: list[str] = Field(default_factory=list)
    landlord_ids: Ids = Field(default_factory=list)
    site_ids: Ids = Field(default_factory=list)


class SubscriptionPublic(BaseModel):
    id: uuid.UUID
    channel: str
    url: str | None
    event_types: list[str]
    landlord_ids: list[str]
    site_ids: list[str]
    status: str
    disabled_reason: str | None
    disabled_at: datetime | None
    created_at: datetime | None
    secret: str | None = Field(default=None, description="Only when subscribing or rotating.")

    @classmethod
    def of(cls, row: SubscriptionRow, *, with_secret: bool = False) -> SubscriptionPublic:
        data = row.model_dump(exclude={"secret"})
        return cls.model_validate({**data, "secret": row.secret if with_secret else None})


class ReplayRequest(_In):
    since: datetime


class ReplayPublic(BaseModel):
    queued: int


class FeedItem(BaseModel):
    cursor: str
    event: dict[str, Any]


class EventPage(BaseModel):
    items: list[FeedItem]
    end_cursor: str | None


class AttemptPublic(BaseModel):
    number: int
    attempted_at: datetime
    status_code: int | None
    latency_ms: int
    error: str | None
    response_excerpt: str | None

    @classmethod
    def of(cls, row: AttemptRow) -> AttemptPublic:
        return cls.model_validate(row.model_dump())


class DeliveryPublic(BaseModel):
    id: uuid.UUID
    subscription_id: uuid.UUID
    cursor: str
    event_type: str
    status: str
    next_attempt_at: datetime | None
    created_at: datetime | None
    delivered_at: datetime | None
    attempts: list[AttemptPublic]

    @classmethod
    def of(cls, row: DeliveryRow, attempts: list[AttemptRow]) -> DeliveryPublic:
        data = row.model_dump(exclude={"attempts"})
        return cls.model_validate(
            {**data, "cursor": str(row.position), "attempts": [AttemptPublic.of(a) for a in attempts]}
        )


class ActivityCreate(_In):
    landlord_id: uuid.UUID
    site_id: uuid.UUID | None = None
    title: LocalizedText
    description: LocalizedText = LocalizedText()
    starts_at: datetime
    ends_at: datetime
    audience: str = "everyone"
    languages: list[str] = Field(default_factory=list, max_length=30)
    room_request: RoomRequest | None = None


class ActivityPublic(BaseModel):
    id: uuid.UUID
    partner_id: uuid.UUID
    landlord_id: uuid.UUID
    site_id: uuid.UUID | None
    title: LocalizedText
    description: LocalizedText
    starts_at: datetime
    ends_at: datetime
    audience: str
    languages: list[str]
    room_request: dict[str, Any] | None

    @classmethod
    def of(cls, row: ActivityRow) -> ActivityPublic:
        return cls.model_validate(row.model_dump())
