"""Rows to domain objects."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from kernel.localisation import LocalizedText
from partners.adapters.tables import PartnerRow, PartnershipRow, SubscriptionRow
from partners.domain.directory import Areas, Partner
from partners.domain.partnerships import Partnership
from partners.domain.subscriptions import Secrets, SubscriptionFilter


def uuids(values: Iterable[str]) -> frozenset[uuid.UUID]:
    """A set of UUIDs from their JSON strings."""
    return frozenset(uuid.UUID(v) for v in values)


def partner_of(row: PartnerRow, client_ids: Iterable[str] = ()) -> Partner:
    """The domain partner of a row."""
    return Partner(
        id=row.id,
        name=LocalizedText.model_validate(row.name),
        type=row.type,
        description=LocalizedText.model_validate(row.description),
        services=frozenset(row.services),
        languages=frozenset(row.languages),
        areas=Areas(uuids(row.landlord_ids), uuids(row.site_ids), frozenset(row.municipalities)),
        client_ids=frozenset(client_ids),
    )


def partnership_of(row: PartnershipRow) -> Partnership:
    """The domain partnership of a row."""
    return Partnership(
        id=row.id,
        partner_id=row.partner_id,
        landlord_id=row.landlord_id,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        site_ids=uuids(row.site_ids),
        event_types=frozenset(row.event_types),
        revoked_at=row.revoked_at,
    )


def filter_of(row: SubscriptionRow) -> SubscriptionFilter:
    """The filter of a subscription row."""
    return SubscriptionFilter(frozenset(row.event_types), uuids(row.landlord_ids), uuids(row.site_ids))


def secrets_of(row: SubscriptionRow) -> Secrets:
    """The signing secrets of a webhook subscription row."""
    assert row.secret is not None, "webhook subscriptions have a secret"
    return Secrets(row.secret, row.previous_secret, row.previous_secret_until)
