"""The partner network: the social map, partnerships, subscriptions, deliveries, the feed."""

from __future__ import annotations

from datetime import datetime
from typing import cast

import strawberry
from strawberry.scalars import JSON

from gateway.clients.partners import (
    ActivityPublic,
    AttemptPublic,
    DeliveryPublic,
    EventTypePublic,
    FeedItemPublic,
    PartnerPublic,
    PartnersClient,
    PartnershipPublic,
    SubscriptionPublic,
)
from gateway.context import Info
from gateway.fields import field
from gateway.types.localized import LocalizedText
from kernel import localisation


def partners_client(info: Info) -> PartnersClient:
    """The partners service, called on behalf of this request's caller."""
    return PartnersClient(info.context.service("partners"))


@strawberry.type(description="A way to reach a partner (phone, email, web…).")
class ContactChannel:
    kind: str
    value: str


@strawberry.type(description="When a partner is open on one day (free text, e.g. 9:00–12:00).")
class OpeningHours:
    day: str
    hours: str


@strawberry.type(description="A partner organisation on the social map.")
class Partner:
    id: strawberry.ID
    type: str
    services: list[str]
    languages: list[str]
    landlord_ids: list[strawberry.ID]
    site_ids: list[strawberry.ID]
    municipalities: list[str]
    contact: list[ContactChannel]
    opening_hours: list[OpeningHours]
    localized: strawberry.Private[localisation.LocalizedText]
    about: strawberry.Private[localisation.LocalizedText]

    @field(description="The name in the request language.")
    def name(self, info: Info) -> str:
        return self.localized.text(info.context.language)

    @field(description="The name in every language.")
    def localized_name(self) -> LocalizedText:
        return LocalizedText(value=self.localized)

    @field(description="What the partner does, in the request language.")
    def description(self, info: Info) -> str:
        return self.about.text(info.context.language)

    @classmethod
    def from_record(cls, r: PartnerPublic) -> Partner:
        """The GraphQL object of a service record."""
        return cls(
            id=strawberry.ID(r.id),
            type=r.type,
            services=r.services,
            languages=r.languages,
            landlord_ids=[strawberry.ID(x) for x in r.landlord_ids],
            site_ids=[strawberry.ID(x) for x in r.site_ids],
            municipalities=r.municipalities,
            contact=[ContactChannel(kind=k, value=v) for k, v in r.contact.items()],
            opening_hours=[OpeningHours(day=k, hours=v) for k, v in r.opening_hours.items()],
            localized=r.name,
            about=r.description,
        )


@strawberry.type(description="A landlord lets a partner hear about (some of) its events for a period.")
class Partnership:
    id: strawberry.ID
    partner_id: strawberry.ID
    landlord_id: strawberry.ID
    site_ids: list[strawberry.ID]
    event_types: list[str]
    valid_from: datetime
    valid_to: datetime | None
    revoked_at: datetime | None

    @classmethod
    def from_record(cls, r: PartnershipPublic) -> Partnership:
        """The GraphQL object of a service record."""
        return cls(
            id=strawberry.ID(r.id),
            partner_id=strawberry.ID(r.partner_id),
            landlord_id=strawberry.ID(r.landlord_id),
            site_ids=[strawberry.ID(x) for x in r.site_ids],
            event_types=r.event_types,
            valid_from=r.valid_from,
            valid_to=r.valid_to,
            revoked_at=r.revoked_at,
        )


@strawberry.type(description="An event type of the catalogue, with the JSON Schema of its data.")
class EventType:
    type: str
    version: int
    description: str
    public: bool = strawberry.field(description="Reaches partners without a partnership.")
    json_schema: JSON

    @classmethod
    def from_record(cls, r: EventTypePublic) -> EventType:
        """The GraphQL object of a service record."""
        return cls(
            type=r.type,
            version=r.version,
            description=r.description,
            public=r.public,
            json_schema=cast(JSON, r.json_schema),
        )


@strawberry.type(description="One attempt to deliver an event to a webhook.")
class DeliveryAttempt:
    number: int
    attempted_at: datetime
    status_code: int | None
    latency_ms: int
    error: str | None
    response_excerpt: str | None

    @classmethod
    def from_record(cls, r: AttemptPublic) -> DeliveryAttempt:
        """The GraphQL object of a service record."""
        return cls(**r.model_dump())


@strawberry.type(description="An event for a webhook subscription: pending, delivered or failed.")
class Delivery:
    id: strawberry.ID
    cursor: str
    event_type: str
    status: str
    next_attempt_at: datetime | None
    created_at: datetime | None
    delivered_at: datetime | None
    attempts: list[DeliveryAttempt]

    @classmethod
    def from_record(cls, r: DeliveryPublic) -> Delivery:
        """The GraphQL object of a service record."""
        return cls(
            id=strawberry.ID(r.id),
            cursor=r.cursor,
            event_type=r.event_type,
            status=r.status,
            next_attempt_at=r.next_attempt_at,
            created_at=r.created_at,
            delivered_at=r.delivered_at,
            attempts=[DeliveryAttempt.from_record(a) for a in r.attempts],
        )


@strawberry.type(description="A partner's subscription to event types, by webhook or pull feed.")
class EventSubscription:
    id: strawberry.ID
    channel: str
    url: str | None
    event_types: list[str]
    landlord_ids: list[strawberry.ID]
    site_ids: list[strawberry.ID]
    status: str
    disabled_reason: str | None
    disabled_at: datetime | None
    created_at: datetime | None
    secret: str | None = strawberry.field(description="Only right after subscribing or rotating.")

    @field(description="The subscription's deliveries, in event order, with their attempts.")
    async def deliveries(self, info: Info, first: int = 50, after: str | None = None) -> list[Delivery]:
        found = await partners_client(info).deliveries(str(self.id), after or "0", first)
        return [Delivery.from_record(d) for d in found]

    @classmethod
    def from_record(cls, r: SubscriptionPublic) -> EventSubscription:
        """The GraphQL object of a service record."""
        return cls(
            id=strawberry.ID(r.id),
            channel=r.channel,
            url=r.url,
            event_types=r.event_types,
            landlord_ids=[strawberry.ID(x) for x in r.landlord_ids],
            site_ids=[strawberry.ID(x) for x in r.site_ids],
            status=r.status,
            disabled_reason=r.disabled_reason,
            disabled_at=r.disabled_at,
            created_at=r.created_at,
            secret=r.secret,
        )


@strawberry.type(description="An event of the pull feed (a CloudEvent) with its cursor.")
class FeedEvent:
    cursor: str
    id: strawberry.ID
    type: str
    time: datetime
    landlord_id: strawberry.ID | None
    data: JSON

    @classmethod
    def from_record(cls, r: FeedItemPublic) -> FeedEvent:
        """The GraphQL object of a service record."""
        landlord = r.event.get("landlord")
        return cls(
            cursor=r.cursor,
            id=strawberry.ID(r.event["id"]),
            type=r.event["type"],
            time=datetime.fromisoformat(r.event["time"]),
            landlord_id=strawberry.ID(landlord) if landlord else None,
            data=r.event["data"],
        )


@strawberry.type(description="A page of the pull feed; pass `endCursor` as `after` for the next.")
class FeedPage:
    items: list[FeedEvent]
    end_cursor: str | None


@strawberry.type(description="An activity a partner announced on a landlord's public agenda.")
class Activity:
    id: strawberry.ID
    partner_id: strawberry.ID
    landlord_id: strawberry.ID
    site_id: strawberry.ID | None
    starts_at: datetime
    ends_at: datetime
    audience: str
    languages: list[str]
    localized: strawberry.Private[localisation.LocalizedText]

    @field(description="The title in the request language.")
    def title(self, info: Info) -> str:
        return self.localized.text(info.context.language)

    @classmethod
    def from_record(cls, r: ActivityPublic) -> Activity:
        """The GraphQL object of a service record."""
        return cls(
            id=strawberry.ID(r.id),
            partner_id=strawberry.ID(r.partner_id),
            landlord_id=strawberry.ID(r.landlord_id),
            site_id=strawberry.ID(r.site_id) if r.site_id else None,
            starts_at=r.starts_at,
            ends_at=r.ends_at,
            audience=r.audience,
            languages=r.languages,
            localized=r.title,
        )


@strawberry.type(description="How many missed events were queued again.")
class ReplayResult:
    queued: int
