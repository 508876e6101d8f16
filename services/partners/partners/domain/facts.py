"""What the visibility rules need to know about an event (read from its envelope)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from contracts.catalogue import NEVER_SHARED_PREFIXES


@dataclass(frozen=True)
class EventFacts:
    """The type, scope and time of an event, and whether the catalogue marks it public."""

    event_type: str
    occurred_at: datetime
    public: bool
    landlord_id: uuid.UUID | None = None
    site_id: uuid.UUID | None = None
    partner_id: uuid.UUID | None = None

    @property
    def shareable(self) -> bool:
        """False for the types no partner may ever receive."""
        return not self.event_type.startswith(NEVER_SHARED_PREFIXES)


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def facts_of(
    event_type: str, occurred_at: datetime, public: bool, landlord: str | None, data: dict[str, Any]
) -> EventFacts:
    """Facts from an envelope: the ``landlord`` extension (else ``data.landlord_id``), ``data.site_id``."""
    return EventFacts(
        event_type=event_type,
        occurred_at=occurred_at,
        public=public,
        landlord_id=_uuid(landlord) or _uuid(data.get("landlord_id")),
        site_id=_uuid(data.get("site_id")),
        partner_id=_uuid(data.get("partner_id")),
    )
