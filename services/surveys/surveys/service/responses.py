"""Taking answers: online with a letter's code or as the signed-in household, or assisted by
a worker. Exactly one answer set per invitation: the invitation is marked used by a
conditional UPDATE in the same transaction as the anonymous answers."""

from __future__ import annotations

import uuid
from typing import Any

from contracts.surveys import ParticipationUpdated
from kernel.auth import Principal
from kernel.errors import Conflict, Forbidden, Unauthenticated, ValidationFailed
from surveys.adapters.invitations import UsedInvitation
from surveys.domain.answers import validate_answer_set
from surveys.domain.commands import RecordAssistedResponse, SubmitResponse
from surveys.domain.consultation import Consultation
from surveys.domain.invitations import hash_code, normalise_code
from surveys.domain.participation import ASSISTED_CHANNELS, Channel
from surveys.domain.questions import AnswerValue
from surveys.service.clock import today, utcnow
from surveys.service.consultations import consultation_of
from surveys.service.permissions import require_manager
from surveys.service.unit_of_work import UnitOfWork


def _already_answered() -> Conflict:
    return Conflict("this invitation was already used", message_key="surveys.already_answered")


async def _use(uow: UnitOfWork, consultation_id: uuid.UUID, **match: Any) -> UsedInvitation | None:
    used = await uow.invitations.use(consultation_id, **match)
    if used is None and await uow.invitations.find(consultation_id, **match):
        raise _already_answered()
    return used


async def _invitation_of(uow: UnitOfWork, actor: Principal | None, command: SubmitResponse) -> UsedInvitation:
    if command.code is not None:
        code = normalise_code(command.code)
        used = await _use(uow, command.consultation_id, code_hash=hash_code(code)) if code else None
        if used is None:
            raise ValidationFailed("unknown code", field="code", message_key="surveys.code_unknown")
        return used
    if actor is None or actor.household_id is None:
        raise Unauthenticated("a code or a household's token is needed", message_key="surveys.code_needed")
    used = await _use(uow, command.consultation_id, household_id=uuid.UUID(actor.household_id))
    if used is None:
        raise Forbidden("household not invited", message_key="surveys.not_invited")
    return used


async def _record(
    uow: UnitOfWork,
    consultation: Consultation,
    used: UsedInvitation,
    channel: Channel,
    values: dict[str, AnswerValue],
) -> None:
    await uow.responses.record(consultation.id, used, channel, today(), values)
    if await uow.consultations.claim_participation_announcement(consultation.id):
        [turnout] = await uow.invitations.turnout(consultation.id, None)
        event = ParticipationUpdated(
            consultation_id=consultation.id,
            landlord_id=consultation.landlord_id,
            invited=turnout.invited,
            respondents=turnout.responded,
        )
        uow.record(event, consultation.landlord_id)


async def submit_response(uow: UnitOfWork, actor: Principal | None, command: SubmitResponse) -> None:
    """A tenant's answers, accepted once per invitation (CONFLICT for every later attempt)."""
    consultation = await consultation_of(uow, command.consultation_id, actor)
    consultation.require_open(utcnow())
    values = validate_answer_set(consultation.questions, command.answers)
    used = await _invitation_of(uow, actor, command)
    await _record(uow, consultation, used, Channel.ONLINE, values)


async def record_assisted_response(
    uow: UnitOfWork, actor: Principal, command: RecordAssistedResponse
) -> None:
    """A worker enters a consenting household's answers; it counts once, with its channel."""
    consultation = await consultation_of(uow, command.consultation_id, actor)
    require_manager(actor, consultation.landlord_id)
    if command.channel not in ASSISTED_CHANNELS:
        raise ValidationFailed(
            "not an assisted channel", field="channel", message_key="surveys.channel_assisted"
        )
    if not command.consent_confirmed:
        raise ValidationFailed(
            "consent needed", field="consent_confirmed", message_key="surveys.consent_needed"
        )
    consultation.require_open(utcnow())
    values = validate_answer_set(consultation.questions, command.answers)
    used = await _use(uow, consultation.id, household_id=command.household_id)
    if used is None:
        raise ValidationFailed(
            "household not invited", field="household_id", message_key="surveys.not_invited"
        )
    await _record(uow, consultation, used, command.channel, values)
