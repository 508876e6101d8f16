"""Turning one screen's form into a kept answer, with a plain-language reason when it does not fit."""

from __future__ import annotations

import math
from collections.abc import Sequence

from portal.domain.questionnaire import Answer, Question

SCALE_POINTS = ("1", "2", "3", "4", "5")


class InvalidAnswer(ValueError):
    """The form does not hold a usable answer; ``key`` names the catalogue message."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def parse_answer(question: Question, values: Sequence[str]) -> Answer:
    """The answer to ``question`` from the form ``values`` of its field (empty: none given)."""
    given = [value.strip() for value in values if value.strip()]
    if not given:
        raise InvalidAnswer("portal.answer.missing")
    if question.kind in ("SINGLE_CHOICE", "MULTIPLE_CHOICE"):
        return {"choices": _choices(question, given)}
    if question.kind == "YES_NO" and given[0] in ("yes", "no"):
        return {"yes": given[0] == "yes"}
    if question.kind == "SCALE" and given[0] in SCALE_POINTS:
        return {"number": int(given[0])}
    if question.kind == "NUMBER":
        return {"number": _number(question, given[0])}
    if question.kind == "FREE_TEXT":
        return {"text": _text(question, given[0])}
    raise InvalidAnswer("portal.answer.invalid")


def _choices(question: Question, given: list[str]) -> list[str]:
    if len(set(given)) != len(given) or not set(given) <= set(question.options):
        raise InvalidAnswer("portal.answer.invalid")
    limit = 1 if question.kind == "SINGLE_CHOICE" else question.max_choices
    if limit is not None and len(given) > limit:
        raise InvalidAnswer("portal.answer.too_many")
    return given


def _number(question: Question, text: str) -> float:
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        raise InvalidAnswer("portal.answer.not_a_number") from None
    if not math.isfinite(number):
        raise InvalidAnswer("portal.answer.not_a_number")
    low, high = question.min_value, question.max_value
    if (low is not None and number < low) or (high is not None and number > high):
        raise InvalidAnswer("portal.answer.out_of_bounds")
    return number


def _text(question: Question, text: str) -> str:
    if len(text) > question.max_length:
        raise InvalidAnswer("portal.answer.too_long")
    return text
