"""Root fields served by the councils service: ``councils``, ``council`` and the council mutations.

Inputs are checked by the service (VALIDATION naming the field); enums only give clients the
statutory vocabulary.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

import strawberry

from gateway.context import Info
from gateway.fields import field, uuid_arg
from gateway.loaders_councils import councils_client
from gateway.types.councils import (
    Advice,
    AgendaItem,
    Council,
    Mandate,
    Meeting,
    VoteTally,
)


@strawberry.enum(
    description="What an agenda item is about: the five statutory subjects, own initiative, other."
)
class AgendaCategory(Enum):
    MAINTENANCE_PROGRAMME = "maintenance_programme"
    SERVICE_CHARGES = "service_charges"
    HOUSE_RULES = "house_rules"
    COLLECTIVE_EQUIPMENT = "collective_equipment"
    SOCIAL_ACTIVITIES = "social_activities"
    OWN_INITIATIVE = "own_initiative"
    OTHER = "other"


@strawberry.enum(description="The subject of an advice (landlords ask on the five statutory subjects).")
class AdviceSubject(Enum):
    MAINTENANCE_PROGRAMME = "maintenance_programme"
    SERVICE_CHARGES = "service_charges"
    HOUSE_RULES = "house_rules"
    COLLECTIVE_EQUIPMENT = "collective_equipment"
    SOCIAL_ACTIVITIES = "social_activities"
    OWN_INITIATIVE = "own_initiative"


@strawberry.enum(description="What the landlord did with an advice.")
class AdviceResponse(Enum):
    FOLLOWED = "followed"
    PARTLY_FOLLOWED = "partly_followed"
    NOT_FOLLOWED = "not_followed"


@strawberry.enum(description="Where the landlord stands with what an advice asked.")
class FollowUpStatus(Enum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    ABANDONED = "abandoned"


@strawberry.enum(description="A member's vote.")
class VoteChoice(Enum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


@strawberry.enum(description="A review of a proposed item.")
class ReviewDecision(Enum):
    ACCEPT = "accept"
    DECLINE = "decline"
    MERGE = "merge"


@strawberry.enum(description="The outcome of an item discussed in a meeting.")
class ItemOutcome(Enum):
    DECIDED = "decided"
    POSTPONED = "postponed"


@strawberry.input(description="A text in NL, FR and/or EN.")
class CouncilTextInput:
    nl: str | None = None
    fr: str | None = None
    en: str | None = None


@strawberry.input
class CreateCouncilInput:
    landlord_id: strawberry.ID
    name: CouncilTextInput
    seats: int
    quorum: int | None = None


@strawberry.input
class AppointMandateInput:
    council_id: strawberry.ID
    person_id: strawberry.ID
    role: str = strawberry.field(description="president, secretary, member or board_delegate")
    term_start: dt.date
    term_end: dt.date


@strawberry.input
class ProposeAgendaItemInput:
    council_id: strawberry.ID
    title: CouncilTextInput
    motivation: CouncilTextInput | None = None
    category: AgendaCategory | None = None
    attachments: list[str] = strawberry.field(default_factory=list)
    signature: str | None = strawberry.field(
        default=None, description="How to be named in public; null: anonymous."
    )


@strawberry.input
class ReviewAgendaItemInput:
    item_id: strawberry.ID
    decision: ReviewDecision
    reason: str | None = None
    category: AgendaCategory | None = None
    merged_into: strawberry.ID | None = None


@strawberry.input
class MarkAgendaItemDiscussedInput:
    item_id: strawberry.ID


@strawberry.input
class DecideAgendaItemInput:
    item_id: strawberry.ID
    outcome: ItemOutcome
    decision: CouncilTextInput | None = None
    motivation: CouncilTextInput | None = None


@strawberry.input(description="A room for the meeting: a given space, or a space of a site with a capacity.")
class MeetingRoomInput:
    space_id: strawberry.ID | None = None
    site_id: strawberry.ID | None = None
    min_capacity: int | None = None


@strawberry.input
class ScheduleMeetingInput:
    council_id: strawberry.ID
    starts_at: dt.datetime
    ends_at: dt.datetime
    item_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    venue: str | None = None
    room: MeetingRoomInput | None = None
    quorum: int | None = None


@strawberry.input
class RecordAttendanceInput:
    meeting_id: strawberry.ID
    present: list[strawberry.ID]


@strawberry.input
class RecordVoteInput:
    meeting_id: strawberry.ID
    item_id: strawberry.ID
    person_id: strawberry.ID
    choice: VoteChoice


@strawberry.input
class MinutesToDoInput:
    text: str
    owner: str


@strawberry.input
class PublishMinutesInput:
    meeting_id: strawberry.ID
    summary: CouncilTextInput
    todos: list[MinutesToDoInput] = strawberry.field(default_factory=list)


@strawberry.input
class RequestAdviceInput:
    council_id: strawberry.ID
    subject: AdviceSubject
    question: CouncilTextInput
    documents: list[str] = strawberry.field(default_factory=list)
    due_on: dt.date | None = None


@strawberry.input
class IssueAdviceInput:
    advice_id: strawberry.ID
    text: CouncilTextInput


@strawberry.input
class AnswerAdviceInput:
    advice_id: strawberry.ID
    response: AdviceResponse
    justification: str | None = None


@strawberry.input
class RecordAdviceFollowUpInput:
    advice_id: strawberry.ID
    status: FollowUpStatus
    text: CouncilTextInput
    on: dt.date | None = strawberry.field(default=None, description="The entry's date; null: today.")


def _body(value: Any) -> Any:
    """An input as the service's JSON body: enums by value, dates as ISO text, ids as they are."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [_body(v) for v in value]
    if hasattr(value, "__strawberry_definition__"):
        return {k: _body(v) for k, v in vars(value).items()}
    return value


def _without(value: Any, *names: str) -> dict[str, Any]:
    body: dict[str, Any] = _body(value)
    return {k: v for k, v in body.items() if k not in names}


@strawberry.type
class CouncilsQuery:
    """Councils and everything a council page shows."""

    @field(description="Councils (of one landlord): their name and size are public.")
    async def councils(self, info: Info, landlord_id: strawberry.ID | None = None) -> list[Council]:
        landlord = uuid_arg(landlord_id, "landlordId") if landlord_id else None
        return [Council.from_record(c) for c in await councils_client(info).councils(landlord)]

    @field(description="One council; NOT_FOUND when there is none with this id.")
    async def council(self, info: Info, id: strawberry.ID) -> Council:
        return Council.from_record(await councils_client(info).council(uuid_arg(id, "id")))

    @field(description="One meeting with its agenda (tenants of the landlord and more).")
    async def council_meeting(self, info: Info, id: strawberry.ID) -> Meeting:
        return Meeting.from_record(await councils_client(info).meeting(uuid_arg(id, "id")))


@strawberry.type
class CouncilsMutation:
    """The council's work: agenda, meetings, votes, minutes, advice."""

    @field(description="Create a landlord's council (landlord staff or a regional admin).")
    async def create_council(self, info: Info, input: CreateCouncilInput) -> Council:
        return Council.from_record(await councils_client(info).create_council(_body(input)))

    @field(description="Record an elected member's seat (landlord staff); 5–15 seats.")
    async def appoint_mandate(self, info: Info, input: AppointMandateInput) -> Mandate:
        body = _without(input, "council_id")
        return Mandate.from_record(
            await councils_client(info).appoint_mandate(uuid_arg(input.council_id, "councilId"), body)
        )

    @field(description="Propose an agenda item (council members and tenants of the landlord).")
    async def propose_agenda_item(self, info: Info, input: ProposeAgendaItemInput) -> AgendaItem:
        body = {k: v for k, v in _without(input, "council_id").items() if v is not None}
        record = await councils_client(info).propose_item(uuid_arg(input.council_id, "councilId"), body)
        return AgendaItem.from_record(record)

    @field(description="Accept, decline (with a reason) or merge a proposed item (members).")
    async def review_agenda_item(self, info: Info, input: ReviewAgendaItemInput) -> AgendaItem:
        item = uuid_arg(input.item_id, "itemId")
        return AgendaItem.from_record(
            await councils_client(info).item_action(item, "review", _without(input, "item_id"))
        )

    @field(description="Mark an item of a held meeting as discussed, before its outcome (members).")
    async def mark_agenda_item_discussed(self, info: Info, input: MarkAgendaItemDiscussedInput) -> AgendaItem:
        item = uuid_arg(input.item_id, "itemId")
        return AgendaItem.from_record(await councils_client(info).item_action(item, "discussion", {}))

    @field(description="Record an item's outcome in a held meeting: decided or postponed (members).")
    async def decide_agenda_item(self, info: Info, input: DecideAgendaItemInput) -> AgendaItem:
        item = uuid_arg(input.item_id, "itemId")
        return AgendaItem.from_record(
            await councils_client(info).item_action(item, "decision", _without(input, "item_id"))
        )

    @field(description="Schedule a meeting with its agenda and a venue or room request (members).")
    async def schedule_meeting(self, info: Info, input: ScheduleMeetingInput) -> Meeting:
        council = uuid_arg(input.council_id, "councilId")
        return Meeting.from_record(
            await councils_client(info).schedule_meeting(council, _without(input, "council_id"))
        )

    @field(description="Record who is present; the meeting is then held (members).")
    async def record_attendance(self, info: Info, input: RecordAttendanceInput) -> Meeting:
        meeting = uuid_arg(input.meeting_id, "meetingId")
        body = _without(input, "meeting_id")
        return Meeting.from_record(await councils_client(info).meeting_action(meeting, "attendance", body))

    @field(description="Record a present member's vote; refused without quorum or twice (members).")
    async def record_vote(self, info: Info, input: RecordVoteInput) -> VoteTally:
        tally = await councils_client(info).record_vote(
            uuid_arg(input.meeting_id, "meetingId"), _without(input, "meeting_id")
        )
        return VoteTally(
            votes_for=tally.votes_for, votes_against=tally.votes_against, abstentions=tally.abstentions
        )

    @field(description="Publish a held meeting's minutes to the landlord's tenants (members).")
    async def publish_minutes(self, info: Info, input: PublishMinutesInput) -> Meeting:
        meeting = uuid_arg(input.meeting_id, "meetingId")
        body = _without(input, "meeting_id")
        return Meeting.from_record(await councils_client(info).meeting_action(meeting, "minutes", body))

    @field(description="Request advice (landlord staff) or start own-initiative advice (members).")
    async def request_advice(self, info: Info, input: RequestAdviceInput) -> Advice:
        council = uuid_arg(input.council_id, "councilId")
        return Advice.from_record(
            await councils_client(info).request_advice(council, _without(input, "council_id"))
        )

    @field(description="Issue the council's advice to the landlord (members).")
    async def issue_advice(self, info: Info, input: IssueAdviceInput) -> Advice:
        advice = uuid_arg(input.advice_id, "adviceId")
        return Advice.from_record(
            await councils_client(info).advice_action(advice, "issue", _without(input, "advice_id"))
        )

    @field(description="Answer an advice; not or partly followed needs a justification (staff).")
    async def answer_advice(self, info: Info, input: AnswerAdviceInput) -> Advice:
        advice = uuid_arg(input.advice_id, "adviceId")
        return Advice.from_record(
            await councils_client(info).advice_action(advice, "answer", _without(input, "advice_id"))
        )

    @field(description="Record what was done with an answered advice, at least once a quarter (staff).")
    async def record_advice_follow_up(self, info: Info, input: RecordAdviceFollowUpInput) -> Advice:
        advice = uuid_arg(input.advice_id, "adviceId")
        body = {k: v for k, v in _without(input, "advice_id").items() if v is not None}
        return Advice.from_record(await councils_client(info).advice_action(advice, "follow-ups", body))
