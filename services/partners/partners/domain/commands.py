"""What callers ask of the partners service (validated by the domain, run by the handlers)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from contracts.common import RoomRequest
from kernel.localisation import LocalizedText
from partners.domain.subscriptions import Channel


@dataclass(frozen=True)
class RegisterPartner:
    """Put a partner organisation on the social map, with the OAuth clients it signs in with."""

    name: LocalizedText
    type: str
    description: LocalizedText
    services: frozenset[str]
    languages: frozenset[str]
    landlord_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    site_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    municipalities: frozenset[str] = field(default_factory=frozenset)
    contact: dict[str, str] = field(default_factory=dict)
    opening_hours: dict[str, str] = field(default_factory=dict)
    client_ids: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class GrantPartnership:
    """Let a partner hear about a landlord's events (empty sets: all sites, all types)."""

    partner_id: uuid.UUID
    landlord_id: uuid.UUID
    valid_from: datetime
    valid_to: datetime | None = None
    site_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    event_types: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Subscribe:
    """Subscribe the calling partner to event types, filtered, by webhook or feed."""

    channel: Channel
    url: str | None = None
    event_types: frozenset[str] = field(default_factory=frozenset)
    landlord_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    site_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)


@dataclass(frozen=True)
class AnnounceActivity:
    """Announce an activity on a landlord's agenda, optionally asking for a room."""

    landlord_id: uuid.UUID
    title: LocalizedText
    description: LocalizedText
    starts_at: datetime
    ends_at: datetime
    audience: str
    languages: tuple[str, ...]
    site_id: uuid.UUID | None = None
    room_request: RoomRequest | None = None
