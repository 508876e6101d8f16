"""SQLModel tables of the councils schema (own metadata; ``search_path`` picks the schema)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, DateTime, ForeignKey, PrimaryKeyConstraint, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel


class CouncilsTable(SQLModel, registry=registry()):
    """Base of the councils service's tables."""


def jsonb(nullable: bool = False) -> Any:
    """A ``jsonb`` column."""
    return Field(default=None, sa_column=Column(JSONB, nullable=nullable))


def timestamp(nullable: bool = True, now: bool = False) -> Any:
    """A ``timestamptz`` column (``now``: defaulting to the transaction's time)."""
    default = func.now() if now else None
    return Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable, server_default=default)
    )


def references(target: str, nullable: bool = False) -> Any:
    """An indexed foreign key to ``target``."""
    return Field(default=None, sa_column=Column(ForeignKey(target), nullable=nullable, index=True))


class CouncilRow(CouncilsTable, table=True):
    """A council; one per landlord (unique)."""

    __tablename__ = "councils"
    id: uuid.UUID = Field(primary_key=True)
    landlord_id: uuid.UUID = Field(unique=True)
    name: dict[str, Any] = jsonb()
    seats: int
    quorum: int | None = None
    created_at: datetime | None = timestamp(nullable=False, now=True)


class MandateRow(CouncilsTable, table=True):
    """A seat held by a person for a term."""

    __tablename__ = "mandates"
    id: uuid.UUID = Field(primary_key=True)
    council_id: uuid.UUID = references("councils.id")
    person_id: uuid.UUID = Field(index=True)
    role: str
    term_start: date
    term_end: date


class AgendaItemRow(CouncilsTable, table=True):
    """An agenda item; ``consultation_id`` is unique per council (one results item each)."""

    __tablename__ = "agenda_items"
    id: uuid.UUID = Field(primary_key=True)
    council_id: uuid.UUID = references("councils.id")
    landlord_id: uuid.UUID
    title: dict[str, Any] = jsonb()
    motivation: dict[str, Any] = jsonb()
    category: str | None = None
    attachments: list[str] = jsonb()
    proposer_kind: str
    proposer_person_id: uuid.UUID | None = None
    proposer_household_id: uuid.UUID | None = None
    proposer_signature: str | None = None
    state: str = Field(index=True)
    decline_reason: str | None = None
    merged_into: uuid.UUID | None = None
    meeting_id: uuid.UUID | None = references("meetings.id", nullable=True)
    position: int | None = None
    waits_for_next_meeting: bool = False
    decision: dict[str, Any] | None = jsonb(nullable=True)
    decision_motivation: dict[str, Any] | None = jsonb(nullable=True)
    consultation_id: uuid.UUID | None = None
    created_at: datetime | None = timestamp(nullable=False, now=True)
    accepted_at: datetime | None = timestamp()
    decided_at: datetime | None = timestamp()


class MeetingRow(CouncilsTable, table=True):
    """A meeting: when, where (or "venue needed"), attendance and minutes."""

    __tablename__ = "meetings"
    id: uuid.UUID = Field(primary_key=True)
    council_id: uuid.UUID = references("councils.id")
    landlord_id: uuid.UUID
    starts_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    ends_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    venue_status: str
    venue: str | None = None
    room_request: dict[str, Any] | None = jsonb(nullable=True)
    space_id: uuid.UUID | None = None
    booking_id: uuid.UUID | None = None
    venue_reason: str | None = None
    quorum: int | None = None
    held_at: datetime | None = timestamp()
    sitting: list[str] | None = jsonb(nullable=True)
    present: list[str] | None = jsonb(nullable=True)
    minutes: dict[str, Any] | None = jsonb(nullable=True)
    minutes_published_at: datetime | None = timestamp()
    created_at: datetime | None = timestamp(nullable=False, now=True)


class VoteRow(CouncilsTable, table=True):
    """One member's vote on one item in one meeting: the key refuses a second vote."""

    __tablename__ = "votes"
    __table_args__ = (PrimaryKeyConstraint("meeting_id", "item_id", "person_id"),)
    meeting_id: uuid.UUID = Field(foreign_key="meetings.id")
    item_id: uuid.UUID = Field(foreign_key="agenda_items.id")
    person_id: uuid.UUID
    choice: str
    recorded_at: datetime | None = timestamp(nullable=False, now=True)


class AdviceRow(CouncilsTable, table=True):
    """An advice; ``overdue_at`` is set once, by whichever replica's check comes first."""

    __tablename__ = "advice"
    id: uuid.UUID = Field(primary_key=True)
    council_id: uuid.UUID = references("councils.id")
    landlord_id: uuid.UUID
    origin: str
    subject: str
    question: dict[str, Any] = jsonb()
    documents: list[str] = jsonb()
    due_on: date | None = None
    state: str
    text: dict[str, Any] | None = jsonb(nullable=True)
    issued_at: datetime | None = timestamp()
    answer_due_on: date | None = None
    response: str | None = None
    justification: str | None = None
    answered_at: datetime | None = timestamp()
    overdue_at: datetime | None = timestamp()
    created_at: datetime | None = timestamp(nullable=False, now=True)


class FollowUpRow(CouncilsTable, table=True):
    """A dated follow-up entry of an advice (what the landlord did with it)."""

    __tablename__ = "advice_follow_ups"
    id: uuid.UUID = Field(primary_key=True)
    advice_id: uuid.UUID = references("advice.id")
    recorded_on: date
    status: str
    text: dict[str, Any] = jsonb()
    created_at: datetime | None = timestamp(nullable=False, now=True)


class HouseholdRow(CouncilsTable, table=True):
    """Projection of identity's households: which landlord a household lives with."""

    __tablename__ = "households"
    household_id: uuid.UUID = Field(primary_key=True)
    landlord_id: uuid.UUID = Field(index=True)


class MembershipRow(CouncilsTable, table=True):
    """Projection of identity's memberships (role within a landlord for a period)."""

    __tablename__ = "memberships"
    membership_id: uuid.UUID = Field(primary_key=True)
    person_id: uuid.UUID = Field(index=True)
    role: str
    landlord_id: uuid.UUID | None = None
    valid_from: date
    valid_to: date | None = None
    revoked: bool = False
