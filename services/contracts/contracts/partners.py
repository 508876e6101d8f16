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
