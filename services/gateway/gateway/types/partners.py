"""The partner network: the social map, partnerships, subscriptions, deliveries, the feed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar, cast

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from contracts.catalogue import event_label
from gateway.clients.partners import (
    ActivityPublic,
    AttemptPublic,
    DeliveryPublic,
    EventTypePublic,
    FeedItemPublic,
    IndicatorsPublic,
    PartnerPublic,
    PartnersClient,
    PartnershipPublic,
    SubscriptionPublic,
)
from gateway.connections import Connection, deprecated, from_service
from gateway.context import Info
from gateway.fields import field
from gateway.types.interfaces import Timestamped
from gateway.types.localized import LocalizedText
from kernel import localisation

MAX_PAGE = 500
"""The largest page the partners service serves."""


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
class Partner(relay.Node):
    id: relay.NodeID[str]
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

    @field(description="What the partner does, in every language (for editing the profile).")
    def localized_description(self) -> LocalizedText:
        return LocalizedText(value=self.about)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Partner | None]:
        """Partners by id, in one partners call."""
        wanted = list(node_ids)
        records = await partners_client(info).partners([("id", i) for i in wanted]) if wanted else []
        found = {r.id: r for r in records}
        return [cls.from_record(found[i]) if i in found else None for i in wanted]

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
    description: str = strawberry.field(
        description="A developer's description (English); show `label` to people instead."
    )
    public: bool = strawberry.field(description="Reaches partners without a partnership.")
    json_schema: JSON

    @field(description="A short plain-language name of the event type, in NL, FR and EN.")
    def label(self) -> LocalizedText:
        return LocalizedText(value=event_label(self.type))

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
class Delivery(Timestamped):
    id: strawberry.ID
    cursor: str
    event_type: str
    status: str
    next_attempt_at: datetime | None
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


@strawberry.enum(description="In which order a subscription's deliveries come.")
class DeliveryOrder(Enum):
    OLDEST_FIRST = "oldest"
    NEWEST_FIRST = "newest"


@strawberry.type(description="A partner's subscription to event types, by webhook or pull feed.")
class EventSubscription(relay.Node, Timestamped):
    id: relay.NodeID[str]
    channel: str
    url: str | None
    event_types: list[str]
    landlord_ids: list[strawberry.ID]
    site_ids: list[strawberry.ID]
    status: str
    disabled_reason: str | None
    disabled_at: datetime | None
    secret: str | None = strawberry.field(description="Only right after subscribing or rotating.")

    @field(
        description="The subscription's deliveries with their attempts, in event order or, for a "
        "delivery log, newest first."
    )
    async def deliveries(
        self,
        info: Info,
        first: int = 50,
        after: str | None = None,
        order: DeliveryOrder = DeliveryOrder.OLDEST_FIRST,
    ) -> DeliveryConnection:
        client = partners_client(info)

        async def fetch(size: int, cursor: str | None) -> list[Delivery]:
            found = await client.deliveries_in_order(
                str(self.id), cursor or "0", min(size, MAX_PAGE), order.value
            )
            return [Delivery.from_record(d) for d in found]

        connection: DeliveryConnection = await by_position(DeliveryConnection, fetch, first, after)
        return connection

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[EventSubscription | None]:
        """The caller's subscriptions by id, in one partners call (one partner has but a few)."""
        found = {r.id: r for r in await partners_client(info).subscriptions()}
        return [cls.from_record(found[i]) if i in found else None for i in node_ids]

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


@strawberry.type(description="The pull feed, a page at a time; pass `pageInfo.endCursor` as `after`.")
class FeedEventConnection(Connection[FeedEvent]):
    """Formerly ``FeedPage``; ``items`` and ``endCursor`` are kept for older clients."""

    @deprecated("The events of this page.")
    def items(self) -> list[FeedEvent]:
        return [edge.node for edge in self.edges]

    @deprecated("The cursor of the last event of this page.")
    def end_cursor(self) -> str | None:
        return self.page_info.end_cursor


@strawberry.type(description="A subscription's deliveries, a page at a time.")
class DeliveryConnection(Connection[Delivery]):
    """Formerly a plain list."""


@strawberry.type(description="Partners, a page at a time.")
class PartnerConnection(Connection[Partner]):
    """Formerly a plain list."""


@strawberry.type(description="Event subscriptions, a page at a time.")
class EventSubscriptionConnection(Connection[EventSubscription]):
    """Formerly a plain list."""


Positioned = TypeVar("Positioned", Delivery, FeedEvent)


async def by_position(
    connection: type[Connection[Any]],
    fetch: Callable[[int, str | None], Awaitable[list[Positioned]]],
    first: int,
    after: str | None,
) -> Any:
    """A page of rows that carry their own service cursor (deliveries, feed events); one row more
    is asked for to know whether another page follows."""
    rows, position, _ = await from_service(
        lambda size, cursor: _with_none(fetch(size + 1, cursor)), first, after
    )
    return connection.of(rows[:first], position, None, has_next=len(rows) > first, row_cursor=_cursor)


async def _with_none(rows: Awaitable[list[Positioned]]) -> tuple[list[Positioned], None]:
    return await rows, None


def _cursor(row: Delivery | FeedEvent) -> str:
    return row.cursor


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


@strawberry.type(description="Activities, a page at a time.")
class ActivityConnection(Connection[Activity]):
    """Formerly a plain list."""


@strawberry.type(description="How many missed events were queued again.")
class ReplayResult:
    queued: int


@strawberry.type(description="Partner activity around a landlord over a period (counts only).")
class PartnerIndicators:
    active_partnerships: int = strawberry.field(description="valid at some moment of the period")
    partners_with_partnership: int
    activities_announced: int
    deliveries_succeeded: int = strawberry.field(
        description="webhook deliveries of the landlord's events delivered in the period"
    )
    deliveries_failed: int = strawberry.field(description="deliveries given up in the period")
    failed_attempts: int = strawberry.field(description="delivery attempts that failed in the period")

    @classmethod
    def from_record(cls, r: IndicatorsPublic) -> PartnerIndicators:
        """The GraphQL object of a service record."""
        return cls(**r.model_dump())
