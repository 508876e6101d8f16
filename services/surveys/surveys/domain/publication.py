"""What a consultation needs before tenants see it: NL and FR everywhere, an owner, a follow-up
date (do not consult without the capacity to follow up) and sound display conditions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from kernel.errors import ValidationFailed
from kernel.localisation import OFFICIAL_LANGUAGES, LocalizedText
from surveys.domain.conditions import check_conditions
from surveys.domain.consultation import Consultation
from surveys.domain.questions import Question
from surveys.domain.structure import bad


def check_publishable(consultation: Consultation, now: datetime) -> None:
    """VALIDATION naming the first thing missing or wrong for publication."""
    for field, text in texts_of(consultation):
        missing = text.missing(OFFICIAL_LANGUAGES)
        if missing:
            raise ValidationFailed(
                f"text missing in {missing[0]}",
                field=f"{field}.{missing[0]}",
                message_key="surveys.text_missing",
                params={"field": field, "language": missing[0]},
            )
    if not consultation.owner_id:
        raise bad("owner_id", "surveys.owner_missing", "a consultation names its owner")
    if consultation.follow_up_due is None:
        raise bad("follow_up_due", "surveys.follow_up_missing", "a consultation names a follow-up date")
    if consultation.follow_up_due < consultation.closes_at.date():
        raise bad("follow_up_due", "surveys.follow_up_before_close", "follow-up comes after closing")
    if consultation.closes_at <= now:
        raise bad("closes_at", "surveys.closes_in_past", "closing lies in the future")
    if not consultation.questions:
        raise bad("questions", "surveys.no_questions", "at least one question")
    check_conditions(consultation.questions)


def texts_of(consultation: Consultation) -> Iterator[tuple[str, LocalizedText]]:
    """Every text of the consultation with the field that holds it."""
    yield "title", consultation.title
    yield "description", consultation.description
    for question in consultation.questions:
        yield from _question_texts(question)


def _question_texts(question: Question) -> Iterator[tuple[str, LocalizedText]]:
    field = f"questions.{question.key}"
    yield f"{field}.text", question.text
    for option in question.options:
        yield f"{field}.options.{option.key}.label", option.label
    for index, label in enumerate(question.scale_labels, start=1):
        yield f"{field}.scale_labels.{index}", label
