"""Fan-out: every event heard becomes feed entries and webhook deliveries, by visibility.

Runs inside the consumer's inbox transaction, so the event log row, the feed entries and the
deliveries are written exactly once with the inbox row; the event log's unique event id makes
it idempotent by construction too.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from kernel.events import CloudEvent
from partners.adapters.mapping import filter_of, partnership_of
from partners.adapters.tables import (
    DeliveryRow,
    EventLogRow,
    FeedEntryRow,
    PartnerRow,
    PartnershipRow,
    SubscriptionRow,
)
from partners.domain.facts import EventFacts, facts_of
from partners.domain.partnerships import Partnership, visible_to
from partners.domain.retries import RetryPolicy
from partners.service.catalogue import is_public, known_types


async def _log(session: AsyncSession, event: CloudEvent, facts: EventFacts) -> int | None:
    """Append the event to the log; None when it is already there."""
    statement = (
        insert(EventLogRow)
        .values(
            event_id=uuid.UUID(event.id),
            event_type=event.type,
            landlord_id=facts.landlord_id,
            site_id=facts.site_id,
            occurred_at=facts.occurred_at,
            envelope=event.model_dump(mode="json", exclude_none=True),
        )
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(EventLogRow.__table__.c.position)  # type: ignore[attr-defined]
    )
    position: int | None = (await (await session.connection()).execute(statement)).scalar_one_or_none()
    return position


async def _partnerships(session: AsyncSession, since: datetime) -> dict[uuid.UUID, list[Partnership]]:
    query = select(PartnershipRow).where(
        col(PartnershipRow.revoked_at).is_(None) | (col(PartnershipRow.revoked_at) > since)
    )
    found: dict[uuid.UUID, list[Partnership]] = defaultdict(list)
    for row in (await session.exec(query)).all():
        found[row.partner_id].append(partnership_of(row))
    return found


async def visible_partners(session: AsyncSession, facts: EventFacts) -> set[uuid.UUID]:
    """The partners that may receive an event with these facts."""
    partnerships = await _partnerships(session, facts.occurred_at)
    partner_ids = (await session.exec(select(PartnerRow.id))).all()
    return {p for p in partner_ids if visible_to(partnerships.get(p, []), facts, p)}


async def fan_out(session: AsyncSession, event: CloudEvent, policy: RetryPolicy) -> int:
    """Log ``event``, add it to the feed of every partner that may see it, and queue a delivery
    for each of their active webhook subscriptions it matches. Returns the deliveries queued."""
    if event.type not in known_types():
        return 0
    occurred_at = event.time if event.time.tzinfo else event.time.replace(tzinfo=UTC)
    facts = facts_of(event.type, occurred_at, is_public(event.type), event.landlord, event.data)
    position = await _log(session, event, facts)
    if position is None:
        return 0
    audience = await visible_partners(session, facts)
    if not audience:
        return 0
    await (await session.connection()).execute(
        insert(FeedEntryRow).on_conflict_do_nothing(),
        [{"partner_id": p, "position": position} for p in audience],
    )
    deliveries = await _deliveries(session, facts, audience, position, policy)
    if deliveries:
        await (await session.connection()).execute(insert(DeliveryRow).on_conflict_do_nothing(), deliveries)
    return len(deliveries)


async def _deliveries(
    session: AsyncSession, facts: EventFacts, audience: set[uuid.UUID], position: int, policy: RetryPolicy
) -> list[dict[str, Any]]:
    query = select(SubscriptionRow).where(
        col(SubscriptionRow.partner_id).in_(audience),
        SubscriptionRow.channel == "webhook",
        SubscriptionRow.status == "active",
        col(SubscriptionRow.deleted_at).is_(None),
    )
    due = policy.first_attempt_at(datetime.now(UTC))
    return [
        {
            "id": uuid.uuid4(),
            "subscription_id": row.id,
            "position": position,
            "event_type": facts.event_type,
            "next_attempt_at": due,
        }
        for row in (await session.exec(query)).all()
        if filter_of(row).matches(facts)
    ]
