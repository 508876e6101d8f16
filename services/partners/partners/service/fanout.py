"""Fan-out: every event heard becomes feed entries and webhook deliveries, by visibility.

Runs inside the consumer's inbox transaction, so the event log row, the feed entries and the
deliveries are written exactly once with the inbox row; the event log's unique event id makes
it idempotent by construction too.

A batch of events fans out set-based: one INSERT for their log rows, the partnerships,
partners and webhook subscriptions read once, one INSERT each for the feed entries and the
deliveries. ``after_commit`` hooks (the delivery worker's wake-up) run once it committed.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from contracts.catalogue import is_public
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
from partners.service.catalogue import known_types


async def _log(session: AsyncSession, logged: list[tuple[CloudEvent, EventFacts]]) -> dict[str, int]:
    """Append the events to the log in order; their positions (none for those already there)."""
    rows = [
        {
            "event_id": uuid.UUID(event.id),
            "event_type": event.type,
            "landlord_id": facts.landlord_id,
            "site_id": facts.site_id,
            "occurred_at": facts.occurred_at,
            "envelope": event.model_dump(mode="json", exclude_none=True),
        }
        for event, facts in logged
    ]
    columns = EventLogRow.__table__.c  # type: ignore[attr-defined]
    statement = (
        insert(EventLogRow)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(columns.event_id, columns.position)
    )
    result = await (await session.connection()).execute(statement)
    return {str(event_id): int(position) for event_id, position in result.all()}


async def _partnerships(session: AsyncSession, since: datetime) -> dict[uuid.UUID, list[Partnership]]:
    query = select(PartnershipRow).where(
        col(PartnershipRow.revoked_at).is_(None) | (col(PartnershipRow.revoked_at) > since)
    )
    found: dict[uuid.UUID, list[Partnership]] = defaultdict(list)
    for row in (await session.exec(query)).all():
        found[row.partner_id].append(partnership_of(row))
    return found


async def fan_out_many(session: AsyncSession, events: list[CloudEvent], policy: RetryPolicy) -> int:
    """Log ``events`` (in order), add each to the feed of every partner that may see it, and
    queue a delivery for each of their active webhook subscriptions it matches. Returns the
    deliveries queued."""
    known = known_types()
    logged = [(event, _facts(event)) for event in events if event.type in known]
    if not logged:
        return 0
    positions = await _log(session, logged)
    fresh = [
        (facts, positions[str(uuid.UUID(event.id))])
        for event, facts in logged
        if str(uuid.UUID(event.id)) in positions
    ]
    if not fresh:
        return 0
    partnerships = await _partnerships(session, min(facts.occurred_at for facts, _ in fresh))
    partner_ids = (await session.exec(select(PartnerRow.id))).all()
    subscriptions: list[SubscriptionRow] | None = None
    feed: list[dict[str, Any]] = []
    deliveries: list[dict[str, Any]] = []
    due = policy.first_attempt_at(datetime.now(UTC))
    for facts, position in fresh:
        audience = {p for p in partner_ids if visible_to(partnerships.get(p, []), facts, p)}
        if not audience:
            continue
        feed += [{"partner_id": p, "position": position} for p in audience]
        if subscriptions is None:
            subscriptions = await _webhooks(session)
        deliveries += [
            {
                "id": uuid.uuid4(),
                "subscription_id": row.id,
                "position": position,
                "event_type": facts.event_type,
                "next_attempt_at": due,
            }
            for row in subscriptions
            if row.partner_id in audience and filter_of(row).matches(facts)
        ]
    connection = await session.connection()
    if feed:
        await connection.execute(insert(FeedEntryRow).on_conflict_do_nothing(), feed)
    if deliveries:
        await connection.execute(insert(DeliveryRow).on_conflict_do_nothing(), deliveries)
    return len(deliveries)


def _facts(event: CloudEvent) -> EventFacts:
    occurred_at = event.time if event.time.tzinfo else event.time.replace(tzinfo=UTC)
    return facts_of(event.type, occurred_at, is_public(event.type), event.landlord, event.data)


async def _webhooks(session: AsyncSession) -> list[SubscriptionRow]:
    """Every active webhook subscription."""
    query = select(SubscriptionRow).where(
        SubscriptionRow.channel == "webhook",
        SubscriptionRow.status == "active",
        col(SubscriptionRow.deleted_at).is_(None),
    )
    return list((await session.exec(query)).all())
