"""Skip logic, progress and answers from forms: the questionnaire as a tenant walks it."""

from __future__ import annotations

import pytest

from portal.domain.answers import InvalidAnswer, parse_answer
from portal.domain.progress import next_question, previous_question, resume_at, step_of
from portal.domain.questionnaire import Condition, Question, answers_to_send, missing_required

GARDEN = [
    Question("garden", "YES_NO", required=True),
    Question("garden_score", "SCALE", show_if=Condition("garden", ("yes",))),
    Question("wishes", "MULTIPLE_CHOICE", options=("bench", "light"), max_choices=2),
    Question("why_bench", "FREE_TEXT", show_if=Condition("wishes", ("bench",))),
]


def test_answering_no_skips_the_garden_question_and_the_counter_shrinks() -> None:
    answers = {"garden": {"yes": False}}
    assert next_question(GARDEN, answers, after="garden") == "wishes"
    assert step_of(GARDEN, answers, "wishes").number == 2
    assert step_of(GARDEN, answers, "wishes").total == 3
    assert previous_question(GARDEN, answers, "wishes") == "garden"


def test_before_the_answer_every_follow_up_counts_as_possible() -> None:
    assert step_of(GARDEN, {}, "garden").total == 4


def test_answering_yes_shows_the_faces_question_next() -> None:
    assert next_question(GARDEN, {"garden": {"yes": True}}, after="garden") == "garden_score"


def test_a_skipped_question_hides_what_depends_on_it_and_is_not_sent() -> None:
    answers = {"garden": {"yes": True}, "garden_score": {}, "wishes": {}}
    assert resume_at(GARDEN, answers) is None
    assert answers_to_send(GARDEN, answers) == [{"question": "garden", "yes": True}]


def test_a_changed_answer_drops_the_answers_it_now_hides() -> None:
    answers = {"garden": {"yes": False}, "garden_score": {"number": 4}, "wishes": {"choices": ["light"]}}
    sent = answers_to_send(GARDEN, answers)
    assert [a["question"] for a in sent] == ["garden", "wishes"]


def test_the_required_question_must_be_answered_before_sending() -> None:
    assert missing_required(GARDEN, {"wishes": {"choices": ["bench"]}}) == "garden"
    assert resume_at(GARDEN, {}) == "garden"


@pytest.mark.parametrize(
    ("question", "values", "answer"),
    [
        (GARDEN[0], ["no"], {"yes": False}),
        (GARDEN[1], ["4"], {"number": 4}),
        (GARDEN[2], ["bench", "light"], {"choices": ["bench", "light"]}),
        (Question("age", "NUMBER", min_value=0, max_value=120), ["42,5"], {"number": 42.5}),
        (GARDEN[3], ["  Pour lire dehors  "], {"text": "Pour lire dehors"}),
    ],
)
def test_a_form_becomes_the_gateways_answer(question: Question, values: list[str], answer: dict) -> None:
    assert parse_answer(question, values) == answer


@pytest.mark.parametrize(
    ("question", "values", "reason"),
    [
        (GARDEN[0], [], "portal.answer.missing"),
        (GARDEN[1], ["6"], "portal.answer.invalid"),
        (GARDEN[2], ["pool"], "portal.answer.invalid"),
        (Question("one", "SINGLE_CHOICE", options=("a", "b")), ["a", "b"], "portal.answer.too_many"),
        (Question("age", "NUMBER", max_value=120), ["nan"], "portal.answer.not_a_number"),
        (Question("age", "NUMBER", max_value=120), ["121"], "portal.answer.out_of_bounds"),
        (Question("note", "FREE_TEXT", max_length=5), ["too long"], "portal.answer.too_long"),
    ],
)
def test_an_unusable_form_is_refused_with_a_plain_reason(
    question: Question, values: list[str], reason: str
) -> None:
    with pytest.raises(InvalidAnswer) as refused:
        parse_answer(question, values)
    assert refused.value.key == reason
