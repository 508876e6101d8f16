"""Commands: what callers ask the councils service to do (validated by the domain)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from kernel.localisation import LocalizedText


@dataclass(frozen=True)
class CreateCouncil:
    """Create the council of a landlord."""

    landlord_id: uuid.UUID
    name: LocalizedText
    seats: int
    quorum: int | None = None


@dataclass(frozen=True)
class AppointMandate:
    """Give a person a seat on a council for a term."""

    council_id: uuid.UUID
    person_id: uuid.UUID
    role: str
    term_start: date
    term_end: date


@dataclass(frozen=True)
class ProposeAgendaItem:
    """Propose an item to a council (``signature``: how a tenant wants to be named, if at all)."""

    council_id: uuid.UUID
    title: LocalizedText
    motivation: LocalizedText
    category: str | None
    attachments: tuple[str, ...] = ()
    signature: str | None = None


@dataclass(frozen=True)
class ReviewAgendaItem:
    """Accept, decline (with a reason) or merge a proposed item."""

    item_id: uuid.UUID
    decision: str
    reason: str | None = None
    category: str | None = None
    merged_into: uuid.UUID | None = None


@dataclass(frozen=True)
class RoomWanted:
    """Ask spaces for a room: a given space, or a space of a site with a capacity."""

    space_id: uuid.UUID | None
    site_id: uuid.UUID | None
    min_capacity: int | None


@dataclass(frozen=True)
class ScheduleMeeting:
    """Schedule a meeting with its agenda; a venue, a room request, or neither ("venue needed")."""

    council_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    item_ids: tuple[uuid.UUID, ...] = ()
    venue: str | None = None
    room: RoomWanted | None = None
    quorum: int | None = None


@dataclass(frozen=True)
class RecordAttendance:
    """Who of the sitting members are present at a meeting."""

    meeting_id: uuid.UUID
    present: tuple[uuid.UUID, ...]


@dataclass(frozen=True)
class RecordVote:
    """One present member's vote on one item of the meeting."""

    meeting_id: uuid.UUID
    item_id: uuid.UUID
    person_id: uuid.UUID
    choice: str


@dataclass(frozen=True)
class DiscussAgendaItem:
    """Mark an item on a held meeting's agenda as discussed."""

    item_id: uuid.UUID


@dataclass(frozen=True)
class DecideAgendaItem:
    """Record the outcome of an item discussed in a meeting: decided (with text) or postponed."""

    item_id: uuid.UUID
    outcome: str
    decision: LocalizedText | None = None
    motivation: LocalizedText | None = None


@dataclass(frozen=True)
class ToDo:
    """An action the council agreed on, and who takes it."""

    text: str
    owner: str


@dataclass(frozen=True)
class PublishMinutes:
    """Publish a held meeting's minutes to the landlord's tenants."""

    meeting_id: uuid.UUID
    summary: LocalizedText
    todos: tuple[ToDo, ...] = ()


@dataclass(frozen=True)
class RequestAdvice:
    """Landlord staff ask the council's advice; a council member starts own-initiative advice."""

    council_id: uuid.UUID
    subject: str
    question: LocalizedText
    documents: tuple[str, ...] = ()
    due_on: date | None = None


@dataclass(frozen=True)
class IssueAdvice:
    """The council issues its advice (after voting on it)."""

    advice_id: uuid.UUID
    text: LocalizedText


@dataclass(frozen=True)
class AnswerAdvice:
    """The landlord answers an advice: followed, partly followed or not followed (justified)."""

    advice_id: uuid.UUID
    response: str
    justification: str | None = None


@dataclass(frozen=True)
class RecordFollowUp:
    """Landlord staff record what was done with an answered advice (dated, with a status)."""

    advice_id: uuid.UUID
    status: str
    text: LocalizedText
    on: date | None = None
