"""Events of the partners service that other services consume.

The partners service adds its other events here.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from contracts.common import RoomRequest
from kernel.events import IntegrationEvent
from kernel.localisation import LocalizedText


class ActivityAnnounced(IntegrationEvent):
    """A partner announced an activity; with a room request, spaces asks the landlord to approve."""

    event_type: ClassVar[str] = "inspraak.partners.activity.announced"
    description: ClassVar[str] = "A partner announced an activity (optionally asking for a room)."
    public: ClassVar[bool] = True

    activity_id: UUID
    partner_id: UUID
    landlord_id: UUID
    site_id: UUID | None = None
    title: LocalizedText
    starts_at: datetime
    ends_at: datetime
    room_request: RoomRequest | None = None


class PartnerRegistered(IntegrationEvent):
    """A partner organisation joined the social map."""

    event_type: ClassVar[str] = "inspraak.partners.partner.registered"
    description: ClassVar[str] = "A partner organisation was registered on the social map."
    public: ClassVar[bool] = True

    partner_id: UUID
    partner_type: str
    landlord_ids: list[UUID]


class PartnershipGranted(IntegrationEvent):
    """A landlord let a partner hear about its events (some sites, some types) for a period."""

    event_type: ClassVar[str] = "inspraak.partners.partnership.granted"
    description: ClassVar[str] = "A landlord granted a partner access to (some of) its events."

    partnership_id: UUID
    partner_id: UUID
    landlord_id: UUID
    site_ids: list[UUID]
    event_types: list[str]
    valid_from: datetime
    valid_to: datetime | None = None


class PartnershipRevoked(IntegrationEvent):
    """A landlord took a partnership back."""

    event_type: ClassVar[str] = "inspraak.partners.partnership.revoked"
    description: ClassVar[str] = "A landlord revoked a partnership."

    partnership_id: UUID
    partner_id: UUID
    landlord_id: UUID


class EndpointDisabled(IntegrationEvent):
    """A partner's webhook endpoint was disabled (410 Gone, or failing for days): tell the partner."""

    event_type: ClassVar[str] = "inspraak.partners.endpoint.disabled"
    description: ClassVar[str] = "A partner's webhook endpoint was disabled (gone, or failing for 5 days)."

    subscription_id: UUID
    partner_id: UUID
    reason: str
