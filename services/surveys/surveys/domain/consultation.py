"""The consultation aggregate: a questionnaire for an audience, from draft to follow-up.

Lifecycle: draft → published (scheduled, then open between ``opens_at`` and ``closes_at``)
→ closed (explicitly, or when ``closes_at`` passed) → followed up ("you said, we did").
Results are published when the consultation is closed: closing is the publication step.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from kernel.errors import Conflict
from kernel.localisation import LocalizedText
from surveys.domain.questions import Question
from surveys.domain.structure import (
    DEFAULT_SUPPRESSION,
    bad,
    check_objectives,
    check_questions,
    check_threshold,
)


class Status(StrEnum):
    """Stored status (``open``/``scheduled`` are phases of a published consultation)."""

    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"


class Phase(StrEnum):
    """Where a consultation stands at a given instant."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class Audience:
    """Who is consulted: a landlord's households, optionally only some sites or buildings."""

    landlord_id: uuid.UUID
    site_ids: tuple[uuid.UUID, ...] = ()
    building_ids: tuple[uuid.UUID, ...] = ()


@dataclass(frozen=True)
class FollowUp:
    """What was done with the answers, told back to the tenants."""

    text: LocalizedText
    published_at: datetime


@dataclass(frozen=True)
class Consultation:
    """A consultation and its questions."""

    id: uuid.UUID
    audience: Audience
    title: LocalizedText
    description: LocalizedText
    owner_id: str | None
    opens_at: datetime
    closes_at: datetime
    follow_up_due: date | None
    questions: tuple[Question, ...]
    objective_tags: tuple[str, ...] = ()
    council_id: uuid.UUID | None = None
    live_results: bool = False
    suppression_threshold: int = DEFAULT_SUPPRESSION
    status: Status = Status.DRAFT
    published_at: datetime | None = None
    closed_at: datetime | None = None
    follow_up: FollowUp | None = None

    @property
    def landlord_id(self) -> uuid.UUID:
        """The landlord whose tenants are consulted."""
        return self.audience.landlord_id

    def checked(self) -> Consultation:
        """This draft once its structure holds (VALIDATION naming the field otherwise)."""
        if self.closes_at <= self.opens_at:
            raise bad("closes_at", "surveys.closes_before_opens", "closes after it opens")
        check_threshold(self.suppression_threshold)
        check_objectives(self.objective_tags)
        check_questions(self.questions)
        return self

    def phase(self, now: datetime) -> Phase:
        """Draft, scheduled, open or closed at ``now``."""
        if self.status is Status.DRAFT:
            return Phase.DRAFT
        if self.status is Status.CLOSED or now >= self.closes_at:
            return Phase.CLOSED
        return Phase.OPEN if now >= self.opens_at else Phase.SCHEDULED

    def revised(self, draft: Consultation) -> Consultation:
        """``draft`` replacing this one (only while nothing is published)."""
        self._require(Status.DRAFT, "surveys.not_draft")
        return replace(draft, id=self.id).checked()

    def published(self, now: datetime) -> Consultation:
        """This consultation published (the caller checks it with ``check_publishable``)."""
        self._require(Status.DRAFT, "surveys.not_draft")
        return replace(self, status=Status.PUBLISHED, published_at=now)

    def require_open(self, now: datetime) -> None:
        """CONFLICT unless answers are accepted at ``now``."""
        if self.phase(now) is not Phase.OPEN:
            raise Conflict("consultation not open", message_key="surveys.not_open")

    def closed(self, now: datetime) -> Consultation:
        """This consultation closed: no more answers; its results are published."""
        self._require(Status.PUBLISHED, "surveys.not_published")
        return replace(self, status=Status.CLOSED, closed_at=now)

    def results_visible(self, now: datetime) -> bool:
        """Results show once closed, or live while open when the owner allowed it."""
        phase = self.phase(now)
        return phase is Phase.CLOSED or (phase is Phase.OPEN and self.live_results)

    def followed_up(self, text: LocalizedText, now: datetime) -> Consultation:
        """This consultation with its "you said, we did" (once, after closing)."""
        if self.phase(now) is not Phase.CLOSED:
            raise Conflict("not closed", message_key="surveys.not_closed")
        if self.follow_up is not None:
            raise Conflict("follow-up already published", message_key="surveys.follow_up_exists")
        missing = text.missing(("nl", "fr"))
        if missing:
            raise bad(f"text.{missing[0]}", "surveys.text_missing", "NL and FR texts")
        return replace(self, follow_up=FollowUp(text, now))

    def follow_up_overdue(self, today: date) -> bool:
        """True when the follow-up date passed without a follow-up."""
        due = self.follow_up_due
        return self.status is not Status.DRAFT and self.follow_up is None and due is not None and due < today

    def _require(self, status: Status, key: str) -> None:
        if self.status is not status:
            raise Conflict(f"consultation is {self.status}", message_key=key)
