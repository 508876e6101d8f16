"""Agenda items and their life: proposed → accepted | declined | merged; accepted → scheduled on a
meeting → (discussed →) decided | postponed (back to the next meeting)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Literal, get_args

from kernel.errors import Conflict, ValidationFailed
from kernel.localisation import LocalizedText

Category = Literal[
    "maintenance_programme",
    "service_charges",
    "house_rules",
    "collective_equipment",
    "social_activities",
    "own_initiative",
    "other",
]
CATEGORIES: tuple[Category, ...] = get_args(Category)
ItemState = Literal[
    "proposed", "accepted", "declined", "merged", "scheduled", "discussed", "decided", "postponed"
]
ProposerKind = Literal["member", "tenant", "system"]
PUBLIC_STATES: frozenset[str] = frozenset(
    {"accepted", "merged", "scheduled", "discussed", "decided", "postponed"}
)
OPEN_STATES: frozenset[str] = frozenset({"proposed", "accepted", "scheduled", "discussed", "postponed"})
ON_AGENDA: tuple[ItemState, ...] = ("scheduled", "discussed")
"""States of an item on a meeting's agenda, not yet decided or postponed."""
MAX_ATTACHMENTS = 10


@dataclass(frozen=True)
class Proposer:
    """Who proposed an item. A tenant's household is for the council's eyes only; the
    ``signature`` is how the proposer chose to be named in public (None: anonymous)."""

    kind: ProposerKind
    person_id: uuid.UUID | None = None
    household_id: uuid.UUID | None = None
    signature: str | None = None


@dataclass(frozen=True)
class AgendaItem:
    """A subject for the council; its state says where it stands."""

    id: uuid.UUID
    council_id: uuid.UUID
    landlord_id: uuid.UUID
    title: LocalizedText
    motivation: LocalizedText
    category: Category | None
    attachments: tuple[str, ...]
    proposer: Proposer
    state: ItemState = "proposed"
    decline_reason: str | None = None
    merged_into: uuid.UUID | None = None
    meeting_id: uuid.UUID | None = None
    position: int | None = None
    waits_for_next_meeting: bool = False
    decision: LocalizedText | None = None
    decision_motivation: LocalizedText | None = None
    consultation_id: uuid.UUID | None = None

    @property
    def is_public(self) -> bool:
        """Tenants of the landlord see the item (drafts and declined items stay with the council)."""
        return self.state in PUBLIC_STATES

    def missing(self) -> list[str]:
        """The required fields still empty (an item missing any cannot be accepted)."""
        fields = {"title": self.title.text(), "motivation": self.motivation.text(), "category": self.category}
        return [name for name, value in fields.items() if not value]

    def accept(self, category: str | None = None) -> AgendaItem:
        """Accept a proposed, complete item (the reviewer may set its category)."""
        self._require("proposed")
        item = replace(self, category=category_of(category)) if category else self
        if missing := item.missing():
            raise ValidationFailed(
                "incomplete item",
                field=missing[0],
                message_key="councils.item_incomplete",
                params={"field": missing[0]},
            )
        return replace(item, state="accepted")

    def decline(self, reason: str | None) -> AgendaItem:
        """Decline a proposed item with a reason the proposer will read."""
        self._require("proposed")
        if not reason or not reason.strip():
            raise ValidationFailed(
                "a reason is required", field="reason", message_key="councils.reason_required"
            )
        return replace(self, state="declined", decline_reason=reason.strip())

    def merge_into(self, other: AgendaItem) -> AgendaItem:
        """Merge a proposed item into another open item of the same council."""
        self._require("proposed")
        if other.id == self.id or other.council_id != self.council_id or other.state not in OPEN_STATES:
            raise ValidationFailed("merge into another open item of this council", field="merged_into")
        return replace(self, state="merged", merged_into=other.id)

    def schedule(self, meeting_id: uuid.UUID, position: int) -> AgendaItem:
        """Put an accepted (or postponed) item on a meeting's agenda."""
        self._require("accepted", "postponed")
        return replace(
            self, state="scheduled", meeting_id=meeting_id, position=position, waits_for_next_meeting=False
        )

    def discuss(self) -> AgendaItem:
        """The council discussed a scheduled item (the meeting must have been held)."""
        self._require("scheduled")
        return replace(self, state="discussed")

    def decide(self, decision: LocalizedText, motivation: LocalizedText) -> AgendaItem:
        """Record the council's decision on a scheduled (or discussed) item."""
        self._require(*ON_AGENDA)
        if not decision.text():
            raise ValidationFailed(
                "a decision text is required", field="decision", message_key="error.field_required"
            )
        return replace(self, state="decided", decision=decision, decision_motivation=motivation)

    def postpone(self) -> AgendaItem:
        """Postpone a scheduled (or discussed) item: it waits for (or goes to) the next meeting."""
        self._require(*ON_AGENDA)
        return replace(self, state="postponed", waits_for_next_meeting=True)

    def _require(self, *states: ItemState) -> None:
        if self.state not in states:
            raise Conflict(
                f"item is {self.state}",
                field="state",
                message_key="councils.item_state",
                params={"state": self.state},
            )


def category_of(value: str | None) -> Category | None:
    """``value`` as a category (None stays None: a proposal may leave it to the council)."""
    if value is None:
        return None
    for category in CATEGORIES:
        if value == category:
            return category
    raise ValidationFailed(f"category must be one of {', '.join(CATEGORIES)}", field="category")


def propose(
    council_id: uuid.UUID,
    landlord_id: uuid.UUID,
    title: LocalizedText,
    motivation: LocalizedText,
    category: str | None,
    attachments: tuple[str, ...],
    proposer: Proposer,
) -> AgendaItem:
    """A new proposal: a title is needed now; motivation and category may follow before review."""
    if not title.text().strip():
        raise ValidationFailed("a title is required", field="title", message_key="error.field_required")
    if len(attachments) > MAX_ATTACHMENTS or any(not link.startswith("https://") for link in attachments):
        raise ValidationFailed("attachments are up to 10 https links", field="attachments")
    return AgendaItem(
        uuid.uuid4(),
        council_id,
        landlord_id,
        title,
        motivation,
        category_of(category),
        attachments,
        proposer,
    )
