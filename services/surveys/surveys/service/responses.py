"""Taking answers: online with a letter's code or as the signed-in household, or assisted by
a worker. Exactly one answer set per invitation: the invitation is marked used by a
conditional UPDATE in the same statement that writes the ledger and the anonymous answers."""

from __future__ import annotations

import uuid
from typing import Any

from contracts.surveys import ParticipationUpdated
from kernel.auth import Principal
from kernel.errors import Conflict, Forbidden, Unauthenticated, ValidationFailed
from surveys.adapters.responses import InvitationMatch
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


async def _take(
    uow: UnitOfWork,
    consultation: Consultation,
    channel: Channel,
    values: dict[str, AnswerValue],
    match: InvitationMatch,
    value: Any,
) -> bool:
    """Use the matching unused invitation and store the answers (one statement); False when
    there is no such invitation, CONFLICT when it was used already."""
    taken = await uow.responses.take(consultation.id, match, value, channel, today(), values)
    if not taken.used:
        if await uow.invitations.find(consultation.id, **{match: value}):
            raise _already_answered()
        return False
    if taken.announce:
        [turnout] = await uow.invitations.turnout(consultation.id, None)
        event = ParticipationUpdated(
            consultation_id=consultation.id,
            landlord_id=consultation.landlord_id,
            invited=turnout.invited,
            respondents=turnout.responded,
        )
        uow.record(event, consultation.landlord_id)
    return True


async def _take_online(
    uow: UnitOfWork,
    actor: Principal | None,
    command: SubmitResponse,
    consultation: Consultation,
    values: dict[str, AnswerValue],
) -> None:
    if command.code is not None:
        code = normalise_code(command.code)
        taken = code and await _take(uow, consultation, Channel.ONLINE, values, "code_hash", hash_code(code))
        if not taken:
            raise ValidationFailed("unknown code", field="code", message_key="surveys.code_unknown")
        return
    if actor is None or actor.household_id is None:
        raise Unauthenticated("a code or a household's token is needed", message_key="surveys.code_needed")
    household = uuid.UUID(actor.household_id)
    if not await _take(uow, consultation, Channel.ONLINE, values, "household_id", household):
        raise Forbidden("household not invited", message_key="surveys.not_invited")


async def submit_response(uow: UnitOfWork, actor: Principal | None, command: SubmitResponse) -> None:
    """A tenant's answers, accepted once per invitation (CONFLICT for every later attempt)."""
    consultation = await consultation_of(uow, command.consultation_id, actor)
    consultation.require_open(utcnow())
    values = validate_answer_set(consultation.questions, command.answers)
    await _take_online(uow, actor, command, consultation, values)


async def record_assisted_response(
    uow: UnitOfWork, actor: Principal, command: RecordAssistedResponse
) -> None:
    """A worker enters a consenting household's answers (by its id or its letter's code); it
    counts once, with its channel."""
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
    if command.household_id is None and command.code is None:
        raise ValidationFailed(
            "a household id or a code is needed",
            field="household_id",
            message_key="surveys.household_or_code",
        )
    consultation.require_open(utcnow())
    values = validate_answer_set(consultation.questions, command.answers)
    if command.code is not None:
        code = normalise_code(command.code)
        taken = code and await _take(uow, consultation, command.channel, values, "code_hash", hash_code(code))
        if not taken:
            raise ValidationFailed("unknown code", field="code", message_key="surveys.code_unknown")
        return
    assert command.household_id is not None  # checked above
    if not await _take(uow, consultation, command.channel, values, "household_id", command.household_id):
        raise ValidationFailed(
            "household not invited", field="household_id", message_key="surveys.not_invited"
        )
