"""Where a person is in a questionnaire: the next question to show and the step counter."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from portal.domain.questionnaire import Answer, Question, is_shown, visible_answers


@dataclass(frozen=True)
class Step:
    """Question ``number`` of (at most) ``total`` shown."""

    number: int
    total: int


def shown_questions(questions: Sequence[Question], answers: Mapping[str, Answer], upto: str) -> list[str]:
    """Keys of the questions shown, in order. Past ``upto`` a question whose condition is not
    answered yet counts as shown, so the total can only shrink as answers come."""
    kept = visible_answers(questions, answers)
    by_key = {question.key: question for question in questions}
    keys: list[str] = []
    past = False
    for question in questions:
        condition = question.show_if
        if condition is None or condition.question in kept:
            shown = is_shown(question, kept, by_key)
        else:
            shown = past and condition.question in keys
        if shown:
            keys.append(question.key)
        past = past or question.key == upto
    return keys


def next_question(
    questions: Sequence[Question], answers: Mapping[str, Answer], after: str | None
) -> str | None:
    """The first question shown after ``after`` (from the start when ``None``); ``None``: done."""
    kept = visible_answers(questions, answers)
    by_key = {question.key: question for question in questions}
    passed = after is None
    for question in questions:
        if passed and is_shown(question, kept, by_key):
            return question.key
        passed = passed or question.key == after
    return None


def previous_question(
    questions: Sequence[Question], answers: Mapping[str, Answer], before: str
) -> str | None:
    """The question shown just before ``before``; ``None`` on the first one."""
    kept = visible_answers(questions, answers)
    by_key = {question.key: question for question in questions}
    previous = None
    for question in questions:
        if question.key == before:
            return previous
        if is_shown(question, kept, by_key):
            previous = question.key
    return previous


def step_of(questions: Sequence[Question], answers: Mapping[str, Answer], key: str) -> Step:
    """The step counter of question ``key``."""
    keys = shown_questions(questions, answers, key)
    number = keys.index(key) + 1 if key in keys else len(keys)
    return Step(number=number, total=len(keys))


def resume_at(questions: Sequence[Question], answers: Mapping[str, Answer]) -> str | None:
    """The first shown question not answered or skipped yet; ``None``: ready to send."""
    kept = visible_answers(questions, answers)
    by_key = {question.key: question for question in questions}
    for question in questions:
        if question.key not in kept and is_shown(question, kept, by_key):
            return question.key
    return None
