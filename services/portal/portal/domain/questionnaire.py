"""One question per screen: which question comes next, how far along the person is, and which
kept answers are sent. The visibility rule is the surveys service's (it checks it again when the
answers arrive): a question is shown when it has no condition, or when the question its condition
names is shown and was answered with one of the listed keys (any answer when none are listed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Answer = dict[str, Any]
"""A kept answer in the gateway's ``AnswerInput`` shape without ``question``:
``{"choices": [...]}``, ``{"number": 3}``, ``{"yes": true}`` or ``{"text": "..."}``; ``{}`` when
the person skipped the question."""


@dataclass(frozen=True)
class Condition:
    """Show only when ``question`` got one of ``any_of``."""

    question: str
    any_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    """What the portal needs of a question to walk the questionnaire."""

    key: str
    kind: str
    required: bool = False
    show_if: Condition | None = None
    options: tuple[str, ...] = ()
    max_choices: int | None = None
    min_value: float | None = None
    max_value: float | None = None
    max_length: int = 1000


def answer_keys(kind: str, answer: Answer) -> tuple[str, ...]:
    """The keys an answer counts for: option keys, ``yes``/``no``, or a scale point ``1``…``5``."""
    if answer.get("choices") is not None:
        return tuple(answer["choices"])
    if answer.get("yes") is not None:
        return ("yes" if answer["yes"] else "no",)
    if kind == "SCALE" and answer.get("number") is not None:
        return (str(int(answer["number"])),)
    return ()


def visible_answers(questions: Sequence[Question], answers: Mapping[str, Answer]) -> dict[str, Answer]:
    """The kept answers to questions still shown (a changed answer may hide later ones)."""
    by_key = {question.key: question for question in questions}
    shown: dict[str, Answer] = {}
    for question in questions:
        if question.key in answers and is_shown(question, shown, by_key):
            shown[question.key] = answers[question.key]
    return shown


def is_shown(question: Question, shown: Mapping[str, Answer], by_key: Mapping[str, Question]) -> bool:
    """True when ``question`` is shown given the answers ``shown`` to earlier shown questions."""
    condition = question.show_if
    if condition is None:
        return True
    if not shown.get(condition.question):
        return False  # not answered, skipped, or itself hidden
    keys = answer_keys(by_key[condition.question].kind, shown[condition.question])
    return not condition.any_of or bool(set(keys) & set(condition.any_of))


def answers_to_send(questions: Sequence[Question], answers: Mapping[str, Answer]) -> list[Answer]:
    """The gateway's ``AnswerInput`` list: kept answers of shown questions, skipped ones left out."""
    kept = visible_answers(questions, answers)
    return [{"question": key, **answer} for key, answer in kept.items() if answer]


def missing_required(questions: Sequence[Question], answers: Mapping[str, Answer]) -> str | None:
    """The first shown required question without an answer, if any."""
    kept = visible_answers(questions, answers)
    by_key = {question.key: question for question in questions}
    for question in questions:
        if question.required and not kept.get(question.key) and is_shown(question, kept, by_key):
            return question.key
    return None
