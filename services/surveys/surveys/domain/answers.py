"""Skip logic and answer validation: which questions an answer set may and must answer.

Questions are walked in order; a question is visible when it has no condition, or when the
question its condition names is visible and was answered with one of the listed keys.
Answering a hidden question, or leaving a visible required one, is refused naming it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kernel.errors import ValidationFailed
from surveys.domain.questions import SCALE, AnswerValue, Question, QuestionKind


@dataclass(frozen=True)
class Answer:
    """What someone answered to one question (only the field of its kind is set)."""

    question: str
    choices: tuple[str, ...] | None = None
    number: float | None = None
    text: str | None = None
    yes: bool | None = None


def invalid(question: str, key: str, detail: str) -> ValidationFailed:
    """A VALIDATION error naming the answer to ``question``."""
    return ValidationFailed(
        detail, field=f"answers.{question}", message_key=key, params={"question": question}
    )


def is_visible(
    question: Question, accepted: Mapping[str, AnswerValue], by_key: Mapping[str, Question]
) -> bool:
    """True when ``question`` is shown given the answers ``accepted`` so far (earlier questions)."""
    condition = question.show_if
    if condition is None:
        return True
    if condition.question not in accepted:
        return False  # not answered, or itself hidden
    shown_keys = by_key[condition.question].keys_of(accepted[condition.question])
    return not condition.any_of or bool(set(shown_keys) & set(condition.any_of))


def validate_answer_set(questions: Sequence[Question], given: Sequence[Answer]) -> dict[str, AnswerValue]:
    """The stored form of ``given`` answers to ``questions``; VALIDATION naming the first
    answer that breaks the skip logic or its question's rules."""
    by_key = {question.key: question for question in questions}
    answers: dict[str, Answer] = {}
    for answer in given:
        if answer.question not in by_key:
            raise invalid(answer.question, "surveys.answer_unknown_question", "no such question")
        if answer.question in answers:
            raise invalid(answer.question, "surveys.answer_duplicate", "answered twice")
        answers[answer.question] = answer
    accepted: dict[str, AnswerValue] = {}
    for question in questions:
        given_answer = answers.get(question.key)
        if not is_visible(question, accepted, by_key):
            if given_answer is not None:
                raise invalid(question.key, "surveys.answer_hidden_question", "question is not shown")
        elif given_answer is not None:
            accepted[question.key] = value_of(question, given_answer)
        elif question.required:
            raise invalid(question.key, "surveys.answer_required", "a required question is unanswered")
    return accepted


def value_of(question: Question, answer: Answer) -> AnswerValue:
    """The stored value of ``answer`` once it fits ``question``'s kind and bounds."""
    kind = question.kind
    if kind.is_choice:
        return _choices(question, answer)
    if kind is QuestionKind.YES_NO and answer.yes is not None:
        return answer.yes
    if kind is QuestionKind.SCALE and answer.number in SCALE:
        return float(answer.number or 0)
    if kind is QuestionKind.NUMBER and answer.number is not None:
        return _number(question, answer.number)
    if kind is QuestionKind.FREE_TEXT and answer.text is not None:
        return _text(question, answer.text)
    raise invalid(question.key, "surveys.answer_invalid", f"not a valid answer to a {kind} question")


def _choices(question: Question, answer: Answer) -> list[str]:
    chosen = list(answer.choices or ())
    known = {option.key for option in question.options}
    if not chosen or len(set(chosen)) != len(chosen) or not set(chosen) <= known:
        raise invalid(question.key, "surveys.answer_invalid", "unknown or repeated options")
    limit = 1 if question.kind is QuestionKind.SINGLE_CHOICE else question.max_choices
    if limit is not None and len(chosen) > limit:
        raise invalid(question.key, "surveys.answer_too_many_choices", f"at most {limit} options")
    return chosen


def _number(question: Question, number: float) -> float:
    low, high = question.min_value, question.max_value
    if (low is not None and number < low) or (high is not None and number > high):
        raise invalid(question.key, "surveys.answer_out_of_bounds", f"must lie between {low} and {high}")
    return number


def _text(question: Question, text: str) -> str:
    cleaned = text.strip()
    if not cleaned or len(cleaned) > question.max_length:
        raise invalid(question.key, "surveys.answer_text_length", f"1 to {question.max_length} characters")
    return cleaned
