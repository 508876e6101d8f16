"""Request and response bodies of the REST API (``XCreate`` / ``XPublic``)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from councils.domain.advice import Advice
from councils.domain.agenda import AgendaItem
from councils.domain.councils import Council, Mandate
from councils.domain.follow_ups import FollowUp
from councils.service.clock import today
from councils.service.permissions import Viewer
from kernel.localisation import LocalizedText


class Body(BaseModel):
    """Request bodies refuse unknown fields."""

    model_config = ConfigDict(extra="forbid")


class CouncilCreate(Body):
    landlord_id: uuid.UUID
    name: LocalizedText
    seats: int
    quorum: int | None = None


class CouncilPublic(BaseModel):
    id: uuid.UUID
    landlord_id: uuid.UUID
    name: LocalizedText
    seats: int
    quorum: int | None

    @classmethod
    def of(cls, council: Council) -> CouncilPublic:
        """The public view of a council."""
        return cls(
            id=council.id,
            landlord_id=council.landlord_id,
            name=council.name,
            seats=council.seats,
            quorum=council.quorum,
        )


class MandateCreate(Body):
    person_id: uuid.UUID
    role: str
    term_start: date
    term_end: date


class MandatePublic(BaseModel):
    id: uuid.UUID
    council_id: uuid.UUID
    person_id: uuid.UUID
    role: str
    term_start: date
    term_end: date

    @classmethod
    def of(cls, mandate: Mandate) -> MandatePublic:
        """The view of a mandate."""
        return cls(
            id=mandate.id,
            council_id=mandate.council_id,
            person_id=mandate.person_id,
            role=mandate.role,
            term_start=mandate.term_start,
            term_end=mandate.term_end,
        )


class ItemCreate(Body):
    title: LocalizedText
    motivation: LocalizedText = LocalizedText()
    category: str | None = None
    attachments: list[str] = Field(default_factory=list)
    signature: str | None = Field(default=None, max_length=80)


class ItemReview(Body):
    decision: str
    reason: str | None = None
    category: str | None = None
    merged_into: uuid.UUID | None = None


class ItemDecision(Body):
    outcome: str
    decision: LocalizedText | None = None
    motivation: LocalizedText | None = None


class ItemPublic(BaseModel):
    id: uuid.UUID
    council_id: uuid.UUID
    title: LocalizedText
    motivation: LocalizedText
    category: str | None
    attachments: list[str]
    state: str
    proposed_by: str
    proposer_signature: str | None
    proposer_household_id: uuid.UUID | None = None
    decline_reason: str | None = None
    merged_into: uuid.UUID | None
    meeting_id: uuid.UUID | None
    position: int | None
    waits_for_next_meeting: bool
    decision: LocalizedText | None
    decision_motivation: LocalizedText | None
    consultation_id: uuid.UUID | None

    @classmethod
    def of(cls, item: AgendaItem, viewer: Viewer, household: uuid.UUID | None = None) -> ItemPublic:
        """The item as ``viewer`` sees it: the proposer's household and the decline reason are for
        the council's eyes (and the proposer's own)."""
        own = household is not None and item.proposer.household_id == household
        council_eyes = viewer == "member" or own
        return cls(
            id=item.id,
            council_id=item.council_id,
            title=item.title,
            motivation=item.motivation,
            category=item.category,
            attachments=list(item.attachments),
            state=item.state,
            proposed_by=item.proposer.kind,
            proposer_signature=item.proposer.signature,
            proposer_household_id=item.proposer.household_id if council_eyes else None,
            decline_reason=item.decline_reason if council_eyes else None,
            merged_into=item.merged_into,
            meeting_id=item.meeting_id,
            position=item.position,
            waits_for_next_meeting=item.waits_for_next_meeting,
            decision=item.decision,
            decision_motivation=item.decision_motivation,
            consultation_id=item.consultation_id,
        )


class RoomCreate(Body):
    space_id: uuid.UUID | None = None
    site_id: uuid.UUID | None = None
    min_capacity: int | None = Field(default=None, ge=1)


class MeetingCreate(Body):
    starts_at: datetime
    ends_at: datetime
    item_ids: list[uuid.UUID] = Field(default_factory=list)
    venue: str | None = Field(default=None, max_length=200)
    room: RoomCreate | None = None
    quorum: int | None = Field(default=None, ge=1)


class AttendanceCreate(Body):
    present: list[uuid.UUID]


class VoteCreate(Body):
    item_id: uuid.UUID
    person_id: uuid.UUID
    choice: str


class TallyPublic(BaseModel):
    votes_for: int
    votes_against: int
    abstentions: int


class ToDoCreate(Body):
    text: str = Field(max_length=500)
    owner: str = Field(max_length=120)


class MinutesCreate(Body):
    summary: LocalizedText
    todos: list[ToDoCreate] = Field(default_factory=list)


class MeetingPublic(BaseModel):
    id: uuid.UUID
    council_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    venue_status: str
    venue: str | None
    space_id: uuid.UUID | None
    booking_id: uuid.UUID | None
    venue_reason: str | None
    held_at: datetime | None
    sitting: int | None
    present: int | None
    present_ids: list[uuid.UUID] | None = None
    minutes: dict[str, Any] | None
    minutes_published_at: datetime | None
    agenda: list[ItemPublic] | None = None


class AdviceCreate(Body):
    subject: str
    question: LocalizedText
    documents: list[str] = Field(default_factory=list)
    due_on: date | None = None


class AdviceIssue(Body):
    text: LocalizedText


class AdviceAnswer(Body):
    response: str
    justification: str | None = None


class FollowUpCreate(Body):
    status: str
    text: LocalizedText
    on: date | None = None


class FollowUpPublic(BaseModel):
    id: uuid.UUID
    on: date
    status: str
    text: LocalizedText

    @classmethod
    def of(cls, entry: FollowUp) -> FollowUpPublic:
        """The view of a follow-up entry."""
        return cls(id=entry.id, on=entry.on, status=entry.status, text=entry.text)


class AdvicePublic(BaseModel):
    id: uuid.UUID
    council_id: uuid.UUID
    origin: str
    subject: str
    question: LocalizedText
    documents: list[str]
    due_on: date | None
    state: str
    text: LocalizedText | None
    issued_at: datetime | None
    answer_due_on: date | None
    response: str | None
    justification: str | None
    answered_at: datetime | None
    answered_on_time: bool | None
    overdue: bool
    follow_ups: list[FollowUpPublic]
    follow_up_due: bool

    @classmethod
    def of(cls, advice: Advice, day: date | None = None) -> AdvicePublic:
        """The view of an advice (``follow_up_due`` as of ``day``, default today)."""
        return cls(
            id=advice.id,
            council_id=advice.council_id,
            origin=advice.origin,
            subject=advice.subject,
            question=advice.question,
            documents=list(advice.documents),
            due_on=advice.due_on,
            state=advice.state,
            text=advice.text,
            issued_at=advice.issued_at,
            answer_due_on=advice.answer_due_on,
            response=advice.response,
            justification=advice.justification,
            answered_at=advice.answered_at,
            answered_on_time=advice.answered_on_time,
            overdue=advice.overdue,
            follow_ups=[FollowUpPublic.of(entry) for entry in advice.follow_ups],
            follow_up_due=advice.follow_up_due_on(day or today()),
        )


class PagePublic(BaseModel):
    items: list[Any]
    next_cursor: str | None


def meeting_public(
    row: Any, viewer: Viewer, agenda: list[AgendaItem] | None = None, household: uuid.UUID | None = None
) -> MeetingPublic:
    """A meeting as ``viewer`` sees it: who was present is for members; minutes once published."""
    published = row.minutes_published_at is not None
    return MeetingPublic(
        id=row.id,
        council_id=row.council_id,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        venue_status=row.venue_status,
        venue=row.venue,
        space_id=row.space_id,
        booking_id=row.booking_id,
        venue_reason=row.venue_reason,
        held_at=row.held_at,
        sitting=len(row.sitting) if row.sitting is not None else None,
        present=len(row.present) if row.present is not None else None,
        present_ids=[uuid.UUID(p) for p in row.present or []] if viewer == "member" else None,
        minutes=row.minutes if published else None,
        minutes_published_at=row.minutes_published_at,
        agenda=[ItemPublic.of(item, viewer, household) for item in agenda] if agenda is not None else None,
    )
