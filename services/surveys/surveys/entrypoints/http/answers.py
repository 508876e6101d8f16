"""Answers: online (a letter's code or a household's token) and assisted (a worker)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from kernel.http import CurrentPrincipal, OptionalPrincipal, Runtime
from surveys.domain.commands import RecordAssistedResponse, SubmitResponse
from surveys.entrypoints.answer_schemas import (
    Accepted,
    AssistedResponseCreate,
    InvitationFound,
    InvitationLookup,
    ResponseCreate,
)
from surveys.entrypoints.deps import run
from surveys.entrypoints.schemas import ConsultationPublic
from surveys.service.clock import utcnow
from surveys.service.queries import invitation_by_code
from surveys.service.responses import record_assisted_response, submit_response
from surveys.service.unit_of_work import UnitOfWork

router = APIRouter(prefix="/consultations/{consultation_id}", tags=["answers"])
invitations = APIRouter(prefix="/invitations", tags=["answers"])


@invitations.post("/lookup")
async def lookup_invitation(
    body: InvitationLookup, principal: OptionalPrincipal, runtime: Runtime
) -> InvitationFound:
    """The consultation of a letter's code and whether the code is unused; the code stays
    unused and its household unnamed (a POST, so codes stay out of addresses and logs)."""

    async def read(uow: UnitOfWork) -> InvitationFound:
        consultation, unused = await invitation_by_code(uow, principal, body.code)
        return InvitationFound(consultation=ConsultationPublic.of(consultation, utcnow()), unused=unused)

    return await run(runtime, read)


@router.post("/responses", status_code=201)
async def submit(
    consultation_id: uuid.UUID, body: ResponseCreate, principal: OptionalPrincipal, runtime: Runtime
) -> Accepted:
    """Answer once per invitation (CONFLICT afterwards); nothing about the answers comes back."""
    answers = tuple(answer.to_domain() for answer in body.answers)
    command = SubmitResponse(consultation_id, answers, body.code)
    await run(runtime, lambda uow: submit_response(uow, principal, command))
    return Accepted()


@router.post("/assisted-responses", status_code=201)
async def record_assisted(
    consultation_id: uuid.UUID, body: AssistedResponseCreate, principal: CurrentPrincipal, runtime: Runtime
) -> Accepted:
    """A worker enters a consenting household's answers (paper, phone, home visit, office)."""
    answers = tuple(answer.to_domain() for answer in body.answers)
    command = RecordAssistedResponse(
        consultation_id, body.household_id, body.channel, body.consent_confirmed, answers, body.code
    )
    await run(runtime, lambda uow: record_assisted_response(uow, principal, command))
    return Accepted()
