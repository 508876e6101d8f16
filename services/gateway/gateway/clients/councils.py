"""The councils service's REST API, as the gateway reads and writes it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, TypeAdapter

from gateway.clients.base import ServiceClient
from kernel.localisation import LocalizedText


class _Public(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class CouncilPublic(_Public):
    """A council's public header."""

    id: str
    landlord_id: str
    name: LocalizedText
    seats: int
    quorum: int | None


class MandatePublic(_Public):
    """A seat on a council."""

    id: str
    council_id: str
    person_id: str
    role: str
    term_start: date
    term_end: date


class ItemPublic(_Public):
    """An agenda item as the caller may see it."""

    id: str
    council_id: str
    title: LocalizedText
    motivation: LocalizedText
    category: str | None
    attachments: list[str]
    state: str
    proposed_by: str
    proposer_signature: str | None
    proposer_household_id: str | None
    decline_reason: str | None
    merged_into: str | None
    meeting_id: str | None
    position: int | None
    waits_for_next_meeting: bool
    decision: LocalizedText | None
    decision_motivation: LocalizedText | None
    consultation_id: str | None


class MeetingPublic(_Public):
    """A meeting as the caller may see it."""

    id: str
    council_id: str
    starts_at: datetime
    ends_at: datetime
    venue_status: str
    venue: str | None
    space_id: str | None
    booking_id: str | None
    venue_reason: str | None
    held_at: datetime | None
    sitting: int | None
    present: int | None
    present_ids: list[str] | None = None
    minutes: dict[str, Any] | None
    minutes_published_at: datetime | None
    agenda: list[ItemPublic] | None = None


class FollowUpPublic(_Public):
    """A dated entry of what the landlord did with an advice."""

    id: str
    on: date
    status: str
    text: LocalizedText


class AdvicePublic(_Public):
    """An advice with its status, due dates and quarterly follow-up."""

    id: str
    council_id: str
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
    follow_ups: list[FollowUpPublic] = []
    follow_up_due: bool = False


class TallyPublic(_Public):
    """The votes counted so far on an item."""

    votes_for: int
    votes_against: int
    abstentions: int


class OverviewPublic(_Public):
    """What a council page shows first."""

    viewer: str
    upcoming_meeting: MeetingPublic | None
    overdue_advice: list[AdvicePublic]
    follow_up_due_advice: list[AdvicePublic] = []


class IndicatorsPublic(_Public):
    """A landlord's council indicators over a period."""

    council_id: str | None
    items_proposed: int
    items_accepted: int
    items_decided: int
    advice_issued: int
    advice_answered: int
    answered_on_time_share: float | None
    median_response_days: float | None
    meetings_held: int
    attendance_rate: float | None


class ItemPage(_Public):
    items: list[ItemPublic]
    next_cursor: str | None


class MeetingPage(_Public):
    items: list[MeetingPublic]
    next_cursor: str | None


class AdvicePage(_Public):
    items: list[AdvicePublic]
    next_cursor: str | None


_councils = TypeAdapter(list[CouncilPublic])
_mandates = TypeAdapter(list[MandatePublic])


def _page(first: int, after: str | None, **extra: Iterable[str]) -> list[tuple[str, str]]:
    params = [("first", str(first))] + ([("after", after)] if after else [])
    return params + [(name, value) for name, values in extra.items() for value in values]


class CouncilsClient(ServiceClient):
    """Councils, their agenda, meetings and advice, read and changed on the caller's behalf."""

    async def councils(self, landlord_id: str | None) -> list[CouncilPublic]:
        """Councils (of one landlord)."""
        params = [("landlord_id", landlord_id)] if landlord_id else []
        return _councils.validate_python(await self.get_public_json("/councils", params))

    async def council(self, council_id: str) -> CouncilPublic:
        """One council's header."""
        return CouncilPublic.model_validate(await self.get_public_json(f"/councils/{council_id}"))

    async def overview(self, council_id: str) -> OverviewPublic:
        """The caller's view, the next meeting and the overdue advice."""
        return OverviewPublic.model_validate(await self.get_json(f"/councils/{council_id}/overview"))

    async def mandates(self, council_id: str) -> list[MandatePublic]:
        """Who sits on the council."""
        return _mandates.validate_python(await self.get_json(f"/councils/{council_id}/mandates"))

    async def items(
        self, council_id: str, first: int, after: str | None, states: Iterable[str] = ()
    ) -> ItemPage:
        """A page of agenda items."""
        params = _page(first, after, state=states)
        return ItemPage.model_validate(await self.get_json(f"/councils/{council_id}/items", params))

    async def meetings(self, council_id: str, first: int, after: str | None) -> MeetingPage:
        """A page of meetings."""
        params = _page(first, after)
        return MeetingPage.model_validate(await self.get_json(f"/councils/{council_id}/meetings", params))

    async def advice(self, council_id: str, first: int, after: str | None) -> AdvicePage:
        """A page of advice."""
        params = _page(first, after)
        return AdvicePage.model_validate(await self.get_json(f"/councils/{council_id}/advice", params))

    async def meeting(self, meeting_id: str) -> MeetingPublic:
        """One meeting with its agenda."""
        return MeetingPublic.model_validate(await self.get_json(f"/meetings/{meeting_id}"))

    async def create_council(self, body: dict[str, Any]) -> CouncilPublic:
        """Create a landlord's council."""
        return CouncilPublic.model_validate(await self.post_json("/councils", body))

    async def appoint_mandate(self, council_id: str, body: dict[str, Any]) -> MandatePublic:
        """Record a member's seat."""
        return MandatePublic.model_validate(await self.post_json(f"/councils/{council_id}/mandates", body))

    async def propose_item(self, council_id: str, body: dict[str, Any]) -> ItemPublic:
        """Propose an agenda item."""
        return ItemPublic.model_validate(await self.post_json(f"/councils/{council_id}/items", body))

    async def item_action(self, item_id: str, action: str, body: dict[str, Any]) -> ItemPublic:
        """Review (``review``), mark discussed (``discussion``) or decide (``decision``) an item."""
        return ItemPublic.model_validate(await self.post_json(f"/items/{item_id}/{action}", body))

    async def schedule_meeting(self, council_id: str, body: dict[str, Any]) -> MeetingPublic:
        """Schedule a meeting."""
        return MeetingPublic.model_validate(await self.post_json(f"/councils/{council_id}/meetings", body))

    async def meeting_action(self, meeting_id: str, action: str, body: dict[str, Any]) -> MeetingPublic:
        """Record attendance (``attendance``) or publish minutes (``minutes``)."""
        return MeetingPublic.model_validate(await self.post_json(f"/meetings/{meeting_id}/{action}", body))

    async def record_vote(self, meeting_id: str, body: dict[str, Any]) -> TallyPublic:
        """Record one member's vote."""
        return TallyPublic.model_validate(await self.post_json(f"/meetings/{meeting_id}/votes", body))

    async def request_advice(self, council_id: str, body: dict[str, Any]) -> AdvicePublic:
        """Request (or start) an advice."""
        return AdvicePublic.model_validate(await self.post_json(f"/councils/{council_id}/advice", body))

    async def advice_action(self, advice_id: str, action: str, body: dict[str, Any]) -> AdvicePublic:
        """Issue (``issue``), answer (``answer``) or follow up (``follow-ups``) an advice."""
        return AdvicePublic.model_validate(await self.post_json(f"/advice/{advice_id}/{action}", body))
