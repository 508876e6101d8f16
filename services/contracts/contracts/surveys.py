"""Events of the surveys service that other services consume.

The surveys service adds its other events here. Answers never travel in events.
"""

from __future__ import annotations

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
