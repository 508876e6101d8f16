"""Redelivery of one delivery, and replay of what a subscription missed since a moment."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select

from kernel.auth import Principal
from kernel.errors import NotFound
from partners.adapters.mapping import filter_of
from partners.adapters.tables import DeliveryRow, EventLogRow, FeedEntryRow
from partners.domain.facts import EventFacts
from partners.service.subscriptions import own_subscription
from partners.service.unit_of_work import UnitOfWork


async def own_delivery(uow: UnitOfWork, principal: Principal, delivery_id: uuid.UUID) -> DeliveryRow:
    """One delivery of the caller's subscriptions; NOT_FOUND for anyone else's."""
    row = await uow.session.get(DeliveryRow, delivery_id, with_for_update=True)
    if row is None:
        raise NotFound(f"delivery {delivery_id}", message_key="partners.delivery_unknown")
    await own_subscription(uow, principal, row.subscription_id)
    return row


async def redeliver(uow: UnitOfWork, principal: Principal, delivery_id: uuid.UUID) -> DeliveryRow:
    """Send a delivery again (with the same ``webhook-id``), on a fresh retry schedule."""
    row = await own_delivery(uow, principal, delivery_id)
    row.status, row.attempts, row.lease_until = "pending", 0, None
    row.next_attempt_at = datetime.now(UTC)
    return row


async def replay(uow: UnitOfWork, principal: Principal, subscription_id: uuid.UUID, since: datetime) -> int:
    """Queue again, in event order, every visible matching event since ``since`` that did not
    reach the endpoint (already delivered ones are not sent twice). Returns how many."""
    subscription = await own_subscription(uow, principal, subscription_id)
    wanted = filter_of(subscription)
    query = (
        select(EventLogRow)
        .join(FeedEntryRow, col(FeedEntryRow.position) == col(EventLogRow.position))
        .where(FeedEntryRow.partner_id == subscription.partner_id, col(EventLogRow.occurred_at) >= since)
        .order_by(col(EventLogRow.position))
    )
    now = datetime.now(UTC)
    values: list[dict[str, Any]] = [
        {
            "id": uuid.uuid4(),
            "subscription_id": subscription.id,
            "position": row.position,
            "event_type": row.event_type,
            "next_attempt_at": now,
        }
        for row in (await uow.session.exec(query)).all()
        if wanted.matches(EventFacts(row.event_type, row.occurred_at, False, row.landlord_id, row.site_id))
    ]
    if not values:
        return 0
    statement = (
        insert(DeliveryRow)
        .values(values)
        .on_conflict_do_update(
            index_elements=["subscription_id", "position"],
            set_={"status": "pending", "attempts": 0, "next_attempt_at": now, "lease_until": None},
            where=DeliveryRow.__table__.c.status == "failed",  # type: ignore[attr-defined]
        )
        .returning(DeliveryRow.__table__.c.id)  # type: ignore[attr-defined]
    )
    return len((await (await uow.session.connection()).execute(statement)).all())
