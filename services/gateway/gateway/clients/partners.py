"""The partners service's REST API, as the gateway reads it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from gateway.clients.base import ServiceClient
from kernel.localisation import LocalizedText


class _Public(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class PartnerPublic(_Public):
    """A partner's public profile on the social map."""

    id: str
    name: LocalizedText
    type: str
    description: LocalizedText
    services: list[str]
    languages: list[str]
    landlord_ids: list[str]
    site_ids: list[str]
    municipalities: list[str]
    contact: dict[str, str]
    opening_hours: dict[str, str]


class PartnershipPublic(_Public):
    """A landlord's consent for a partner to hear about its events."""

    id: str
    partner_id: str
    landlord_id: str
    site_ids: list[str]
    event_types: list[str]
    valid_from: datetime
    valid_to: datetime | None
    revoked_at: datetime | None


class EventTypePublic(_Public):
    """One entry of the event catalogue."""

    type: str
    version: int
    description: str
    public: bool
    json_schema: dict[str, Any]

    @classmethod
    def of(cls, record: dict[str, Any]) -> EventTypePublic:
        """From the service's JSON (``schema`` would shadow a pydantic attribute)."""
        return cls.model_validate({**record, "json_schema": record["schema"]})


class SubscriptionPublic(_Public):
    """A partner's subscription (the secret only right after subscribing or rotating)."""

    id: str
    channel: str
    url: str | None
    event_types: list[str]
    landlord_ids: list[str]
    site_ids: list[str]
    status: str
    disabled_reason: str | None
    disabled_at: datetime | None
    created_at: datetime | None
    secret: str | None = None


class AttemptPublic(_Public):
    """One delivery attempt in the log."""

    number: int
    attempted_at: datetime
    status_code: int | None
    latency_ms: int
    error: str | None
    response_excerpt: str | None


class DeliveryPublic(_Public):
    """An event delivered (or to deliver) to a webhook, with its attempts."""

    id: str
    subscription_id: str
    cursor: str
    event_type: str
    status: str
    next_attempt_at: datetime | None
    created_at: datetime | None
    delivered_at: datetime | None
    attempts: list[AttemptPublic]


class FeedItemPublic(_Public):
    """One event of the pull feed with its cursor."""

    cursor: str
    event: dict[str, Any]


class ActivityPublic(_Public):
    """An activity a partner announced on a landlord's agenda."""

    id: str
    partner_id: str
    landlord_id: str
    site_id: str | None
    title: LocalizedText
    description: LocalizedText
    starts_at: datetime
    ends_at: datetime
    audience: str
    languages: list[str]


class IndicatorsPublic(_Public):
    """``GET /indicators``: partner activity around a landlord over a period (counts only)."""

    active_partnerships: int
    partners_with_partnership: int
    activities_announced: int
    deliveries_succeeded: int
    deliveries_failed: int
    failed_attempts: int


class PartnersClient:
    """Typed calls to the partners service, on behalf of the caller."""

    def __init__(self, service: ServiceClient) -> None:
        self.service = service

    async def partners(self, params: list[tuple[str, str]]) -> list[PartnerPublic]:
        """The social map (filters as query parameters)."""
        return [PartnerPublic.model_validate(r) for r in await self.service.get_json("/partners", params)]

    async def partner(self, partner_id: str) -> PartnerPublic:
        """One partner."""
        return PartnerPublic.model_validate(await self.service.get_json(f"/partners/{partner_id}"))

    async def event_types(self) -> list[EventTypePublic]:
        """The event catalogue."""
        return [EventTypePublic.of(r) for r in await self.service.get_json("/event-types")]

    async def subscriptions(self) -> list[SubscriptionPublic]:
        """The caller's subscriptions."""
        return [SubscriptionPublic.model_validate(r) for r in await self.service.get_json("/subscriptions")]

    async def deliveries(self, subscription_id: str, after: str, first: int) -> list[DeliveryPublic]:
        """A subscription's deliveries with their attempts."""
        path = f"/subscriptions/{subscription_id}/deliveries"
        found = await self.service.get_json(path, [("after", after), ("first", str(first))])
        return [DeliveryPublic.model_validate(r) for r in found]

    async def deliveries_in_order(
        self, subscription_id: str, after: str, first: int, order: str
    ) -> list[DeliveryPublic]:
        """A subscription's deliveries, ``order`` "oldest" or "newest" first (``after``: the
        cursor of the last one seen in that order)."""
        path = f"/subscriptions/{subscription_id}/deliveries"
        params = [("after", after), ("first", str(first)), ("order", order)]
        return [DeliveryPublic.model_validate(r) for r in await self.service.get_json(path, params)]

    async def my_partner(self) -> PartnerPublic:
        """The calling partner's own profile."""
        return PartnerPublic.model_validate(await self.service.get_json("/partners/me"))

    async def update_my_partner(self, changes: dict[str, Any]) -> PartnerPublic:
        """Change the calling partner's profile (only the fields in ``changes``)."""
        return PartnerPublic.model_validate(
            await self.service.request_json("PATCH", "/partners/me", body=changes)
        )

    async def events(
        self, after: str, types: list[str], first: int
    ) -> tuple[list[FeedItemPublic], str | None]:
        """The pull feed after a cursor."""
        params = [("after", after), ("first", str(first))] + [("type", t) for t in types]
        page = await self.service.get_json("/events", params)
        return [FeedItemPublic.model_validate(i) for i in page["items"]], page["end_cursor"]

    async def activities(self, landlord_id: str) -> list[ActivityPublic]:
        """A landlord's public agenda."""
        found = await self.service.get_json("/activities", [("landlord_id", landlord_id)])
        return [ActivityPublic.model_validate(r) for r in found]

    async def indicators(self, params: list[tuple[str, str]]) -> IndicatorsPublic:
        """Partner activity around a landlord over a period (landlord staff, regional admins)."""
        return IndicatorsPublic.model_validate(await self.service.get_json("/indicators", params))

    async def post(self, path: str, body: Any = None) -> Any:
        """A write call; the JSON answer."""
        return await self.service.post_json(path, body)

    async def delete(self, path: str) -> Any:
        """A delete call; the JSON answer."""
        return await self.service.delete_json(path)
