"""The statutory advice cycle: requested (or own initiative) → issued → answered by the landlord.

An advice the landlord has not answered by its due date is overdue; "not followed" and
"partly followed" need a written justification.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Literal, get_args

from councils.domain.follow_ups import FollowUp, follow_up_due, new_follow_up
from kernel.errors import Conflict, ValidationFailed
from kernel.localisation import LocalizedText

Subject = Literal[
    "maintenance_programme",
    "service_charges",
    "house_rules",
    "collective_equipment",
    "social_activities",
    "own_initiative",
]
SUBJECTS: tuple[Subject, ...] = get_args(Subject)
STATUTORY_SUBJECTS: tuple[Subject, ...] = SUBJECTS[:5]
Response = Literal["followed", "partly_followed", "not_followed"]
RESPONSES: tuple[Response, ...] = get_args(Response)
AdviceState = Literal["requested", "issued", "answered"]
Origin = Literal["landlord", "council"]
ANSWER_DAYS = 90
"""The landlord reports at least once a quarter: its answer is due 90 days after the advice was
issued (``due_on`` is the date the landlord asked the council to advise by)."""


@dataclass(frozen=True)
class Advice:
    """One advice of a council to its landlord."""

    id: uuid.UUID
    council_id: uuid.UUID
    landlord_id: uuid.UUID
    origin: Origin
    subject: Subject
    question: LocalizedText
    documents: tuple[str, ...]
    due_on: date | None
    state: AdviceState = "requested"
    text: LocalizedText | None = None
    issued_at: datetime | None = None
    answer_due_on: date | None = None
    response: Response | None = None
    justification: str | None = None
    answered_at: datetime | None = None
    overdue: bool = False
    follow_ups: tuple[FollowUp, ...] = ()

    @property
    def is_public(self) -> bool:
        """Tenants see an advice once the council issued it."""
        return self.state != "requested"

    def issue(self, text: LocalizedText, at: datetime) -> Advice:
        """The council issues its advice; the landlord's answer becomes due."""
        if self.state != "requested":
            raise Conflict(
                f"advice is {self.state}",
                field="state",
                message_key="councils.advice_state",
                params={"state": self.state},
            )
        if not text.text().strip():
            raise ValidationFailed(
                "the advice needs a text", field="text", message_key="error.field_required"
            )
        due = at.date() + timedelta(days=ANSWER_DAYS)
        return replace(self, state="issued", text=text, issued_at=at, answer_due_on=due)

    def answer(self, response: str, justification: str | None, at: datetime) -> Advice:
        """The landlord answers; anything but "followed" must be justified in writing."""
        if self.state != "issued":
            raise Conflict(
                f"advice is {self.state}",
                field="state",
                message_key="councils.advice_state",
                params={"state": self.state},
            )
        checked = next((r for r in RESPONSES if r == response), None)
        if checked is None:
            raise ValidationFailed(f"response must be one of {', '.join(RESPONSES)}", field="response")
        written = (justification or "").strip() or None
        if checked != "followed" and written is None:
            raise ValidationFailed(
                "a justification is required",
                field="justification",
                message_key="councils.justification_required",
            )
        return replace(self, state="answered", response=checked, justification=written, answered_at=at)

    def follow_up(
        self, on: date | None, status: str, text: LocalizedText, today: date
    ) -> tuple[Advice, FollowUp]:
        """Landlord staff record what was done with an answered advice (dated, with a status)."""
        if self.state != "answered":
            raise Conflict(
                f"advice is {self.state}",
                field="state",
                message_key="councils.advice_state",
                params={"state": self.state},
            )
        entry = new_follow_up(self.id, on, status, text, today)
        return replace(self, follow_ups=(*self.follow_ups, entry)), entry

    def follow_up_due_on(self, today: date) -> bool:
        """True when this quarter's follow-up of an answered advice is still to be recorded."""
        return follow_up_due(self.state == "answered", self.follow_ups, today)

    @property
    def answered_on_time(self) -> bool | None:
        """Whether the answer came by its due date (None while unanswered)."""
        if self.answered_at is None or self.answer_due_on is None:
            return None
        return self.answered_at.date() <= self.answer_due_on

    def is_overdue_on(self, day: date) -> bool:
        """True when issued, not answered, and ``day`` is past the answer's due date."""
        return self.state == "issued" and self.answer_due_on is not None and day > self.answer_due_on


def subject_of(value: str, *, origin: Origin) -> Subject:
    """The subject: the landlord asks on a statutory subject; the council may advise on anything."""
    allowed = STATUTORY_SUBJECTS if origin == "landlord" else SUBJECTS
    for subject in allowed:
        if value == subject:
            return subject
    raise ValidationFailed(f"subject must be one of {', '.join(allowed)}", field="subject")


def request(
    council_id: uuid.UUID,
    landlord_id: uuid.UUID,
    origin: Origin,
    subject: str,
    question: LocalizedText,
    documents: tuple[str, ...],
    due_on: date | None,
    today: date,
) -> Advice:
    """A new advice: requested by the landlord (a due date is required) or started by the council."""
    checked = subject_of(subject, origin=origin)
    if not question.text().strip():
        raise ValidationFailed(
            "the question is required", field="question", message_key="error.field_required"
        )
    if origin == "landlord" and due_on is None:
        raise ValidationFailed("a due date is required", field="due_on", message_key="error.field_required")
    if due_on is not None and due_on <= today:
        raise ValidationFailed("the due date lies ahead", field="due_on", message_key="councils.due_in_past")
    if any(not link.startswith("https://") for link in documents):
        raise ValidationFailed("documents are https links", field="documents")
    return Advice(uuid.uuid4(), council_id, landlord_id, origin, checked, question, documents, due_on)
