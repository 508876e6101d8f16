"""Root fields served by the partners service: the social map, subscriptions, feed, activities."""

from __future__ import annotations

from datetime import datetime

import strawberry

from gateway.clients.partners import (
    ActivityPublic,
    DeliveryPublic,
    PartnerPublic,
    PartnershipPublic,
    SubscriptionPublic,
)
from gateway.connections import page_size
from gateway.context import Info
from gateway.fields import field, uuid_arg
from gateway.types.partners import (
    MAX_PAGE,
    Activity,
    ActivityConnection,
    Delivery,
    EventSubscription,
    EventSubscriptionConnection,
    EventType,
    FeedEvent,
    FeedEventConnection,
    Partner,
    PartnerConnection,
    Partnership,
    ReplayResult,
    by_position,
    partners_client,
)
from kernel.errors import ValidationFailed


def _first(first: int) -> int:
    if not 1 <= first <= MAX_PAGE:
        raise ValidationFailed("first out of range", field="first", message_key="error.invalid_value")
    return first


@strawberry.input(description="A text in NL and FR (EN optional).")
class PartnerTextInput:
    nl: str | None = None
    fr: str | None = None
    en: str | None = None


@strawberry.input(description="A way to reach the partner.")
class ContactChannelInput:
    kind: str
    value: str


@strawberry.input(description="When the partner is open on one day (free text).")
class OpeningHoursInput:
    day: str
    hours: str


@strawberry.input(
    description="What a partner may change in its own profile; fields left out (null) stay as they are."
)
class UpdatePartnerInput:
    name: PartnerTextInput | None = None
    description: PartnerTextInput | None = None
    services: list[str] | None = None
    languages: list[str] | None = None
    contact: list[ContactChannelInput] | None = None
    opening_hours: list[OpeningHoursInput] | None = None


@strawberry.input(description="A partner for the social map and the OAuth clients it signs in with.")
class RegisterPartnerInput:
    name: PartnerTextInput
    type: str
    description: PartnerTextInput | None = None
    services: list[str] = strawberry.field(default_factory=list)
    languages: list[str] = strawberry.field(default_factory=list)
    landlord_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    site_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    municipalities: list[str] = strawberry.field(default_factory=list)
    contact: list[ContactChannelInput] = strawberry.field(default_factory=list)
    client_ids: list[str] = strawberry.field(default_factory=list)


@strawberry.input(description="A landlord lets a partner hear about its events (empty lists: all).")
class GrantPartnershipInput:
    partner_id: strawberry.ID
    landlord_id: strawberry.ID
    site_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    event_types: list[str] = strawberry.field(default_factory=list)
    valid_from: datetime | None = None
    valid_to: datetime | None = None


@strawberry.input(
    description="Event types (empty: all) + filter + channel (`webhook` with a URL, or `feed`)."
)
class SubscribeInput:
    channel: str
    url: str | None = None
    event_types: list[str] = strawberry.field(default_factory=list)
    landlord_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    site_ids: list[strawberry.ID] = strawberry.field(default_factory=list)


@strawberry.input(description="Queue again what a subscription missed since a moment.")
class ReplayInput:
    subscription_id: strawberry.ID
    since: datetime


@strawberry.input(description="An activity on a landlord's agenda, optionally asking for a room.")
class AnnounceActivityInput:
    landlord_id: strawberry.ID
    title: PartnerTextInput
    starts_at: datetime
    ends_at: datetime
    description: PartnerTextInput | None = None
    site_id: strawberry.ID | None = None
    audience: str = "everyone"
    languages: list[str] = strawberry.field(default_factory=list)
    room_space_id: strawberry.ID | None = None
    room_site_id: strawberry.ID | None = None
    room_min_capacity: int | None = None


def _text(value: PartnerTextInput | None) -> dict[str, str | None]:
    return {"nl": value.nl, "fr": value.fr, "en": value.en} if value else {}


def _ids(values: list[strawberry.ID], name: str) -> list[str]:
    return [uuid_arg(v, name) for v in values]


@strawberry.type
class PartnersQuery:
    """The partner network."""

    @field(description="The social map: partners by landlord (area), service offered and language spoken.")
    async def partners(
        self,
        info: Info,
        landlord_id: strawberry.ID | None = None,
        service: str | None = None,
        language: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> PartnerConnection:
        params = [("landlord_id", uuid_arg(landlord_id, "landlordId"))] if landlord_id else []
        params += [("service", service)] if service else []
        params += [("language", language)] if language else []
        rows = [Partner.from_record(r) for r in await partners_client(info).partners(params)]
        connection: PartnerConnection = PartnerConnection.slice(rows, page_size(info, first), after)
        return connection

    @field(description="The calling partner's own profile (partner clients only, else FORBIDDEN).")
    async def my_partner(self, info: Info) -> Partner:
        return Partner.from_record(await partners_client(info).my_partner())

    @field(description="One partner's public profile.")
    async def partner(self, info: Info, id: strawberry.ID) -> Partner:
        return Partner.from_record(await partners_client(info).partner(uuid_arg(id, "id")))

    @field(description="The event catalogue: each type with its description and JSON Schema.")
    async def event_types(self, info: Info) -> list[EventType]:
        return [EventType.from_record(r) for r in await partners_client(info).event_types()]

    @field(description="The calling partner's subscriptions (with their deliveries).")
    async def my_subscriptions(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> EventSubscriptionConnection:
        rows = [EventSubscription.from_record(r) for r in await partners_client(info).subscriptions()]
        connection: EventSubscriptionConnection = EventSubscriptionConnection.slice(
            rows, page_size(info, first), after
        )
        return connection

    @field(description="The calling partner's pull feed: visible events after `after`, in order.")
    async def events(
        self, info: Info, after: str | None = None, types: list[str] | None = None, first: int = 100
    ) -> FeedEventConnection:
        client = partners_client(info)
        size = _first(first)

        async def fetch(wanted: int, cursor: str | None) -> list[FeedEvent]:
            items, _ = await client.events(cursor or "0", types or [], min(wanted, MAX_PAGE))
            return [FeedEvent.from_record(i) for i in items]

        connection: FeedEventConnection = await by_position(FeedEventConnection, fetch, size, after)
        return connection

    @field(description="A landlord's public agenda of activities announced by partners.")
    async def activities(
        self, info: Info, landlord_id: strawberry.ID, first: int | None = None, after: str | None = None
    ) -> ActivityConnection:
        found = await partners_client(info).activities(uuid_arg(landlord_id, "landlordId"))
        rows = [Activity.from_record(r) for r in found]
        connection: ActivityConnection = ActivityConnection.slice(rows, page_size(info, first), after)
        return connection


@strawberry.type
class PartnersMutation:
    """Register partners, grant partnerships, subscribe, manage deliveries, announce activities."""

    @field(description="Put a partner on the social map (regional admins, landlord staff).")
    async def register_partner(self, info: Info, input: RegisterPartnerInput) -> Partner:
        body = {
            "name": _text(input.name),
            "type": input.type,
            "description": _text(input.description),
            "services": input.services,
            "languages": input.languages,
            "landlord_ids": _ids(input.landlord_ids, "landlordIds"),
            "site_ids": _ids(input.site_ids, "siteIds"),
            "municipalities": input.municipalities,
            "contact": {c.kind: c.value for c in input.contact},
            "client_ids": input.client_ids,
        }
        return Partner.from_record(
            PartnerPublic.model_validate(await partners_client(info).post("/partners", body))
        )

    @field(
        description="Change the calling partner's name, description, services, languages, contact "
        "or opening hours (VALIDATION naming the field); its type and areas are the registrar's."
    )
    async def update_partner(self, info: Info, input: UpdatePartnerInput) -> Partner:
        changes: dict[str, object] = {}
        if input.name is not None:
            changes["name"] = _text(input.name)
        if input.description is not None:
            changes["description"] = _text(input.description)
        if input.services is not None:
            changes["services"] = input.services
        if input.languages is not None:
            changes["languages"] = input.languages
        if input.contact is not None:
            changes["contact"] = {c.kind: c.value for c in input.contact}
        if input.opening_hours is not None:
            changes["opening_hours"] = {o.day: o.hours for o in input.opening_hours}
        return Partner.from_record(await partners_client(info).update_my_partner(changes))

    @field(description="Let a partner hear about a landlord's events (that landlord's staff).")
    async def grant_partnership(self, info: Info, input: GrantPartnershipInput) -> Partnership:
        body = {
            "partner_id": uuid_arg(input.partner_id, "partnerId"),
            "landlord_id": uuid_arg(input.landlord_id, "landlordId"),
            "site_ids": _ids(input.site_ids, "siteIds"),
            "event_types": input.event_types,
            "valid_to": input.valid_to.isoformat() if input.valid_to else None,
        }
        if input.valid_from is not None:
            body["valid_from"] = input.valid_from.isoformat()
        record = await partners_client(info).post("/partnerships", body)
        return Partnership.from_record(PartnershipPublic.model_validate(record))

    @field(description="Stop a partnership now (that landlord's staff); the partner hears no more.")
    async def revoke_partnership(self, info: Info, id: strawberry.ID) -> Partnership:
        record = await partners_client(info).post(f"/partnerships/{uuid_arg(id, 'id')}/revoke", None)
        return Partnership.from_record(PartnershipPublic.model_validate(record))

    @field(description="Subscribe the calling partner; a webhook's secret is shown only now.")
    async def subscribe(self, info: Info, input: SubscribeInput) -> EventSubscription:
        body = {
            "channel": input.channel,
            "url": input.url,
            "event_types": input.event_types,
            "landlord_ids": _ids(input.landlord_ids, "landlordIds"),
            "site_ids": _ids(input.site_ids, "siteIds"),
        }
        return _subscription(await partners_client(info).post("/subscriptions", body))

    @field(description="End one of the calling partner's subscriptions.")
    async def unsubscribe(self, info: Info, subscription_id: strawberry.ID) -> EventSubscription:
        path = f"/subscriptions/{uuid_arg(subscription_id, 'subscriptionId')}"
        return _subscription(await partners_client(info).delete(path))

    @field(description="A new webhook secret; the old one keeps signing for 24 hours.")
    async def rotate_secret(self, info: Info, subscription_id: strawberry.ID) -> EventSubscription:
        path = f"/subscriptions/{uuid_arg(subscription_id, 'subscriptionId')}/rotate-secret"
        return _subscription(await partners_client(info).post(path))

    @field(description="Re-enable a disabled webhook endpoint.")
    async def enable_subscription(self, info: Info, subscription_id: strawberry.ID) -> EventSubscription:
        path = f"/subscriptions/{uuid_arg(subscription_id, 'subscriptionId')}/enable"
        return _subscription(await partners_client(info).post(path))

    @field(description="Send one delivery again.")
    async def redeliver(self, info: Info, delivery_id: strawberry.ID) -> Delivery:
        path = f"/deliveries/{uuid_arg(delivery_id, 'deliveryId')}/redeliver"
        return Delivery.from_record(DeliveryPublic.model_validate(await partners_client(info).post(path)))

    @field(description="Queue again, in order, what a subscription missed since a moment.")
    async def replay(self, info: Info, input: ReplayInput) -> ReplayResult:
        path = f"/subscriptions/{uuid_arg(input.subscription_id, 'subscriptionId')}/replay"
        result = await partners_client(info).post(path, {"since": input.since.isoformat()})
        return ReplayResult(queued=int(result["queued"]))

    @field(description="Announce an activity on a landlord's agenda (a partner with a partnership).")
    async def announce_activity(self, info: Info, input: AnnounceActivityInput) -> Activity:
        room = None
        if input.room_space_id or input.room_site_id:
            room = {
                "space_id": uuid_arg(input.room_space_id, "roomSpaceId") if input.room_space_id else None,
                "site_id": uuid_arg(input.room_site_id, "roomSiteId") if input.room_site_id else None,
                "min_capacity": input.room_min_capacity,
                "starts_at": input.starts_at.isoformat(),
                "ends_at": input.ends_at.isoformat(),
            }
        body = {
            "landlord_id": uuid_arg(input.landlord_id, "landlordId"),
            "site_id": uuid_arg(input.site_id, "siteId") if input.site_id else None,
            "title": _text(input.title),
            "description": _text(input.description),
            "starts_at": input.starts_at.isoformat(),
            "ends_at": input.ends_at.isoformat(),
            "audience": input.audience,
            "languages": input.languages,
            "room_request": room,
        }
        record = await partners_client(info).post("/activities", body)
        return Activity.from_record(ActivityPublic.model_validate(record))


def _subscription(record: object) -> EventSubscription:
    return EventSubscription.from_record(SubscriptionPublic.model_validate(record))
