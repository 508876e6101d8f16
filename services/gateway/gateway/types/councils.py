"""Councils (ARHUU/CoCoLo): agenda items, meetings with minutes, advice — as GraphQL objects."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterable
from typing import Any

import strawberry
from strawberry import relay

from gateway.clients import councils as records
from gateway.connections import PagedConnection
from gateway.context import Info
from gateway.fields import field
from gateway.loaders_councils import councils_client, overview
from gateway.loaders_people import person_names
from gateway.types.localized import LocalizedText
from kernel import localisation
from kernel.errors import Forbidden, NotFound


def _text(value: localisation.LocalizedText | None, info: Info) -> str | None:
    return value.text(info.context.language) if value is not None else None


@strawberry.type(description="A seat on a council: a person, a role and a term.")
class Mandate:
    id: strawberry.ID
    person_id: strawberry.ID
    role: str
    term_start: dt.date
    term_end: dt.date
    council_id: strawberry.Private[str]

    @field(
        description="The member's name, for the council's members and the landlord's staff only "
        "(null for everyone else); one identity call for all the mandates of a query."
    )
    async def display_name(self, info: Info) -> str | None:
        if info.context.principal is None:
            return None
        if (await overview(info, self.council_id)).viewer not in ("member", "staff"):
            return None
        return await person_names(info).load(str(self.person_id))

    @classmethod
    def from_record(cls, record: records.MandatePublic) -> Mandate:
        """The GraphQL object of a councils record."""
        return cls(
            id=strawberry.ID(record.id),
            person_id=strawberry.ID(record.person_id),
            role=record.role,
            term_start=record.term_start,
            term_end=record.term_end,
            council_id=record.council_id,
        )


@strawberry.type(description="An agenda item; who proposed it is shown only as the proposer allowed.")
class AgendaItem:
    id: strawberry.ID
    council_id: strawberry.ID
    category: str | None
    attachments: list[str]
    state: str = strawberry.field(
        description="proposed, accepted, declined, merged, scheduled, discussed, decided, postponed"
    )
    proposed_by: str = strawberry.field(description="member, tenant or system")
    proposer_signature: str | None
    proposer_household_id: strawberry.ID | None = strawberry.field(
        description="The proposing household: for the council's (and the proposer's) eyes only."
    )
    decline_reason: str | None
    merged_into: strawberry.ID | None
    meeting_id: strawberry.ID | None
    position: int | None
    waits_for_next_meeting: bool
    consultation_id: strawberry.ID | None
    record: strawberry.Private[records.ItemPublic]

    @field(description="The title in the request language.")
    def title(self, info: Info) -> str:
        return self.record.title.text(info.context.language)

    @field(description="The title in every language.")
    def localized_title(self) -> LocalizedText:
        return LocalizedText(value=self.record.title)

    @field(description="Why the item is proposed, in the request language.")
    def motivation(self, info: Info) -> str:
        return self.record.motivation.text(info.context.language)

    @field(description="The council's decision, in the request language.")
    def decision(self, info: Info) -> str | None:
        return _text(self.record.decision, info)

    @field(description="Why the council decided so, in the request language.")
    def decision_motivation(self, info: Info) -> str | None:
        return _text(self.record.decision_motivation, info)

    @classmethod
    def from_record(cls, r: records.ItemPublic) -> AgendaItem:
        """The GraphQL object of a councils record."""
        ids = {
            name: strawberry.ID(value) if value else None
            for name, value in (
                ("proposer_household_id", r.proposer_household_id),
                ("merged_into", r.merged_into),
                ("meeting_id", r.meeting_id),
                ("consultation_id", r.consultation_id),
            )
        }
        return cls(
            id=strawberry.ID(r.id),
            council_id=strawberry.ID(r.council_id),
            category=r.category,
            attachments=r.attachments,
            state=r.state,
            proposed_by=r.proposed_by,
            proposer_signature=r.proposer_signature,
            decline_reason=r.decline_reason,
            position=r.position,
            waits_for_next_meeting=r.waits_for_next_meeting,
            record=r,
            **ids,
        )


@strawberry.type(description="A decision as the minutes record it.")
class MinutesDecision:
    item_id: strawberry.ID
    outcome: str
    raw: strawberry.Private[dict[str, Any]]

    @field(description="The item's title in the request language.")
    def title(self, info: Info) -> str:
        return localisation.LocalizedText.model_validate(self.raw["title"]).text(info.context.language)

    @field(description="The decision in the request language.")
    def decision(self, info: Info) -> str | None:
        value = self.raw.get("decision")
        return _text(localisation.LocalizedText.model_validate(value) if value else None, info)

    @field(description="The motivation in the request language.")
    def motivation(self, info: Info) -> str | None:
        value = self.raw.get("motivation")
        return _text(localisation.LocalizedText.model_validate(value) if value else None, info)


@strawberry.type(description="An action agreed in a meeting and who takes it.")
class MinutesToDo:
    text: str
    owner: str


@strawberry.type(description="Published minutes: a summary, the decisions with motivation, to-dos.")
class Minutes:
    published_at: dt.datetime
    decisions: list[MinutesDecision]
    todos: list[MinutesToDo]
    summary_text: strawberry.Private[localisation.LocalizedText]

    @field(description="The summary in the request language.")
    def summary(self, info: Info) -> str:
        return self.summary_text.text(info.context.language)

    @field(description="The summary in every language.")
    def localized_summary(self) -> LocalizedText:
        return LocalizedText(value=self.summary_text)


@strawberry.type(description="A council meeting: when, where (or venue needed), attendance, minutes.")
class Meeting(relay.Node):
    id: relay.NodeID[str]
    council_id: strawberry.ID
    starts_at: dt.datetime
    ends_at: dt.datetime
    venue_status: str = strawberry.field(description="given, requested, confirmed or needed (venue needed)")
    venue: str | None
    space_id: strawberry.ID | None
    booking_id: strawberry.ID | None
    venue_reason: str | None
    held_at: dt.datetime | None
    sitting: int | None
    present: int | None
    present_ids: list[strawberry.ID] | None
    minutes: Minutes | None
    agenda: list[AgendaItem] | None

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Meeting | None]:
        """Meetings by id: councils reads them one by one (concurrently); unseen ones are null."""
        client = councils_client(info)

        async def one(meeting_id: str) -> Meeting | None:
            try:
                return cls.from_record(await client.meeting(meeting_id))
            except (NotFound, Forbidden):
                return None

        return list(await asyncio.gather(*(one(i) for i in node_ids)))

    @classmethod
    def from_record(cls, r: records.MeetingPublic) -> Meeting:
        """The GraphQL object of a councils record."""
        minutes = None
        if r.minutes and r.minutes_published_at:
            minutes = Minutes(
                published_at=r.minutes_published_at,
                decisions=[
                    MinutesDecision(item_id=strawberry.ID(d["item_id"]), outcome=d["outcome"], raw=d)
                    for d in r.minutes["decisions"]
                ],
                todos=[MinutesToDo(text=t["text"], owner=t["owner"]) for t in r.minutes["todos"]],
                summary_text=localisation.LocalizedText.model_validate(r.minutes["summary"]),
            )
        return cls(
            id=strawberry.ID(r.id),
            council_id=strawberry.ID(r.council_id),
            starts_at=r.starts_at,
            ends_at=r.ends_at,
            venue_status=r.venue_status,
            venue=r.venue,
            space_id=strawberry.ID(r.space_id) if r.space_id else None,
            booking_id=strawberry.ID(r.booking_id) if r.booking_id else None,
            venue_reason=r.venue_reason,
            held_at=r.held_at,
            sitting=r.sitting,
            present=r.present,
            present_ids=[strawberry.ID(p) for p in r.present_ids] if r.present_ids is not None else None,
            minutes=minutes,
            agenda=[AgendaItem.from_record(i) for i in r.agenda] if r.agenda is not None else None,
        )


@strawberry.type(description="What the landlord did with an advice: a dated entry with a status.")
class AdviceFollowUp:
    id: strawberry.ID
    on: dt.date
    status: str = strawberry.field(description="planned, in_progress, done or abandoned")
    localized: strawberry.Private[localisation.LocalizedText]

    @field(description="What was done, in the request language.")
    def text(self, info: Info) -> str:
        return self.localized.text(info.context.language)

    @field(description="What was done, in every language.")
    def localized_text(self) -> LocalizedText:
        return LocalizedText(value=self.localized)

    @classmethod
    def from_record(cls, r: records.FollowUpPublic) -> AdviceFollowUp:
        """The GraphQL object of a councils record."""
        return cls(id=strawberry.ID(r.id), on=r.on, status=r.status, localized=r.text)


@strawberry.type(description="An advice of the council to its landlord, with its status and due dates.")
class Advice:
    id: strawberry.ID
    council_id: strawberry.ID
    origin: str = strawberry.field(description="landlord (requested) or council (own initiative)")
    subject: str
    documents: list[str]
    due_on: dt.date | None
    state: str = strawberry.field(description="requested, issued or answered")
    issued_at: dt.datetime | None
    answer_due_on: dt.date | None
    response: str | None
    justification: str | None
    answered_at: dt.datetime | None
    answered_on_time: bool | None
    overdue: bool
    follow_ups: list[AdviceFollowUp] = strawberry.field(
        description="What the landlord did with the advice, oldest first."
    )
    follow_up_due: bool = strawberry.field(
        description="Answered, not closed (done/abandoned), and no follow-up yet this quarter."
    )
    record: strawberry.Private[records.AdvicePublic]

    @field(description="The question asked, in the request language.")
    def question(self, info: Info) -> str:
        return self.record.question.text(info.context.language)

    @field(description="The advice given, in the request language.")
    def text(self, info: Info) -> str | None:
        return _text(self.record.text, info)

    @classmethod
    def from_record(cls, r: records.AdvicePublic) -> Advice:
        """The GraphQL object of a councils record."""
        return cls(
            id=strawberry.ID(r.id),
            council_id=strawberry.ID(r.council_id),
            origin=r.origin,
            subject=r.subject,
            documents=r.documents,
            due_on=r.due_on,
            state=r.state,
            issued_at=r.issued_at,
            answer_due_on=r.answer_due_on,
            response=r.response,
            justification=r.justification,
            answered_at=r.answered_at,
            answered_on_time=r.answered_on_time,
            overdue=r.overdue,
            follow_ups=[AdviceFollowUp.from_record(f) for f in r.follow_ups],
            follow_up_due=r.follow_up_due,
            record=r,
        )


@strawberry.type(description="The votes counted so far on an item.")
class VoteTally:
    votes_for: int
    votes_against: int
    abstentions: int


@strawberry.type(description="Agenda items, a page at a time.")
class AgendaItemConnection(PagedConnection[AgendaItem]):
    """Formerly ``AgendaItemPage``."""


@strawberry.type(description="Meetings, a page at a time.")
class MeetingConnection(PagedConnection[Meeting]):
    """Formerly ``MeetingPage``."""


@strawberry.type(description="Advice, a page at a time.")
class AdviceConnection(PagedConnection[Advice]):
    """Formerly ``AdvicePage``."""


OPEN_STATES = ("proposed", "accepted", "scheduled", "discussed", "postponed")


@strawberry.type(description="A tenant advisory council (ARHUU/CoCoLo) of one landlord.")
class Council(relay.Node):
    id: relay.NodeID[str]
    landlord_id: strawberry.ID
    seats: int
    quorum: int | None = strawberry.field(
        description="Members needed to vote; null: a majority of those sitting."
    )
    localized: strawberry.Private[localisation.LocalizedText]

    @field(description="The name in the request language.")
    def name(self, info: Info) -> str:
        return self.localized.text(info.context.language)

    @field(description="The name in every language.")
    def localized_name(self) -> LocalizedText:
        return LocalizedText(value=self.localized)

    @field(description="How the caller sees the council: tenant, member or staff.")
    async def viewer(self, info: Info) -> str:
        return (await overview(info, self.id)).viewer

    @field(description="The next meeting not yet held.")
    async def upcoming_meeting(self, info: Info) -> Meeting | None:
        found = (await overview(info, self.id)).upcoming_meeting
        return Meeting.from_record(found) if found else None

    @field(description="Issued advice the landlord has not answered by its due date.")
    async def overdue_advice(self, info: Info) -> list[Advice]:
        return [Advice.from_record(a) for a in (await overview(info, self.id)).overdue_advice]

    @field(description="Answered advice whose quarterly follow-up the landlord has not recorded yet.")
    async def follow_up_due_advice(self, info: Info) -> list[Advice]:
        return [Advice.from_record(a) for a in (await overview(info, self.id)).follow_up_due_advice]

    @field(description="Who sits on the council.")
    async def mandates(self, info: Info) -> list[Mandate]:
        return [Mandate.from_record(m) for m in await councils_client(info).mandates(self.id)]

    @field(description="Agenda items the caller may see (optionally in some states), oldest first.")
    async def items(
        self, info: Info, first: int = 20, after: str | None = None, states: list[str] | None = None
    ) -> AgendaItemConnection:
        return await self._items(info, first, after, tuple(states or ()))

    @field(description="Items still open: proposed, accepted, scheduled, discussed or postponed.")
    async def open_items(self, info: Info, first: int = 20, after: str | None = None) -> AgendaItemConnection:
        return await self._items(info, first, after, OPEN_STATES)

    async def _items(
        self, info: Info, first: int, after: str | None, states: tuple[str, ...]
    ) -> AgendaItemConnection:
        async def fetch(size: int, cursor: str | None) -> tuple[list[AgendaItem], str | None]:
            page = await councils_client(info).items(self.id, size, cursor, states)
            return [AgendaItem.from_record(i) for i in page.items], page.next_cursor

        connection: AgendaItemConnection = await AgendaItemConnection.fetch(fetch, first, after)
        return connection

    @field(description="Meetings in the order they were scheduled.")
    async def meetings(self, info: Info, first: int = 20, after: str | None = None) -> MeetingConnection:
        async def fetch(size: int, cursor: str | None) -> tuple[list[Meeting], str | None]:
            page = await councils_client(info).meetings(self.id, size, cursor)
            return [Meeting.from_record(m) for m in page.items], page.next_cursor

        connection: MeetingConnection = await MeetingConnection.fetch(fetch, first, after)
        return connection

    @field(description="Advice with status and due dates (tenants see it once issued).")
    async def advice(self, info: Info, first: int = 20, after: str | None = None) -> AdviceConnection:
        async def fetch(size: int, cursor: str | None) -> tuple[list[Advice], str | None]:
            page = await councils_client(info).advice(self.id, size, cursor)
            return [Advice.from_record(a) for a in page.items], page.next_cursor

        connection: AdviceConnection = await AdviceConnection.fetch(fetch, first, after)
        return connection

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Council | None]:
        """Councils by id, in one call: their list is public and short (one per landlord)."""
        found = {c.id: c for c in await councils_client(info).councils(None)}
        return [cls.from_record(found[i]) if i in found else None for i in node_ids]

    @classmethod
    def from_record(cls, r: records.CouncilPublic) -> Council:
        """The GraphQL object of a councils record."""
        return cls(
            id=strawberry.ID(r.id),
            landlord_id=strawberry.ID(r.landlord_id),
            seats=r.seats,
            quorum=r.quorum,
            localized=r.name,
        )


@strawberry.type(description="A landlord's council over a period: agenda, advice and meetings.")
class CouncilIndicators:
    council_id: strawberry.ID | None = strawberry.field(description="Null: the landlord has no council.")
    items_proposed: int
    items_accepted: int
    items_decided: int
    advice_issued: int
    advice_answered: int
    answered_on_time_share: float | None = strawberry.field(
        description="Of the answers given or due in the period, the share given by the due date."
    )
    median_response_days: float | None = strawberry.field(
        description="Median days from issued advice to the landlord's answer (answers in the period)."
    )
    meetings_held: int
    attendance_rate: float | None = strawberry.field(
        description="Members present over members sitting, across the meetings held."
    )

    @classmethod
    def from_record(cls, r: records.IndicatorsPublic) -> CouncilIndicators:
        """The GraphQL object of a councils record."""
        return cls(
            council_id=strawberry.ID(r.council_id) if r.council_id else None,
            items_proposed=r.items_proposed,
            items_accepted=r.items_accepted,
            items_decided=r.items_decided,
            advice_issued=r.advice_issued,
            advice_answered=r.advice_answered,
            answered_on_time_share=r.answered_on_time_share,
            median_response_days=r.median_response_days,
            meetings_held=r.meetings_held,
            attendance_rate=r.attendance_rate,
        )
