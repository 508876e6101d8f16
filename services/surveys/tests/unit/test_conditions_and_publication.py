"""Display conditions and the publication rules (pure domain)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from kernel.errors import Conflict, ValidationFailed
from kernel.localisation import LocalizedText
from surveys.domain.conditions import check_conditions
from surveys.domain.consultation import Audience, Consultation, Phase
from surveys.domain.publication import check_publishable
from surveys.domain.questions import Condition, Question, QuestionKind

T = LocalizedText(nl="x", fr="x")
NOW = datetime(2025, 3, 1, 12, tzinfo=UTC)


def q(key: str, depends_on: str | None = None) -> Question:
    return Question(key, QuestionKind.YES_NO, T, show_if=Condition(depends_on) if depends_on else None)


def test_a_cycle_is_named_at_its_first_question() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_conditions([q("a", "c"), q("b", "a"), q("c", "b")])
    assert (refused.value.field, refused.value.key) == ("questions.a.show_if", "surveys.condition_cycle")


def test_a_question_depending_on_itself_is_a_cycle() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_conditions([q("a", "a")])
    assert refused.value.key == "surveys.condition_cycle"


def test_a_forward_reference_is_refused() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_conditions([q("a", "b"), q("b")])
    assert (refused.value.field, refused.value.key) == ("questions.a.show_if", "surveys.condition_forward")


def test_unknown_targets_and_answers_are_refused() -> None:
    with pytest.raises(ValidationFailed, match="no question"):
        check_conditions([q("a", "zz")])
    bad_answer = replace(q("b"), show_if=Condition("a", ("maybe",)))
    with pytest.raises(ValidationFailed) as refused:
        check_conditions([q("a"), bad_answer])
    assert refused.value.key == "surveys.condition_unknown_answer"


def consultation(**changes: object) -> Consultation:
    base = Consultation(
        id=uuid.uuid4(),
        audience=Audience(uuid.uuid4()),
        title=T,
        description=T,
        owner_id="owner",
        opens_at=NOW,
        closes_at=NOW + timedelta(days=7),
        follow_up_due=date(2025, 4, 1),
        questions=(q("a"),),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_the_follow_up_comes_after_closing() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_publishable(consultation(follow_up_due=date(2025, 3, 2)), NOW)
    assert refused.value.key == "surveys.follow_up_before_close"


def test_phases_follow_the_clock_and_the_status() -> None:
    published = consultation(opens_at=NOW + timedelta(days=1)).published(NOW)
    assert published.phase(NOW) is Phase.SCHEDULED
    assert published.phase(NOW + timedelta(days=2)) is Phase.OPEN
    assert published.phase(NOW + timedelta(days=9)) is Phase.CLOSED
    assert published.closed(NOW).phase(NOW) is Phase.CLOSED
    with pytest.raises(Conflict):
        published.require_open(NOW)


def test_live_results_show_while_open_only_when_allowed() -> None:
    open_now = consultation().published(NOW)
    assert not open_now.results_visible(NOW)
    assert replace(open_now, live_results=True).results_visible(NOW)
    assert open_now.closed(NOW).results_visible(NOW)
