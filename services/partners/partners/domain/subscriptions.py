"""Subscriptions: event types + a filter + a channel (a webhook endpoint or the pull feed)."""

from __future__ import annotations

import base64
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from kernel.errors import ValidationFailed
from partners.domain.facts import EventFacts

Channel = Literal["webhook", "feed"]
SECRET_PREFIX = "whsec_"  # noqa: S105 - the Standard Webhooks prefix, not a secret


@dataclass(frozen=True)
class SubscriptionFilter:
    """Which events a subscription wants; empty sets mean "all"."""

    event_types: frozenset[str] = field(default_factory=frozenset)
    landlord_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    site_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)

    def matches(self, event: EventFacts) -> bool:
        """True when ``event`` passes the filter (visibility is checked separately)."""
        if self.event_types and event.event_type not in self.event_types:
            return False
        if self.landlord_ids and event.landlord_id not in self.landlord_ids:
            return False
        return not self.site_ids or event.site_id in self.site_ids


def check_event_types(requested: frozenset[str], known: frozenset[str]) -> None:
    """Every requested type is in the catalogue."""
    unknown = sorted(requested - known)
    if unknown:
        raise ValidationFailed(
            f"unknown event types: {unknown}",
            field="eventTypes",
            message_key="partners.event_type_unknown",
            params={"types": ", ".join(unknown)},
        )


def check_channel(channel: Channel, url: str | None) -> None:
    """A webhook needs a URL; the feed takes none."""
    if (channel == "webhook") != (url is not None):
        raise ValidationFailed(
            "a webhook subscription needs a URL, a feed subscription none",
            field="url",
            message_key="partners.channel_url",
        )


def new_secret() -> str:
    """A fresh endpoint secret: ``whsec_`` + base64 of 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


@dataclass(frozen=True)
class Secrets:
    """The current secret and, during a rotation's grace period, the previous one."""

    current: str
    previous: str | None = None
    previous_until: datetime | None = None

    def signing(self, now: datetime) -> list[str]:
        """The secrets to sign with at ``now`` (both while the old one is still honoured)."""
        if self.previous and self.previous_until and now < self.previous_until:
            return [self.current, self.previous]
        return [self.current]

    def rotated(self, now: datetime, grace: timedelta) -> Secrets:
        """A new current secret; the old one stays valid for ``grace``."""
        return Secrets(current=new_secret(), previous=self.current, previous_until=now + grace)
