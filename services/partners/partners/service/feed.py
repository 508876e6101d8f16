"""What a partner reads: its pull feed, its deliveries and their attempts."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import col, select

from kernel.auth import Principal
from partners.adapters.tables import AttemptRow, DeliveryRow, EventLogRow, FeedEntryRow
from partners.service.access import calling_partner
from partners.service.subscriptions import own_subscription
from partners.service.unit_of_work import UnitOfWork


async def events(
    uow: UnitOfWork, principal: Principal, after: int, types: list[str], first: int
) -> list[tuple[int, dict[str, Any]]]:
    """The caller's visible events after position ``after``, in order: (cursor, envelope)."""
    partner_id = await calling_partner(uow, principal)
    query = (
        select(EventLogRow)
        .join(FeedEntryRow, col(FeedEntryRow.position) == col(EventLogRow.position))
        .where(FeedEntryRow.partner_id == partner_id, col(FeedEntryRow.position) > after)
        .order_by(col(FeedEntryRow.position))
        .limit(first)
    )
    if types:
        query = query.where(col(EventLogRow.event_type).in_(types))
    return [(row.position or 0, row.envelope) for row in (await uow.session.exec(query)).all()]


async def deliveries(
    uow: UnitOfWork,
    principal: Principal,
    subscription_id: uuid.UUID,
    after: int,
    first: int,
    *,
    newest_first: bool = False,
) -> list[DeliveryRow]:
    """The deliveries of one of the caller's subscriptions, in event order or newest first
    (a delivery log shows the latest); ``after`` is the position of the last one seen in that
    order (0: from the start)."""
    await own_subscription(uow, principal, subscription_id)
    position = col(DeliveryRow.position)
    query = select(DeliveryRow).where(DeliveryRow.subscription_id == subscription_id)
    if newest_first:
        query = query.where(position < after) if after > 0 else query
        query = query.order_by(position.desc())
    else:
        query = query.where(position > after).order_by(position)
    return list((await uow.session.exec(query.limit(first))).all())


async def attempts(uow: UnitOfWork, delivery_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[AttemptRow]]:
    """The attempt log of each delivery, in order (callers checked the deliveries are theirs)."""
    query = (
        select(AttemptRow)
        .where(col(AttemptRow.delivery_id).in_(delivery_ids))
        .order_by(col(AttemptRow.delivery_id), col(AttemptRow.number))
    )
    found: dict[uuid.UUID, list[AttemptRow]] = {d: [] for d in delivery_ids}
    for row in (await uow.session.exec(query)).all():
        found[row.delivery_id].append(row)
    return found


async def partner_of_caller(uow: UnitOfWork, principal: Principal) -> uuid.UUID:
    """The calling partner's id."""
    return await calling_partner(uow, principal)
