"""Minutes of a meeting: a summary, each decision with its motivation, and a to-do list."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from councils.domain.agenda import AgendaItem
from councils.domain.commands import ToDo
from kernel.errors import Conflict, ValidationFailed
from kernel.localisation import LocalizedText


def check_publishable(held_at: datetime | None, published_at: datetime | None) -> None:
    """Minutes follow a held meeting, and are published once."""
    if held_at is None:
        raise Conflict("the meeting was not held", field="meeting_id", message_key="councils.not_held")
    if published_at is not None:
        raise Conflict(
            "minutes already published", field="meeting_id", message_key="councils.minutes_published"
        )


def compose(summary: LocalizedText, agenda: list[AgendaItem], todos: tuple[ToDo, ...]) -> dict[str, Any]:
    """The minutes' content: every decided or postponed item of the agenda, with its motivation."""
    if not summary.text().strip():
        raise ValidationFailed("a summary is required", field="summary", message_key="error.field_required")
    for index, todo in enumerate(todos):
        if not todo.text.strip() or not todo.owner.strip():
            raise ValidationFailed("a to-do names what and who", field=f"todos.{index}")
    decisions = [
        {
            "item_id": str(item.id),
            "title": item.title.model_dump(),
            "outcome": item.state,
            "decision": item.decision.model_dump() if item.decision else None,
            "motivation": item.decision_motivation.model_dump() if item.decision_motivation else None,
        }
        for item in agenda
        if item.state in ("decided", "postponed")
    ]
    return {
        "summary": summary.model_dump(),
        "decisions": decisions,
        "todos": [{"text": todo.text.strip(), "owner": todo.owner.strip()} for todo in todos],
    }
