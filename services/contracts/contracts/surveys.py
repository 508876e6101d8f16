"""Events of the surveys service that other services consume.

The surveys service adds its other events here. Answers never travel in events.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from kernel.events import IntegrationEvent
from kernel.localisation import LocalizedText


class ResultsPublished(IntegrationEvent):
    """A consultation's results are published (counts only; the council may put them on its agenda)."""

    event_type: ClassVar[str] = "inspraak.surveys.results.published"
    description: ClassVar[str] = "A consultation's results were published."
    public: ClassVar[bool] = True

    consultation_id: UUID
    landlord_id: UUID
    council_id: UUID | None = None
    title: LocalizedText
    respondents: int


class ConsultationPublished(IntegrationEvent):
    """A consultation was published for an audience (a landlord, optionally sites or buildings)."""

    event_type: ClassVar[str] = "inspraak.surveys.consultation.published"
    description: ClassVar[str] = "A consultation was published for a landlord's tenants."
    public: ClassVar[bool] = True

    consultation_id: UUID
    landlord_id: UUID
    council_id: UUID | None = None
    title: LocalizedText
    site_ids: list[UUID]
    building_ids: list[UUID]
    objective_tags: list[str]
    opens_at: datetime
    closes_at: datetime
    follow_up_due: date


class ConsultationClosed(IntegrationEvent):
    """A consultation stopped taking answers (aggregate participation only)."""

    event_type: ClassVar[str] = "inspraak.surveys.consultation.closed"
    description: ClassVar[str] = "A consultation was closed; its results are published with it."
    public: ClassVar[bool] = True

    consultation_id: UUID
    landlord_id: UUID
    invited: int
    respondents: int


class ParticipationUpdated(IntegrationEvent):
    """How many took part so far (at most once a minute per consultation; counts only)."""

    event_type: ClassVar[str] = "inspraak.surveys.participation.updated"
    description: ClassVar[str] = "A consultation's participation counts changed (at most once a minute)."

    consultation_id: UUID
    landlord_id: UUID
    invited: int
    respondents: int


class FollowUpPublished(IntegrationEvent):
    """The "you said, we did" of a consultation: what was done with the answers."""

    event_type: ClassVar[str] = "inspraak.surveys.follow_up.published"
    description: ClassVar[str] = "A consultation's follow-up (what was done with the answers) was published."
    public: ClassVar[bool] = True

    consultation_id: UUID
    landlord_id: UUID
    council_id: UUID | None = None
    text: LocalizedText


class FollowUpOverdue(IntegrationEvent):
    """A consultation's follow-up date passed without a follow-up."""

    event_type: ClassVar[str] = "inspraak.surveys.follow_up.overdue"
    description: ClassVar[str] = "A consultation's follow-up date passed without a follow-up."

    consultation_id: UUID
    landlord_id: UUID
    follow_up_due: date
