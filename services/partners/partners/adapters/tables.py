"""SQLModel tables of the partners schema (own metadata: other services may reuse names)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, DateTime, ForeignKey, Identity, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel


class PartnersTable(SQLModel, registry=registry()):
    """Base of the partners service's tables."""


def created_column() -> Any:
    """A ``timestamptz NOT NULL DEFAULT now()`` column."""
    return Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now())
    )


def timestamp(nullable: bool = True) -> Any:
    """A ``timestamptz`` column."""
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


def jsonb() -> Any:
    """A ``jsonb NOT NULL`` column."""
    return Field(sa_column=Column(JSONB, nullable=False))


def references(target: str) -> Any:
    """A ``NOT NULL`` foreign key to ``target``, indexed."""
    return Field(sa_column=Column(ForeignKey(target), nullable=False, index=True))


class PartnerRow(PartnersTable, table=True):
    """A partner's public profile (texts are LocalizedText JSON, lists are JSON arrays)."""

    __tablename__ = "partners"
    id: uuid.UUID = Field(primary_key=True)
    name: dict[str, Any] = jsonb()
    type: str
    description: dict[str, Any] = jsonb()
    services: list[str] = jsonb()
    languages: list[str] = jsonb()
    landlord_ids: list[str] = jsonb()
    site_ids: list[str] = jsonb()
    municipalities: list[str] = jsonb()
    contact: dict[str, Any] = jsonb()
    opening_hours: dict[str, Any] = jsonb()
    registered_at: datetime | None = created_column()


class PartnerClientRow(PartnersTable, table=True):
    """An OAuth client id a partner signs in with."""

    __tablename__ = "partner_clients"
    client_id: str = Field(primary_key=True)
    partner_id: uuid.UUID = references("partners.id")


class PartnershipRow(PartnersTable, table=True):
    """A landlord's consent for a partner to hear about its events."""

    __tablename__ = "partnerships"
    id: uuid.UUID = Field(primary_key=True)
    partner_id: uuid.UUID = references("partners.id")
    landlord_id: uuid.UUID = Field(index=True)
    site_ids: list[str] = jsonb()
    event_types: list[str] = jsonb()
    valid_from: datetime = timestamp(nullable=False)
    valid_to: datetime | None = timestamp()
    revoked_at: datetime | None = timestamp()
    granted_by: str
    granted_at: datetime | None = created_column()


class SubscriptionRow(PartnersTable, table=True):
    """A partner's subscription; webhook ones hold their endpoint's secrets and health."""

    __tablename__ = "subscriptions"
    id: uuid.UUID = Field(primary_key=True)
    partner_id: uuid.UUID = references("partners.id")
    event_types: list[str] = jsonb()
    landlord_ids: list[str] = jsonb()
    site_ids: list[str] = jsonb()
    channel: str
    url: str | None = None
    secret: str | None = None
    previous_secret: str | None = None
    previous_secret_until: datetime | None = timestamp()
    status: str = "active"
    disabled_reason: str | None = None
    disabled_at: datetime | None = timestamp()
    failing_since: datetime | None = timestamp()
    created_at: datetime | None = created_column()
    deleted_at: datetime | None = timestamp()


class EventLogRow(PartnersTable, table=True):
    """Every event heard, once, in arrival order (the feed and deliveries point at it)."""

    __tablename__ = "event_log"
    position: int | None = Field(
        default=None, sa_column=Column(BigInteger, Identity(always=True), primary_key=True)
    )
    event_id: uuid.UUID = Field(unique=True)
    event_type: str
    landlord_id: uuid.UUID | None = None
    site_id: uuid.UUID | None = None
    occurred_at: datetime = timestamp(nullable=False)
    envelope: dict[str, Any] = jsonb()


class FeedEntryRow(PartnersTable, table=True):
    """An event a partner may see (written at fan-out by the visibility rules)."""

    __tablename__ = "feed_entries"
    partner_id: uuid.UUID = Field(primary_key=True)
    position: int = Field(sa_column=Column(BigInteger, primary_key=True))


class DeliveryRow(PartnersTable, table=True):
    """One event to one webhook subscription: pending until delivered or given up."""

    __tablename__ = "deliveries"
    id: uuid.UUID = Field(primary_key=True)
    subscription_id: uuid.UUID = references("subscriptions.id")
    position: int = Field(sa_column=Column(BigInteger, nullable=False))
    event_type: str
    status: str = "pending"
    attempts: int = 0
    next_attempt_at: datetime | None = timestamp()
    lease_until: datetime | None = timestamp()
    created_at: datetime | None = created_column()
    delivered_at: datetime | None = timestamp()


class AttemptRow(PartnersTable, table=True):
    """The log of one delivery attempt."""

    __tablename__ = "delivery_attempts"
    id: uuid.UUID = Field(primary_key=True)
    delivery_id: uuid.UUID = references("deliveries.id")
    number: int
    attempted_at: datetime = timestamp(nullable=False)
    status_code: int | None = None
    latency_ms: int
    error: str | None = None
    response_excerpt: str | None = None


class ActivityRow(PartnersTable, table=True):
    """An activity a partner announced on a landlord's agenda."""

    __tablename__ = "activities"
    id: uuid.UUID = Field(primary_key=True)
    partner_id: uuid.UUID = references("partners.id")
    landlord_id: uuid.UUID = Field(index=True)
    site_id: uuid.UUID | None = None
    title: dict[str, Any] = jsonb()
    description: dict[str, Any] = jsonb()
    starts_at: datetime = timestamp(nullable=False)
    ends_at: datetime = timestamp(nullable=False)
    audience: str
    languages: list[str] = jsonb()
    room_request: dict[str, Any] | None = Field(default=None, sa_column=Column(JSONB, nullable=True))
    announced_at: datetime | None = created_column()
