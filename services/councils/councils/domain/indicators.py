"""Indicators of a council over a period, computed from the stored facts (pure, no I/O).

- items proposed / accepted / decided: by the day each happened;
- advice issued: by the day the council issued it;
- share answered on time: of the advice whose answer came in the period or fell due in it
  (and is past due by ``as_of``), the share answered by its due date;
- median landlord response days: from issue to answer, over the advice answered in the period;
- meetings held and attendance rate (present / sitting): meetings held that took place in it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from statistics import median

from kernel.periods import Period


@dataclass(frozen=True)
class ItemFact:
    """When an agenda item was proposed, accepted and decided."""

    proposed_at: datetime
    accepted_at: datetime | None
    decided_at: datetime | None


@dataclass(frozen=True)
class AdviceFact:
    """When an advice was issued, when its answer was due and when it came."""

    issued_at: datetime | None
    answer_due_on: date | None
    answered_at: datetime | None


@dataclass(frozen=True)
class MeetingFact:
    """A held meeting: when it took place, how many sat on the council and were present."""

    starts_at: datetime
    sitting: int
    present: int


@dataclass(frozen=True)
class CouncilIndicators:
    """What the region follows of a council over a period (None: nothing to measure)."""

    items_proposed: int
    items_accepted: int
    items_decided: int
    advice_issued: int
    advice_answered: int
    answered_on_time_share: float | None
    median_response_days: float | None
    meetings_held: int
    attendance_rate: float | None


def _on_time_share(advice: list[AdviceFact], period: Period, as_of: date) -> float | None:
    answered = [a for a in advice if period.holds(a.answered_at)]
    late_unanswered = [
        a
        for a in advice
        if a.answered_at is None
        and period.holds(a.answer_due_on)
        and a.answer_due_on is not None
        and a.answer_due_on < as_of
    ]
    counted = len(answered) + len(late_unanswered)
    if counted == 0:
        return None
    on_time = [
        a for a in answered if a.answered_at and a.answer_due_on and a.answered_at.date() <= a.answer_due_on
    ]
    return len(on_time) / counted


def _response_days(advice: list[AdviceFact], period: Period) -> float | None:
    days = [
        (a.answered_at.date() - a.issued_at.date()).days
        for a in advice
        if a.issued_at is not None and a.answered_at is not None and period.holds(a.answered_at)
    ]
    return float(median(days)) if days else None


def _attendance(meetings: list[MeetingFact]) -> float | None:
    sitting = sum(m.sitting for m in meetings)
    return sum(m.present for m in meetings) / sitting if sitting else None


def compute(
    items: Iterable[ItemFact],
    advice: Iterable[AdviceFact],
    meetings: Iterable[MeetingFact],
    period: Period,
    as_of: date,
) -> CouncilIndicators:
    """The council's indicators over ``period``, as known on ``as_of``."""
    item_list, advice_list = list(items), list(advice)
    held = [m for m in meetings if period.holds(m.starts_at)]
    return CouncilIndicators(
        items_proposed=sum(period.holds(i.proposed_at) for i in item_list),
        items_accepted=sum(period.holds(i.accepted_at) for i in item_list),
        items_decided=sum(period.holds(i.decided_at) for i in item_list),
        advice_issued=sum(period.holds(a.issued_at) for a in advice_list),
        advice_answered=sum(period.holds(a.answered_at) for a in advice_list),
        answered_on_time_share=_on_time_share(advice_list, period, as_of),
        median_response_days=_response_days(advice_list, period),
        meetings_held=len(held),
        attendance_rate=_attendance(held),
    )
