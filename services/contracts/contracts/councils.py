"""Events of the councils service (ARHUU/CoCoLo): meetings, agenda items, minutes and advice.

Only pseudonymous ids travel: never who proposed an item (a tenant's household stays with the
council), never the text of a decline reason. Titles of accepted items are public.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar, Literal
from uuid import UUID

from contracts.common import RoomRequest
from kernel.events import IntegrationEvent
from kernel.localisation import LocalizedText

AdviceSubject = Literal[
    "maintenance_programme",
    "service_charges",
    "house_rules",
    "collective_equipment",
    "social_activities",
    "own_initiative",
]
AdviceResponse = Literal["followed", "partly_followed", "not_followed"]


class MeetingScheduled(IntegrationEvent):
    """A council meeting was scheduled; with a room request, spaces books a room for it."""

    event_type: ClassVar[str] = "inspraak.councils.meeting.scheduled"
    description: ClassVar[str] = "A council meeting was scheduled (optionally asking for a room)."
    public: ClassVar[bool] = True

    meeting_id: UUID
    council_id: UUID
    landlord_id: UUID
    starts_at: datetime
    ends_at: datetime
    room_request: RoomRequest | None = None


class MeetingHeld(IntegrationEvent):
    """A council meeting took place (its attendance was recorded)."""

    event_type: ClassVar[str] = "inspraak.councils.meeting.held"
    description: ClassVar[str] = "A council meeting was held; counts of sitting and present members."
    public: ClassVar[bool] = True

    meeting_id: UUID
    council_id: UUID
    landlord_id: UUID
    sitting: int
    present: int
    quorum_met: bool


class MinutesPublished(IntegrationEvent):
    """The minutes of a meeting were published to the landlord's tenants."""

    event_type: ClassVar[str] = "inspraak.councils.minutes.published"
    description: ClassVar[str] = "The minutes of a council meeting were published to the tenants."
    public: ClassVar[bool] = True

    meeting_id: UUID
    council_id: UUID
    landlord_id: UUID
    decisions: int
    published_at: datetime


class AgendaItemProposed(IntegrationEvent):
    """Someone proposed an item to the council (a draft: no title, no proposer)."""

    event_type: ClassVar[str] = "inspraak.councils.agenda_item.proposed"
    description: ClassVar[str] = "An agenda item was proposed to a council (by a member or a tenant)."

    item_id: UUID
    council_id: UUID
    landlord_id: UUID
    proposed_by: Literal["member", "tenant", "system"]


class AgendaItemAccepted(IntegrationEvent):
    """The council accepted an item for its agenda."""

    event_type: ClassVar[str] = "inspraak.councils.agenda_item.accepted"
    description: ClassVar[str] = "A council accepted an agenda item."
    public: ClassVar[bool] = True

    item_id: UUID
    council_id: UUID
    landlord_id: UUID
    category: str
    title: LocalizedText


class AgendaItemDeclined(IntegrationEvent):
    """The council declined an item (the reason is shown to the proposer only)."""

    event_type: ClassVar[str] = "inspraak.councils.agenda_item.declined"
    description: ClassVar[str] = "A council declined a proposed agenda item."

    item_id: UUID
    council_id: UUID
    landlord_id: UUID


class AgendaItemMerged(IntegrationEvent):
    """The council merged a proposed item into another item."""

    event_type: ClassVar[str] = "inspraak.councils.agenda_item.merged"
    description: ClassVar[str] = "A proposed agenda item was merged into another item."

    item_id: UUID
    merged_into: UUID
    council_id: UUID
    landlord_id: UUID


class AgendaItemScheduled(IntegrationEvent):
    """An accepted item was put on a meeting's agenda."""

    event_type: ClassVar[str] = "inspraak.councils.agenda_item.scheduled"
    description: ClassVar[str] = "An agenda item was put on a meeting's agenda."
    public: ClassVar[bool] = True

    item_id: UUID
    council_id: UUID
    landlord_id: UUID
    meeting_id: UUID
    position: int


class AgendaItemDecided(IntegrationEvent):
    """The council decided an item in a meeting (counts of the vote, never who voted how)."""

    event_type: ClassVar[str] = "inspraak.councils.agenda_item.decided"
    description: ClassVar[str] = "A council decided an agenda item, with the vote counts."
    public: ClassVar[bool] = True

    item_id: UUID
    council_id: UUID
    landlord_id: UUID
    meeting_id: UUID
    votes_for: int
    votes_against: int
    abstentions: int
    adopted: bool | None


class AgendaItemPostponed(IntegrationEvent):
    """The council postponed an item; it goes to the next meeting."""

    event_type: ClassVar[str] = "inspraak.councils.agenda_item.postponed"
    description: ClassVar[str] = "A council postponed an agenda item to its next meeting."
    public: ClassVar[bool] = True

    item_id: UUID
    council_id: UUID
    landlord_id: UUID
    meeting_id: UUID


class AdviceRequested(IntegrationEvent):
    """The landlord asked the council's advice (or the council started one on its own initiative)."""

    event_type: ClassVar[str] = "inspraak.councils.advice.requested"
    description: ClassVar[str] = "Advice was requested from a council (or started on its own initiative)."
    public: ClassVar[bool] = True

    advice_id: UUID
    council_id: UUID
    landlord_id: UUID
    subject: AdviceSubject
    origin: Literal["landlord", "council"]
    due_on: date | None


class AdviceIssued(IntegrationEvent):
    """The council issued its advice to the landlord."""

    event_type: ClassVar[str] = "inspraak.councils.advice.issued"
    description: ClassVar[str] = "A council issued an advice to its landlord."
    public: ClassVar[bool] = True

    advice_id: UUID
    council_id: UUID
    landlord_id: UUID
    subject: AdviceSubject
    issued_at: datetime
    answer_due_on: date


class AdviceAnswered(IntegrationEvent):
    """The landlord answered an advice: followed, partly followed or not followed."""

    event_type: ClassVar[str] = "inspraak.councils.advice.answered"
    description: ClassVar[str] = "A landlord answered a council's advice."
    public: ClassVar[bool] = True

    advice_id: UUID
    council_id: UUID
    landlord_id: UUID
    response: AdviceResponse
    answered_at: datetime
    on_time: bool


class AdviceOverdue(IntegrationEvent):
    """An advice got no answer from the landlord by its due date."""

    event_type: ClassVar[str] = "inspraak.councils.advice.overdue"
    description: ClassVar[str] = "An advice was not answered by the landlord before its due date."
    public: ClassVar[bool] = True

    advice_id: UUID
    council_id: UUID
    landlord_id: UUID
    due_on: date


class AdviceFollowedUp(IntegrationEvent):
    """The landlord recorded what was done with an advice (the quarterly follow-up; no text)."""

    event_type: ClassVar[str] = "inspraak.councils.advice.followed_up"
    description: ClassVar[str] = "A landlord recorded a follow-up of a council's advice (status, date)."
    public: ClassVar[bool] = True

    advice_id: UUID
    council_id: UUID
    landlord_id: UUID
    follow_up_id: UUID
    status: Literal["planned", "in_progress", "done", "abandoned"]
    recorded_on: date
