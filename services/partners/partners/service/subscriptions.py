"""Subscriptions of the calling partner: subscribe, unsubscribe, rotate a secret, re-enable."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlmodel import col, select

from kernel.auth import Principal
from kernel.errors import Conflict, NotFound
from partners.adapters.mapping import secrets_of
from partners.adapters.tables import SubscriptionRow
from partners.domain.commands import Subscribe
from partners.domain.subscriptions import check_channel, check_event_types, new_secret
from partners.service.access import calling_partner
from partners.service.catalogue import known_types
from partners.service.unit_of_work import UnitOfWork
from partners.service.urls import UrlGuard


async def subscribe(
    uow: UnitOfWork, principal: Principal, command: Subscribe, guard: UrlGuard
) -> SubscriptionRow:
    """Subscribe; a webhook URL must pass the SSRF guard and gets a fresh ``whsec_`` secret."""
    partner_id = await calling_partner(uow, principal)
    check_channel(command.channel, command.url)
    check_event_types(command.event_types, known_types())
    if command.url is not None:
        await guard.check(command.url)
    row = SubscriptionRow(
        id=uuid.uuid4(),
        partner_id=partner_id,
        event_types=sorted(command.event_types),
        landlord_ids=sorted(str(x) for x in command.landlord_ids),
        site_ids=sorted(str(x) for x in command.site_ids),
        channel=command.channel,
        url=command.url,
        secret=new_secret() if command.channel == "webhook" else None,
    )
    uow.session.add(row)
    return row


async def own_subscription(
    uow: UnitOfWork, principal: Principal, subscription_id: uuid.UUID, *, lock: bool = False
) -> SubscriptionRow:
    """One of the caller's live subscriptions; NOT_FOUND for anyone else's."""
    partner_id = await calling_partner(uow, principal)
    row = await uow.session.get(SubscriptionRow, subscription_id, with_for_update=lock)
    if row is None or row.partner_id != partner_id or row.deleted_at is not None:
        raise NotFound(f"subscription {subscription_id}", message_key="partners.subscription_unknown")
    return row


async def unsubscribe(uow: UnitOfWork, principal: Principal, subscription_id: uuid.UUID) -> SubscriptionRow:
    """End a subscription (its delivery log stays; nothing more is delivered)."""
    row = await own_subscription(uow, principal, subscription_id, lock=True)
    row.deleted_at = datetime.now(UTC)
    return row


async def rotate_secret(
    uow: UnitOfWork, principal: Principal, subscription_id: uuid.UUID, grace: timedelta
) -> SubscriptionRow:
    """A new secret; the old one is still signed with for ``grace``."""
    row = await own_subscription(uow, principal, subscription_id, lock=True)
    if row.channel != "webhook":
        raise Conflict("feed subscriptions have no secret", message_key="partners.not_a_webhook")
    rotated = secrets_of(row).rotated(datetime.now(UTC), grace)
    row.secret, row.previous_secret = rotated.current, rotated.previous
    row.previous_secret_until = rotated.previous_until
    return row


async def enable(
    uow: UnitOfWork, principal: Principal, subscription_id: uuid.UUID, guard: UrlGuard
) -> SubscriptionRow:
    """Re-enable a disabled endpoint (its URL is checked again); its health starts afresh."""
    row = await own_subscription(uow, principal, subscription_id, lock=True)
    if row.url is not None:
        await guard.check(row.url)
    row.status, row.disabled_reason, row.disabled_at, row.failing_since = "active", None, None, None
    return row


async def mine(uow: UnitOfWork, principal: Principal) -> list[SubscriptionRow]:
    """The caller's live subscriptions, oldest first."""
    partner_id = await calling_partner(uow, principal)
    query = (
        select(SubscriptionRow)
        .where(SubscriptionRow.partner_id == partner_id, col(SubscriptionRow.deleted_at).is_(None))
        .order_by(col(SubscriptionRow.created_at))
    )
    return list((await uow.session.exec(query)).all())
