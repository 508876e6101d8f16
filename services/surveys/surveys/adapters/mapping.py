"""Consultations to rows and back (questions are stored as JSON inside the consultation)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from kernel.localisation import LocalizedText
from surveys.domain.consultation import Audience, Consultation, FollowUp, Status
from surveys.domain.questions import Condition, Option, Question, QuestionKind


def _text(value: Any) -> LocalizedText:
    return LocalizedText.model_validate(value or {})


def question_json(question: Question) -> dict[str, Any]:
    """A question as stored."""
    data = asdict(question)
    data["kind"] = question.kind.value
    data["text"] = question.text.model_dump()
    data["options"] = [{"key": o.key, "label": o.label.model_dump()} for o in question.options]
    data["scale_labels"] = [label.model_dump() for label in question.scale_labels]
    return data


def question_of(data: dict[str, Any]) -> Question:
    """A stored question."""
    condition = data.get("show_if")
    return Question(
        key=data["key"],
        kind=QuestionKind(data["kind"]),
        text=_text(data["text"]),
        required=data["required"],
        options=tuple(Option(o["key"], _text(o["label"])) for o in data["options"]),
        max_choices=data["max_choices"],
        scale_labels=tuple(_text(label) for label in data["scale_labels"]),
        min_value=data["min_value"],
        max_value=data["max_value"],
        max_length=data["max_length"],
        show_if=Condition(condition["question"], tuple(condition["any_of"])) if condition else None,
    )


def consultation_row(c: Consultation) -> dict[str, Any]:
    """The row values of ``c`` (all but bookkeeping columns)."""
    return {
        "id": c.id,
        "landlord_id": c.landlord_id,
        "council_id": c.council_id,
        "owner_id": c.owner_id,
        "title": c.title.model_dump(),
        "description": c.description.model_dump(),
        "site_ids": list(c.audience.site_ids),
        "building_ids": list(c.audience.building_ids),
        "objective_tags": list(c.objective_tags),
        "opens_at": c.opens_at,
        "closes_at": c.closes_at,
        "follow_up_due": c.follow_up_due,
        "live_results": c.live_results,
        "suppression_threshold": c.suppression_threshold,
        "questions": [question_json(q) for q in c.questions],
        "status": c.status.value,
        "published_at": c.published_at,
        "closed_at": c.closed_at,
        "follow_up": c.follow_up.text.model_dump() if c.follow_up else None,
        "follow_up_published_at": c.follow_up.published_at if c.follow_up else None,
    }


def consultation_of(row: Any) -> Consultation:
    """The consultation stored in ``row``."""
    follow_up = FollowUp(_text(row.follow_up), row.follow_up_published_at) if row.follow_up else None
    return Consultation(
        id=row.id,
        audience=Audience(row.landlord_id, tuple(row.site_ids), tuple(row.building_ids)),
        title=_text(row.title),
        description=_text(row.description),
        owner_id=row.owner_id,
        opens_at=row.opens_at,
        closes_at=row.closes_at,
        follow_up_due=row.follow_up_due,
        questions=tuple(question_of(q) for q in row.questions),
        objective_tags=tuple(row.objective_tags),
        council_id=row.council_id,
        live_results=row.live_results,
        suppression_threshold=row.suppression_threshold,
        status=Status(row.status),
        published_at=row.published_at,
        closed_at=row.closed_at,
        follow_up=follow_up,
    )
