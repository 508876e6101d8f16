"""SQLModel tables of the spaces schema (``search_path`` picks the schema).

The tables live in their own metadata so that other services loaded in the same process may
use the same table names. The exclusion constraint that forbids double booking is created by
the migration (``ex_bookings_no_overlap``); these models only read and write rows.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, DateTime, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel


class SpacesTable(SQLModel, registry=registry()):
    """Base of the spaces service's tables."""


def tstz(nullable: bool = True, now: bool = False) -> Any:
    """A ``timestamptz`` column (defaulting to now when asked)."""
    default = func.now() if now else None
    return Field(
        default=None,
        sa_column=Column(DateTime(timezone=True), nullable=nullable, server_default=default),
    )


def jsonb() -> Any:
    """A ``jsonb NOT NULL`` column."""
    return Field(sa_column=Column(JSONB, nullable=False))


class SpaceRow(SpacesTable, table=True):
    """A collective room; descriptions, opening hours and policy as JSONB."""

    __tablename__ = "spaces"
    id: uuid.UUID = Field(primary_key=True)
    landlord_id: uuid.UUID
    site_id: uuid.UUID
    name: dict[str, Any] = jsonb()
    capacity: int
    accessibility: list[str] = jsonb()
    equipment: list[str] = jsonb()
    house_rules: dict[str, Any] = jsonb()
    opening_hours: list[dict[str, Any]] = jsonb()
    policy: dict[str, Any] = jsonb()
    feed_token: str
    created_at: datetime | None = tstz(nullable=False, now=True)


class ClosureRow(SpacesTable, table=True):
    """Days a room is closed."""

    __tablename__ = "closures"
    id: uuid.UUID = Field(primary_key=True)
    space_id: uuid.UUID
    starts_on: date
    ends_on: date
    reason: dict[str, Any] = jsonb()


class SeriesRow(SpacesTable, table=True):
    """A recurring booking: its rule and first occurrence (for the iCalendar RRULE)."""

    __tablename__ = "series"
    id: uuid.UUID = Field(primary_key=True)
    space_id: uuid.UUID
    rule: str
    starts_at: datetime = tstz(nullable=False)
    ends_at: datetime = tstz(nullable=False)


class BookingRow(SpacesTable, table=True):
    """One booked occurrence; live ones never overlap in a room (the exclusion constraint)."""

    __tablename__ = "bookings"
    id: uuid.UUID = Field(primary_key=True)
    space_id: uuid.UUID
    series_id: uuid.UUID | None = None
    organisation_kind: str
    organisation_id: uuid.UUID
    booker: str
    purpose: str
    attendees: int
    starts_at: datetime = tstz(nullable=False)
    ends_at: datetime = tstz(nullable=False)
    blocked_until: datetime = tstz(nullable=False)
    state: str
    request_source: str | None = None
    request_id: uuid.UUID | None = None
    requested_at: datetime | None = tstz(nullable=False, now=True)
    decided_at: datetime | None = tstz()
    rejection_reason: str | None = None
    late_cancellation: bool = False
    checked_in_at: datetime | None = tstz()


class OrganisationFeedRow(SpacesTable, table=True):
    """The secret token of an organisation's iCalendar feed."""

    __tablename__ = "organisation_feeds"
    organisation_kind: str = Field(primary_key=True)
    organisation_id: uuid.UUID = Field(primary_key=True)
    token: str
