"""The councils' rules without I/O: seats, the agenda item's life, quorum and votes, advice answers."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from councils.domain import advice, agenda
from councils.domain.agenda import Proposer
from councils.domain.councils import Council, appoint
from councils.domain.meetings import Attendance, Tally, booking_outcome, required_quorum, venue_status
from kernel.errors import Conflict, ValidationFailed
from kernel.localisation import LocalizedText

NOW = datetime(2025, 3, 1, 10, tzinfo=UTC)


def text(value: str) -> LocalizedText:
    return LocalizedText(nl=value)


def proposal(motivation: str = "Waarom", category: str | None = "house_rules") -> agenda.AgendaItem:
    tenant = Proposer("tenant", household_id=uuid.uuid4())
    return agenda.propose(uuid.uuid4(), uuid.uuid4(), text("Titel"), text(motivation), category, (), tenant)


@pytest.mark.parametrize("seats", [4, 16])
def test_a_council_has_five_to_fifteen_seats(seats: int) -> None:
    with pytest.raises(ValidationFailed) as error:
        Council.create(uuid.uuid4(), text("Raad"), seats)
    assert error.value.field == "seats"


def test_a_sixth_mandate_on_five_seats_is_refused() -> None:
    council = Council.create(uuid.uuid4(), text("Raad"), 5)
    start, end = date(2025, 1, 1), date(2028, 12, 31)
    sitting = [appoint(council, [], uuid.uuid4(), "member", start, end) for _ in range(5)]
    with pytest.raises(ValidationFailed) as error:
        appoint(council, sitting, uuid.uuid4(), "member", start, end)
    assert error.value.key == "councils.seats_full"


def test_an_incomplete_item_cannot_be_accepted_until_the_council_completes_it() -> None:
    item = proposal(category=None)
    with pytest.raises(ValidationFailed) as error:
        item.accept()
    assert error.value.field == "category"
    assert item.accept("service_charges").state == "accepted"
    with pytest.raises(ValidationFailed):
        proposal(motivation="").accept()


def test_a_decline_needs_a_reason_and_drafts_stay_private() -> None:
    item = proposal()
    assert not item.is_public
    with pytest.raises(ValidationFailed):
        item.decline(" ")
    declined = item.decline("Dit hoort bij het OCMW")
    assert (declined.state, declined.is_public) == ("declined", False)


def test_an_item_lives_from_accepted_to_decided_or_postponed() -> None:
    meeting = uuid.uuid4()
    scheduled = proposal().accept().schedule(meeting, 1)
    assert scheduled.decide(text("Ja"), text("Omdat")).state == "decided"
    postponed = scheduled.postpone()
    assert (postponed.state, postponed.waits_for_next_meeting) == ("postponed", True)
    assert postponed.schedule(uuid.uuid4(), 3).state == "scheduled"
    with pytest.raises(Conflict):
        proposal().schedule(meeting, 1)


def test_the_quorum_is_a_majority_of_sitting_members_unless_configured() -> None:
    assert (required_quorum(5), required_quorum(6), required_quorum(9, configured=3)) == (3, 4, 3)


def test_a_vote_needs_quorum_presence_and_happens_once() -> None:
    members = [uuid.uuid4() for _ in range(5)]
    thin = Attendance.record(members, members[:2], None)
    with pytest.raises(Conflict) as error:
        thin.check_vote(members[0], [])
    assert error.value.field == "quorum"
    enough = Attendance.record(members, members[:3], None)
    enough.check_vote(members[0], [])
    with pytest.raises(Conflict):
        enough.check_vote(members[0], [members[0]])
    with pytest.raises(ValidationFailed):
        enough.check_vote(members[4], [])
    with pytest.raises(ValidationFailed):
        Attendance.record(members, [uuid.uuid4()], None)


def test_votes_are_counted_and_abstentions_do_not_decide() -> None:
    assert Tally.count(["for", "against", "abstain", "abstain"]).adopted is False
    assert Tally.count(["for", "abstain"]).adopted is True
    assert Tally.count([]).adopted is None


def test_the_venue_follows_the_booking_unless_given_by_hand() -> None:
    assert venue_status(None, room_requested=True) == "requested"
    assert venue_status(None, room_requested=False) == "needed"
    assert booking_outcome("requested", confirmed=True) == "confirmed"
    assert booking_outcome("confirmed", confirmed=False) == "needed"
    assert booking_outcome("given", confirmed=False) == "given"


def issued() -> advice.Advice:
    requested = advice.request(
        uuid.uuid4(),
        uuid.uuid4(),
        "landlord",
        "house_rules",
        text("Vraag"),
        (),
        NOW.date() + timedelta(days=30),
        NOW.date(),
    )
    return requested.issue(text("Advies"), NOW)


@pytest.mark.parametrize("response", ["not_followed", "partly_followed"])
def test_an_advice_not_fully_followed_needs_a_written_justification(response: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        issued().answer(response, "  ", NOW)
    assert error.value.field == "justification"
    assert issued().answer(response, "Budget", NOW).response == response
    assert issued().answer("followed", None, NOW).answered_on_time is True


def test_an_unanswered_advice_is_overdue_after_its_due_date_only() -> None:
    given = issued()
    assert given.answer_due_on == NOW.date() + timedelta(days=advice.ANSWER_DAYS)
    assert not given.is_overdue_on(given.answer_due_on)
    assert given.is_overdue_on(given.answer_due_on + timedelta(days=1))
    assert not given.answer("followed", None, NOW).is_overdue_on(date(2030, 1, 1))


def test_landlords_ask_on_statutory_subjects_with_a_due_date() -> None:
    with pytest.raises(ValidationFailed) as error:
        advice.request(
            uuid.uuid4(), uuid.uuid4(), "landlord", "own_initiative", text("V"), (), None, NOW.date()
        )
    assert error.value.field == "subject"
    with pytest.raises(ValidationFailed) as error:
        advice.request(uuid.uuid4(), uuid.uuid4(), "landlord", "house_rules", text("V"), (), None, NOW.date())
    assert error.value.field == "due_on"
    own = advice.request(
        uuid.uuid4(), uuid.uuid4(), "council", "own_initiative", text("V"), (), None, NOW.date()
    )
    assert own.origin == "council"
