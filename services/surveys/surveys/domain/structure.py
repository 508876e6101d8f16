"""Rules a questionnaire must follow to be saved at all (even as a draft)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kernel.errors import ValidationFailed
from surveys.domain.questions import MAX_TEXT_LENGTH, SCALE, Question, QuestionKind

KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
OBJECTIVE = re.compile(r"^[1-4](\.[0-9]{1,2})?$")
MIN_SUPPRESSION = 3
DEFAULT_SUPPRESSION = 5


def bad(field: str, key: str, detail: str) -> ValidationFailed:
    """A VALIDATION error naming ``field``."""
    return ValidationFailed(detail, field=field, message_key=key)


def check_threshold(threshold: int) -> None:
    """Small cells are hidden below ``threshold`` respondents, never fewer than three."""
    if threshold < MIN_SUPPRESSION:
        raise bad("suppression_threshold", "surveys.threshold_too_low", f"at least {MIN_SUPPRESSION}")


def check_objectives(tags: Sequence[str]) -> None:
    """Objective tags are the sector's axes and operational objectives (``1``, ``1.5``, ``4.3``)."""
    for tag in tags:
        if not OBJECTIVE.match(tag):
            raise bad("objective_tags", "surveys.objective_unknown", f"unknown objective {tag!r}")


def check_questions(questions: Sequence[Question]) -> None:
    """Keys unique and well formed; each kind with what it needs (options, bounds, labels)."""
    seen: set[str] = set()
    for question in questions:
        if not KEY.match(question.key) or question.key in seen:
            raise bad(f"questions.{question.key}.key", "surveys.question_key", "unique short keys")
        seen.add(question.key)
        _check_kind(question)


def _check_kind(question: Question) -> None:
    field = f"questions.{question.key}"
    options = [option.key for option in question.options]
    if question.kind.is_choice and (len(options) < 2 or len(set(options)) != len(options)):
        raise bad(f"{field}.options", "surveys.question_options", "two or more distinct options")
    if any(not KEY.match(option) for option in options):
        raise bad(f"{field}.options", "surveys.question_key", "unique short keys")
    limit = question.max_choices
    if limit is not None and not 1 <= limit <= len(options):
        raise bad(f"{field}.max_choices", "surveys.question_max_choices", "between 1 and the options")
    if question.kind is QuestionKind.SCALE and len(question.scale_labels) not in (0, len(SCALE)):
        raise bad(f"{field}.scale_labels", "surveys.question_scale_labels", "one label per face")
    low, high = question.min_value, question.max_value
    if low is not None and high is not None and low > high:
        raise bad(f"{field}.min_value", "surveys.question_bounds", "minimum above maximum")
    if not 1 <= question.max_length <= MAX_TEXT_LENGTH:
        raise bad(f"{field}.max_length", "surveys.question_max_length", f"1 to {MAX_TEXT_LENGTH}")
