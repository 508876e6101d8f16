"""Events of the councils service (ARHUU/CoCoLo) that other services consume.

The councils service adds its other events here (agenda items, minutes, advice).
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from contracts.common import RoomRequest
from kernel.events import IntegrationEvent


class MeetingScheduled(IntegrationEvent):
    """A council meeting was scheduled; with a room request, spaces books a room for it."""

    event_type: ClassVar[str] = "inspraak.councils.meeting.scheduled"
    description: ClassVar[str] = "A council meeting was scheduled (optionally asking for a room)."
    public: ClassVar[bool] = True

    meeting_id: UUID
    council_id: UUID
    landlord_id: UUID
    starts_at: datetime
    ends_at: datetime
    room_request: RoomRequest | None = None
