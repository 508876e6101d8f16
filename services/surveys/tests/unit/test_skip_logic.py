"""Skip logic and answer validation (pure domain)."""

from __future__ import annotations

import pytest

from kernel.errors import ValidationFailed
from kernel.localisation import LocalizedText
from surveys.domain.answers import Answer, validate_answer_set
from surveys.domain.questions import Condition, Option, Question, QuestionKind

T = LocalizedText(nl="x", fr="x")
PETS = Question("pets", QuestionKind.YES_NO, T, required=True)
WHICH = Question(
    "which",
    QuestionKind.MULTIPLE_CHOICE,
    T,
    required=True,
    max_choices=2,
    options=(Option("dog", T), Option("cat", T), Option("bird", T)),
    show_if=Condition("pets", ("yes",)),
)
DOG = Question(
    "dog_walks", QuestionKind.NUMBER, T, min_value=0, max_value=10, show_if=Condition("which", ("dog",))
)
MOOD = Question("mood", QuestionKind.SCALE, T)
QUESTIONS = (PETS, WHICH, DOG, MOOD)


def _refused(*answers: Answer) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as refused:
        validate_answer_set(QUESTIONS, answers)
    return refused.value


def test_a_complete_answer_set_is_stored_in_its_canonical_form() -> None:
    stored = validate_answer_set(
        QUESTIONS,
        [
            Answer("pets", yes=True),
            Answer("which", choices=("dog",)),
            Answer("dog_walks", number=3),
            Answer("mood", number=5),
        ],
    )
    assert stored == {"pets": True, "which": ["dog"], "dog_walks": 3, "mood": 5.0}


def test_answering_a_hidden_question_is_refused_naming_it() -> None:
    error = _refused(Answer("pets", yes=False), Answer("which", choices=("cat",)))
    assert (error.field, error.key) == ("answers.which", "surveys.answer_hidden_question")


def test_a_question_hidden_behind_a_hidden_question_is_hidden_too() -> None:
    error = _refused(Answer("pets", yes=False), Answer("dog_walks", number=2))
    assert error.field == "answers.dog_walks"


def test_a_visible_required_question_must_be_answered() -> None:
    error = _refused(Answer("pets", yes=True))
    assert (error.field, error.key) == ("answers.which", "surveys.answer_required")


def test_a_hidden_required_question_may_stay_unanswered() -> None:
    assert validate_answer_set(QUESTIONS, [Answer("pets", yes=False)]) == {"pets": False}


@pytest.mark.parametrize(
    ("answer", "key"),
    [
        (Answer("which", choices=("dog", "cat", "bird")), "surveys.answer_too_many_choices"),
        (Answer("which", choices=("fish",)), "surveys.answer_invalid"),
        (Answer("which", number=1), "surveys.answer_invalid"),
    ],
)
def test_choices_must_be_known_and_within_the_maximum(answer: Answer, key: str) -> None:
    assert _refused(Answer("pets", yes=True), answer).key == key


def test_numbers_respect_their_bounds_and_scales_their_five_faces() -> None:
    pets = (Answer("pets", yes=True), Answer("which", choices=("dog",)))
    assert _refused(*pets, Answer("dog_walks", number=11)).key == "surveys.answer_out_of_bounds"
    assert _refused(Answer("pets", yes=False), Answer("mood", number=6)).field == "answers.mood"


def test_unknown_or_repeated_questions_are_refused() -> None:
    assert _refused(Answer("pets", yes=True), Answer("pets", yes=False)).key == "surveys.answer_duplicate"
    assert _refused(Answer("nope", yes=True)).field == "answers.nope"


def test_free_text_is_trimmed_and_limited() -> None:
    note = Question("note", QuestionKind.FREE_TEXT, T, max_length=5)
    assert validate_answer_set([note], [Answer("note", text="  hi ")]) == {"note": "hi"}
    with pytest.raises(ValidationFailed):
        validate_answer_set([note], [Answer("note", text="too long")])
