"""Commands: what callers ask the surveys service to do (checked by the domain and handlers)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from kernel.localisation import LocalizedText
from surveys.domain.answers import Answer
from surveys.domain.consultation import Consultation
from surveys.domain.participation import Channel


@dataclass(frozen=True)
class CreateConsultation:
    """Save a new draft."""

    draft: Consultation


@dataclass(frozen=True)
class ReviseConsultation:
    """Replace a draft's content."""

    consultation_id: uuid.UUID
    draft: Consultation


@dataclass(frozen=True)
class ConsultationCommand:
    """Publish or close a consultation, or issue its invitations."""

    consultation_id: uuid.UUID


@dataclass(frozen=True)
class SubmitResponse:
    """A tenant answers, with the code of their letter or as the signed-in household."""

    consultation_id: uuid.UUID
    answers: tuple[Answer, ...]
    code: str | None = None


@dataclass(frozen=True)
class RecordAssistedResponse:
    """A worker enters the answers of a household that consented, given on paper, by phone,
    at a home visit or at the office."""

    consultation_id: uuid.UUID
    household_id: uuid.UUID | None
    channel: Channel
    consent_confirmed: bool
    answers: tuple[Answer, ...]
    code: str | None = None


@dataclass(frozen=True)
class PublishFollowUp:
    """Tell the tenants what was done with their answers."""

    consultation_id: uuid.UUID
    text: LocalizedText
