"""Display conditions checked at publication: known targets, no cycles, no forward references.

A question may only depend on a question asked before it, so that a tenant (or a worker on
paper) can follow the questionnaire from top to bottom.
"""

from __future__ import annotations

from collections.abc import Sequence

from kernel.errors import ValidationFailed
from surveys.domain.questions import Question


def _problem(question: str, key: str, detail: str) -> ValidationFailed:
    return ValidationFailed(
        detail, field=f"questions.{question}.show_if", message_key=key, params={"question": question}
    )


def check_conditions(questions: Sequence[Question]) -> None:
    """VALIDATION naming the first question whose condition is unknown, cyclic or forward."""
    by_key = {question.key: question for question in questions}
    for question in questions:
        condition = question.show_if
        if condition is None:
            continue
        target = by_key.get(condition.question)
        if target is None:
            raise _problem(question.key, "surveys.condition_unknown", "condition names no question")
        unknown = set(condition.any_of) - set(target.answer_keys())
        if unknown:
            raise _problem(question.key, "surveys.condition_unknown_answer", f"unknown answers {unknown}")
    for question in questions:
        if _in_cycle(question.key, by_key):
            raise _problem(question.key, "surveys.condition_cycle", "display conditions form a cycle")
    position = {question.key: index for index, question in enumerate(questions)}
    for question in questions:
        if question.show_if and position[question.show_if.question] >= position[question.key]:
            raise _problem(question.key, "surveys.condition_forward", "condition names a later question")


def _in_cycle(start: str, by_key: dict[str, Question]) -> bool:
    """True when following conditions from ``start`` leads back to it."""
    seen: set[str] = set()
    current = by_key[start].show_if
    while current is not None and current.question not in seen:
        if current.question == start:
            return True
        seen.add(current.question)
        current = by_key[current.question].show_if
    return False
