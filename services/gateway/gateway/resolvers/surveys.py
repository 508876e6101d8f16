"""Root fields served by the surveys service: consultations, answers, results, follow-up."""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

import strawberry

from gateway.connections import page_size
from gateway.context import Info
from gateway.fields import field, uuid_arg
from gateway.types.surveys import (
    AnswerChannel,
    Consultation,
    ConsultationConnection,
    ConsultationPhase,
    InvitationBatch,
    InvitationLookup,
    QuestionKind,
    ResponseAccepted,
    surveys,
)
from kernel.errors import ValidationFailed

# The letters' address ends in the first 10 hex digits of the consultation's id.
SHORT_ID = re.compile(r"[0-9a-f]{10}")


@strawberry.input(description="A text in NL and FR (both needed to publish) and optionally EN.")
class ConsultationTextInput:
    nl: str | None = None
    fr: str | None = None
    en: str | None = None


@strawberry.input(description="An answer option.")
class QuestionOptionInput:
    key: str
    label: ConsultationTextInput


@strawberry.input(
    description="Show the question only when `question` got one of `anyOf` (any answer if empty)."
)
class DisplayConditionInput:
    question: str
    any_of: list[str] = strawberry.field(default_factory=list)


@strawberry.input(description="A question; set only the fields of its kind.")
class QuestionInput:
    key: str
    kind: QuestionKind
    text: ConsultationTextInput
    required: bool = False
    options: list[QuestionOptionInput] = strawberry.field(default_factory=list)
    max_choices: int | None = None
    scale_labels: list[ConsultationTextInput] = strawberry.field(default_factory=list)
    min_value: float | None = None
    max_value: float | None = None
    max_length: int = 1000
    show_if: DisplayConditionInput | None = None


@strawberry.input(description="A consultation draft.")
class ConsultationInput:
    landlord_id: strawberry.ID
    title: ConsultationTextInput
    opens_at: datetime
    closes_at: datetime
    description: ConsultationTextInput | None = None
    owner_id: str | None = None
    site_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    building_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    follow_up_due: date | None = None
    objective_tags: list[str] = strawberry.field(default_factory=list)
    council_id: strawberry.ID | None = None
    live_results: bool = False
    suppression_threshold: int = 5
    questions: list[QuestionInput] = strawberry.field(default_factory=list)


@strawberry.input(description="Which consultation (publish, close, issue invitations).")
class ConsultationRefInput:
    id: strawberry.ID


@strawberry.input(
    description="An answer: `choices` (choice), `number` (scale 1–5, number), `yes`, or `text`."
)
class AnswerInput:
    question: str
    choices: list[str] | None = None
    number: float | None = None
    text: str | None = None
    yes: bool | None = None


@strawberry.input(description="Answers with the letter's code (or as the signed-in household, without code).")
class SubmitResponseInput:
    consultation_id: strawberry.ID
    answers: list[AnswerInput]
    code: str | None = None


@strawberry.input(
    description="Answers a worker enters for a consenting household: its id or its letter's `code`."
)
class AssistedResponseInput:
    consultation_id: strawberry.ID
    channel: AnswerChannel
    consent_confirmed: bool
    answers: list[AnswerInput]
    household_id: strawberry.ID | None = None
    code: str | None = None


@strawberry.input(description='"You said, we did": what was done with the answers.')
class FollowUpInput:
    consultation_id: strawberry.ID
    text: ConsultationTextInput


def _json(value: Any) -> Any:
    """An input object as the service's JSON body (enums by value, dates as ISO text)."""
    if hasattr(value, "__dataclass_fields__"):
        return {k: _json(getattr(value, k)) for k in asdict(value)}
    if isinstance(value, list):
        return [_json(item) for item in value]
    if isinstance(value, QuestionKind | AnswerChannel):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _consultation_body(data: ConsultationInput) -> dict[str, Any]:
    body: dict[str, Any] = _json(data)
    body["description"] = body["description"] or {}
    return body


@strawberry.type
class SurveysQuery:
    """Consultations and their results."""

    @field(description="Consultations, newest first (drafts only for those who run them).")
    async def consultations(
        self,
        info: Info,
        landlord_id: strawberry.ID | None = None,
        status: ConsultationPhase | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> ConsultationConnection:
        filters = [("landlord_id", uuid_arg(landlord_id, "landlordId"))] if landlord_id else []
        filters += [("phase", status.value)] if status else []

        async def fetch(size: int, cursor: str | None) -> tuple[list[Consultation], str | None]:
            params = [("first", str(size)), *filters, *([("after", cursor)] if cursor else [])]
            page = await surveys(info).consultations(params)
            return [Consultation.from_json(c) for c in page["items"]], page["next_cursor"]

        connection: ConsultationConnection = await ConsultationConnection.fetch(fetch, first, after)
        return connection

    @field(description="One consultation with its questions and, for a household, its invitation state.")
    async def consultation(self, info: Info, id: strawberry.ID) -> Consultation:
        return Consultation.from_json(await surveys(info).consultation(uuid_arg(id, "id")))

    @field(description="The consultation whose letters and posters print `/c/<shortId>` (10 hex digits).")
    async def consultation_by_short_id(self, info: Info, short_id: str) -> Consultation:
        typed = short_id.strip().lower()
        if not SHORT_ID.fullmatch(typed):
            raise ValidationFailed(
                f"not a short id: {short_id!r}", field="shortId", message_key="error.invalid_value"
            )
        return Consultation.from_json(await surveys(info).consultation_by_short_id(typed))

    @field(
        description="The consultation a letter's code invites to and whether the code is unused; "
        "the code is not used up and whose it is never shown (VALIDATION on `code` when unknown)."
    )
    async def invitation_by_code(self, info: Info, code: str) -> InvitationLookup:
        found = await surveys(info).invitation(code)
        return InvitationLookup(
            consultation=Consultation.from_json(found["consultation"]), unused=found["unused"]
        )

    @field(description="Consultations whose follow-up date passed without a follow-up.")
    async def overdue_follow_ups(
        self, info: Info, landlord_id: strawberry.ID, first: int | None = None, after: str | None = None
    ) -> ConsultationConnection:
        found = await surveys(info).overdue(uuid_arg(landlord_id, "landlordId"))
        rows = [Consultation.from_json(c) for c in found]
        connection: ConsultationConnection = ConsultationConnection.slice(rows, page_size(info, first), after)
        return connection


async def _consultation_command(
    info: Info, path: str, body: Any = None, method: str = "POST"
) -> Consultation:
    return Consultation.from_json(await surveys(info).command(path, body, method=method))


@strawberry.type
class SurveysMutation:
    """Running consultations: draft, publish, invite, answer, close, follow up."""

    @field(description="Save a consultation draft.")
    async def create_consultation(self, info: Info, input: ConsultationInput) -> Consultation:
        return await _consultation_command(info, "/consultations", _consultation_body(input))

    @field(description="Replace a draft's content.")
    async def update_consultation(
        self, info: Info, id: strawberry.ID, input: ConsultationInput
    ) -> Consultation:
        path = f"/consultations/{uuid_arg(id, 'id')}"
        return await _consultation_command(info, path, _consultation_body(input), "PUT")

    @field(description="Publish a draft (VALIDATION naming what is missing).")
    async def publish_consultation(self, info: Info, input: ConsultationRefInput) -> Consultation:
        return await _consultation_command(info, f"/consultations/{uuid_arg(input.id, 'id')}/publish")

    @field(description="Issue one code per household of the audience not invited yet; the letters come once.")
    async def issue_invitations(self, info: Info, input: ConsultationRefInput) -> InvitationBatch:
        path = f"/consultations/{uuid_arg(input.id, 'id')}/invitations"
        batch = await surveys(info).command(path)
        return InvitationBatch(
            issued=batch["issued"], already_invited=batch["already_invited"], letters_csv=batch["letters_csv"]
        )

    @field(description="Answer a consultation, once per invitation.")
    async def submit_response(self, info: Info, input: SubmitResponseInput) -> ResponseAccepted:
        path = f"/consultations/{uuid_arg(input.consultation_id, 'consultationId')}/responses"
        body = {"code": input.code, "answers": _json(input.answers)}
        return ResponseAccepted(accepted=(await surveys(info).command(path, body))["accepted"])

    @field(description="Record answers given on paper, by phone, at a home visit or at the office.")
    async def record_assisted_response(self, info: Info, input: AssistedResponseInput) -> ResponseAccepted:
        path = f"/consultations/{uuid_arg(input.consultation_id, 'consultationId')}/assisted-responses"
        body = _json(input)
        del body["consultation_id"]
        if input.household_id is not None:
            body["household_id"] = uuid_arg(input.household_id, "householdId")
        return ResponseAccepted(accepted=(await surveys(info).command(path, body))["accepted"])

    @field(description="Close the consultation and publish its results.")
    async def close_consultation(self, info: Info, input: ConsultationRefInput) -> Consultation:
        return await _consultation_command(info, f"/consultations/{uuid_arg(input.id, 'id')}/close")

    @field(description='Publish the "you said, we did" follow-up.')
    async def publish_follow_up(self, info: Info, input: FollowUpInput) -> Consultation:
        path = f"/consultations/{uuid_arg(input.consultation_id, 'consultationId')}/follow-up"
        return await _consultation_command(info, path, {"text": _json(input.text)})
