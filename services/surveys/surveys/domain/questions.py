"""Questions of a consultation and the answers they accept.

A question may be shown only when an earlier question got one of some answers
(``show_if``); the answer keys of a yes/no question are ``yes`` and ``no``, of a scale
``1`` to ``5``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kernel.localisation import LocalizedText

SCALE = (1, 2, 3, 4, 5)
YES, NO = "yes", "no"
MAX_TEXT_LENGTH = 4000

AnswerValue = list[str] | float | bool | str
"""A stored answer: option keys (choices), a number (scale, number), yes/no, or a text."""


class QuestionKind(StrEnum):
    """What a question asks for."""

    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    SCALE = "scale"
    YES_NO = "yes_no"
    NUMBER = "number"
    FREE_TEXT = "free_text"

    @property
    def is_choice(self) -> bool:
        """Single or multiple choice (answered with option keys)."""
        return self in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE)


@dataclass(frozen=True)
class Option:
    """A possible answer of a choice question."""

    key: str
    label: LocalizedText


@dataclass(frozen=True)
class Condition:
    """Show a question only when question ``question`` was answered with one of ``any_of``
    (any answer at all when ``any_of`` is empty)."""

    question: str
    any_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    """One question; fields that do not apply to its kind stay empty."""

    key: str
    kind: QuestionKind
    text: LocalizedText
    required: bool = False
    options: tuple[Option, ...] = ()
    max_choices: int | None = None
    scale_labels: tuple[LocalizedText, ...] = ()
    min_value: float | None = None
    max_value: float | None = None
    max_length: int = 1000
    show_if: Condition | None = None

    def answer_keys(self) -> tuple[str, ...]:
        """The keys results are counted by (none for numbers and free text)."""
        if self.kind.is_choice:
            return tuple(option.key for option in self.options)
        if self.kind is QuestionKind.YES_NO:
            return (YES, NO)
        if self.kind is QuestionKind.SCALE:
            return tuple(str(point) for point in SCALE)
        return ()

    def keys_of(self, value: AnswerValue) -> tuple[str, ...]:
        """The answer keys a stored value counts for."""
        if isinstance(value, list):
            return tuple(value)
        if isinstance(value, bool):
            return (YES if value else NO,)
        if self.kind is QuestionKind.SCALE and isinstance(value, int | float):
            return (str(int(value)),)
        return ()
