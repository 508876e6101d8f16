"""Pure rules: quarterly follow-up of advice, the council's indicators, the discussed state."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from councils.domain import indicators
from councils.domain.advice import Advice
from councils.domain.agenda import AgendaItem, Proposer
from councils.domain.follow_ups import FollowUp, follow_up_due, quarter_of
from councils.domain.indicators import AdviceFact, ItemFact, MeetingFact
from kernel.errors import Conflict, ValidationFailed
from kernel.localisation import LocalizedText
from kernel.periods import Period

DAY = date(2025, 5, 20)  # second quarter
TEXT = LocalizedText(nl="Offerte gevraagd", fr="Devis demandé")


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


def entry(on: date, status: str = "in_progress") -> FollowUp:
    return FollowUp(uuid.uuid4(), uuid.uuid4(), on, status, TEXT)  # type: ignore[arg-type]


def answered_advice() -> Advice:
    advice = Advice(uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), "landlord", "house_rules", TEXT, (), DAY).issue(
        TEXT, at(DAY - timedelta(days=40))
    )
    return advice.answer("followed", None, at(DAY - timedelta(days=10)))


def test_quarters_are_calendar_quarters() -> None:
    assert [quarter_of(date(2025, m, 1)) for m in (1, 3, 4, 6, 7, 12)] == [
        (2025, 1), (2025, 1), (2025, 2), (2025, 2), (2025, 3), (2025, 4)
    ]  # fmt: skip


def test_an_answered_advice_needs_a_follow_up_each_quarter_until_closed() -> None:
    assert follow_up_due(True, [], DAY)
    assert not follow_up_due(False, [], DAY)  # not answered yet: nothing to follow up
    assert follow_up_due(True, [entry(date(2025, 3, 31))], DAY)  # last quarter's entry
    assert not follow_up_due(True, [entry(date(2025, 4, 1))], DAY)  # this quarter's entry
    assert not follow_up_due(True, [entry(date(2025, 2, 1), "done")], DAY)  # closed
    assert not follow_up_due(True, [entry(date(2025, 1, 5), "abandoned")], DAY)
    assert follow_up_due(True, [entry(date(2025, 1, 5), "done"), entry(date(2025, 2, 5))], DAY)


def test_recording_a_follow_up_answers_this_quarters_duty() -> None:
    advice = answered_advice()
    assert advice.follow_up_due_on(DAY)
    followed, new = advice.follow_up(None, "planned", TEXT, DAY)
    assert (new.on, new.status, followed.follow_ups) == (DAY, "planned", (new,))
    assert not followed.follow_up_due_on(DAY)
    assert followed.follow_up_due_on(date(2025, 7, 1))  # the next quarter asks again


@pytest.mark.parametrize(
    ("on", "status", "text", "field"),
    [
        (DAY + timedelta(days=1), "done", TEXT, "on"),
        (None, "finished", TEXT, "status"),
        (None, "done", LocalizedText(nl="  "), "text"),
    ],
)
def test_a_follow_up_is_dated_today_or_before_with_a_known_status_and_a_text(
    on: date | None, status: str, text: LocalizedText, field: str
) -> None:
    with pytest.raises(ValidationFailed) as error:
        answered_advice().follow_up(on, status, text, DAY)
    assert error.value.field == field


def test_only_answered_advice_is_followed_up() -> None:
    requested = Advice(uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), "landlord", "house_rules", TEXT, (), DAY)
    with pytest.raises(Conflict):
        requested.follow_up(None, "planned", TEXT, DAY)


def test_indicators_count_what_happened_in_the_period() -> None:
    start, end = date(2025, 4, 1), date(2025, 6, 30)
    before = date(2025, 3, 15)
    items = [
        ItemFact(at(date(2025, 4, 2)), at(date(2025, 4, 3)), at(date(2025, 5, 1))),
        ItemFact(at(date(2025, 4, 5)), at(date(2025, 4, 6)), None),
        ItemFact(at(date(2025, 4, 7)), None, None),
        ItemFact(at(before), at(before), None),  # outside the period
    ]
    issued = date(2025, 4, 10)
    advice = [
        AdviceFact(at(issued), issued + timedelta(days=90), at(issued + timedelta(days=10))),
        AdviceFact(at(issued), issued + timedelta(days=20), at(issued + timedelta(days=30))),  # late
        AdviceFact(at(before), date(2025, 6, 1), None),  # due in the period, never answered
        AdviceFact(at(issued), date(2025, 7, 9), None),  # not due yet
    ]
    meetings = [MeetingFact(at(date(2025, 5, 1)), 5, 4), MeetingFact(at(before), 5, 1)]
    found = indicators.compute(items, advice, meetings, Period(start, end), as_of=date(2025, 7, 1))
    assert (found.items_proposed, found.items_accepted, found.items_decided) == (3, 2, 1)
    assert (found.advice_issued, found.advice_answered) == (3, 2)
    assert found.median_response_days == 20
    assert found.answered_on_time_share == pytest.approx(1 / 3)
    assert (found.meetings_held, found.attendance_rate) == (1, 0.8)


def test_indicators_of_an_empty_period_measure_nothing() -> None:
    found = indicators.compute([], [], [], Period(DAY, DAY), as_of=DAY)
    assert (found.items_proposed, found.meetings_held) == (0, 0)
    assert (found.answered_on_time_share, found.median_response_days, found.attendance_rate) == (None,) * 3


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValidationFailed) as error:
        Period(DAY, DAY - timedelta(days=1))
    assert error.value.field == "to"


def test_an_item_is_discussed_between_scheduled_and_its_outcome() -> None:
    item = AgendaItem(
        uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), TEXT, TEXT, "other", (), Proposer("member")
    ).accept()
    with pytest.raises(Conflict):
        item.discuss()  # not on a meeting's agenda yet
    discussed = item.schedule(uuid.uuid4(), 1).discuss()
    assert discussed.state == "discussed" and discussed.is_public
    with pytest.raises(Conflict):
        discussed.discuss()
    assert discussed.decide(TEXT, TEXT).state == "decided"
    assert discussed.postpone().state == "postponed"
