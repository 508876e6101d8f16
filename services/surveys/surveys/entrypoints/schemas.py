"""API models of consultations and their questions: ``XCreate`` in, ``XPublic`` out."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from kernel.localisation import LocalizedText
from surveys.domain.consultation import Audience, Consultation
from surveys.domain.questions import Condition, Option, Question, QuestionKind
from surveys.domain.structure import DEFAULT_SUPPRESSION
from surveys.service.clock import today


class Create(BaseModel):
    """Input: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class OptionModel(Create):
    """An answer option of a choice question."""

    key: str
    label: LocalizedText


class ConditionModel(Create):
    """Show the question only when ``question`` got one of ``any_of`` (any answer when empty)."""

    question: str
    any_of: list[str] = []


class QuestionModel(Create):
    """A question (in and out)."""

    key: str = Field(examples=["q1"])
    kind: QuestionKind
    text: LocalizedText
    required: bool = False
    options: list[OptionModel] = []
    max_choices: int | None = None
    scale_labels: list[LocalizedText] = []
    min_value: float | None = None
    max_value: float | None = None
    max_length: int = 1000
    show_if: ConditionModel | None = None

    def to_domain(self) -> Question:
        """The domain question."""
        condition = Condition(self.show_if.question, tuple(self.show_if.any_of)) if self.show_if else None
        return Question(
            key=self.key,
            kind=self.kind,
            text=self.text,
            required=self.required,
            options=tuple(Option(o.key, o.label) for o in self.options),
            max_choices=self.max_choices,
            scale_labels=tuple(self.scale_labels),
            min_value=self.min_value,
            max_value=self.max_value,
            max_length=self.max_length,
            show_if=condition,
        )

    @classmethod
    def of(cls, q: Question) -> QuestionModel:
        """The API view of a domain question."""
        condition = (
            ConditionModel(question=q.show_if.question, any_of=list(q.show_if.any_of)) if q.show_if else None
        )
        return cls(
            key=q.key,
            kind=q.kind,
            text=q.text,
            required=q.required,
            options=[OptionModel(key=o.key, label=o.label) for o in q.options],
            max_choices=q.max_choices,
            scale_labels=list(q.scale_labels),
            min_value=q.min_value,
            max_value=q.max_value,
            max_length=q.max_length,
            show_if=condition,
        )


class ConsultationCreate(Create):
    """A consultation draft (also the body that replaces a draft)."""

    landlord_id: uuid.UUID
    title: LocalizedText
    description: LocalizedText = LocalizedText()
    owner_id: str | None = None
    site_ids: list[uuid.UUID] = []
    building_ids: list[uuid.UUID] = []
    opens_at: AwareDatetime
    closes_at: AwareDatetime
    follow_up_due: date | None = None
    objective_tags: list[str] = []
    council_id: uuid.UUID | None = None
    live_results: bool = False
    suppression_threshold: int = DEFAULT_SUPPRESSION
    questions: list[QuestionModel] = []

    def to_domain(self) -> Consultation:
        """A new draft."""
        return Consultation(
            id=uuid.uuid4(),
            audience=Audience(self.landlord_id, tuple(self.site_ids), tuple(self.building_ids)),
            title=self.title,
            description=self.description,
            owner_id=self.owner_id,
            opens_at=self.opens_at,
            closes_at=self.closes_at,
            follow_up_due=self.follow_up_due,
            questions=tuple(q.to_domain() for q in self.questions),
            objective_tags=tuple(self.objective_tags),
            council_id=self.council_id,
            live_results=self.live_results,
            suppression_threshold=self.suppression_threshold,
        )


class FollowUpPublic(BaseModel):
    """What was done with the answers."""

    text: LocalizedText
    published_at: datetime


class ConsultationPublic(BaseModel):
    """A consultation with its questions; ``my_invitation`` for a signed-in household."""

    id: uuid.UUID
    landlord_id: uuid.UUID
    council_id: uuid.UUID | None
    owner_id: str | None
    title: LocalizedText
    description: LocalizedText
    site_ids: list[uuid.UUID]
    building_ids: list[uuid.UUID]
    objective_tags: list[str]
    opens_at: datetime
    closes_at: datetime
    follow_up_due: date | None
    live_results: bool
    suppression_threshold: int
    status: str
    phase: str
    questions: list[QuestionModel]
    published_at: datetime | None
    closed_at: datetime | None
    follow_up: FollowUpPublic | None
    follow_up_overdue: bool
    my_invitation: str | None = None

    @classmethod
    def of(cls, c: Consultation, now: datetime, my_invitation: str | None = None) -> ConsultationPublic:
        """The API view of ``c`` at ``now``."""
        follow_up = (
            FollowUpPublic(text=c.follow_up.text, published_at=c.follow_up.published_at)
            if c.follow_up
            else None
        )
        return cls(
            id=c.id,
            landlord_id=c.landlord_id,
            council_id=c.council_id,
            owner_id=c.owner_id,
            title=c.title,
            description=c.description,
            site_ids=list(c.audience.site_ids),
            building_ids=list(c.audience.building_ids),
            objective_tags=list(c.objective_tags),
            opens_at=c.opens_at,
            closes_at=c.closes_at,
            follow_up_due=c.follow_up_due,
            live_results=c.live_results,
            suppression_threshold=c.suppression_threshold,
            status=c.status.value,
            phase=c.phase(now).value,
            questions=[QuestionModel.of(q) for q in c.questions],
            published_at=c.published_at,
            closed_at=c.closed_at,
            follow_up=follow_up,
            follow_up_overdue=c.follow_up_overdue(today(now)),
            my_invitation=my_invitation,
        )


class ConsultationPage(BaseModel):
    """A page of consultations and the cursor of the next one."""

    items: list[ConsultationPublic]
    next_cursor: str | None
