"""Partnerships: a landlord lets a partner hear about (some of) its events for a period."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from kernel.errors import ValidationFailed
from partners.domain.facts import EventFacts


@dataclass(frozen=True)
class Partnership:
    """Empty ``site_ids`` / ``event_types`` mean every site / every type of the landlord."""

    id: uuid.UUID
    partner_id: uuid.UUID
    landlord_id: uuid.UUID
    valid_from: datetime
    valid_to: datetime | None = None
    site_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    event_types: frozenset[str] = field(default_factory=frozenset)
    revoked_at: datetime | None = None

    def active_at(self, moment: datetime) -> bool:
        """True when the partnership holds at ``moment`` (valid and not yet revoked)."""
        if moment < self.valid_from or (self.valid_to is not None and moment >= self.valid_to):
            return False
        return self.revoked_at is None or moment < self.revoked_at

    def covers(self, event: EventFacts) -> bool:
        """True when ``event`` falls within this partnership (landlord, sites, types, period)."""
        if event.landlord_id != self.landlord_id or not self.active_at(event.occurred_at):
            return False
        if self.site_ids and event.site_id not in self.site_ids:
            return False
        return not self.event_types or event.event_type in self.event_types


def check_period(valid_from: datetime, valid_to: datetime | None) -> None:
    """A partnership ends after it starts."""
    if valid_to is not None and valid_to <= valid_from:
        raise ValidationFailed(
            "valid_to before valid_from", field="validTo", message_key="partners.partnership_period"
        )


def visible_to(partnerships: list[Partnership], event: EventFacts, partner_id: uuid.UUID) -> bool:
    """May the partner receive ``event``?

    A partner with partnerships active at the event's time receives only what they cover,
    whatever it subscribes to; a partner without one receives only public events. A partner
    always hears about its own endpoint (events naming it that are not about any landlord).
    """
    if not event.shareable:
        return False
    if event.partner_id == partner_id and event.landlord_id is None:
        return True
    active = [p for p in partnerships if p.active_at(event.occurred_at)]
    if active:
        return any(p.covers(event) for p in active)
    return event.public
