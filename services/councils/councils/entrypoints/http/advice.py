"""The advice cycle: request, issue, answer, follow up."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from councils.domain.commands import AnswerAdvice, IssueAdvice, RecordFollowUp, RequestAdvice
from councils.entrypoints.deps import execute
from councils.entrypoints.schemas import (
    AdviceAnswer,
    AdviceCreate,
    AdviceIssue,
    AdvicePublic,
    FollowUpCreate,
)
from councils.service import advice
from kernel.http import OptionalPrincipal, Runtime

router = APIRouter(tags=["advice"])


@router.post("/councils/{council_id}/advice", status_code=201)
async def request_advice(
    council_id: uuid.UUID, body: AdviceCreate, principal: OptionalPrincipal, runtime: Runtime
) -> AdvicePublic:
    """Landlord staff request advice (statutory subject, due date); members start own initiative."""
    command = RequestAdvice(council_id, body.subject, body.question, tuple(body.documents), body.due_on)
    return AdvicePublic.of(await execute(runtime, advice.request_advice, principal, command))


@router.post("/advice/{advice_id}/issue")
async def issue_advice(
    advice_id: uuid.UUID, body: AdviceIssue, principal: OptionalPrincipal, runtime: Runtime
) -> AdvicePublic:
    """A member issues the council's advice → ``advice.issued``."""
    return AdvicePublic.of(
        await execute(runtime, advice.issue_advice, principal, IssueAdvice(advice_id, body.text))
    )


@router.post("/advice/{advice_id}/answer")
async def answer_advice(
    advice_id: uuid.UUID, body: AdviceAnswer, principal: OptionalPrincipal, runtime: Runtime
) -> AdvicePublic:
    """Landlord staff answer; "not followed" and "partly followed" need a justification."""
    command = AnswerAdvice(advice_id, body.response, body.justification)
    return AdvicePublic.of(await execute(runtime, advice.answer_advice, principal, command))


@router.post("/advice/{advice_id}/follow-ups", status_code=201)
async def record_follow_up(
    advice_id: uuid.UUID, body: FollowUpCreate, principal: OptionalPrincipal, runtime: Runtime
) -> AdvicePublic:
    """Landlord staff record what was done with an answered advice → ``advice.followed_up``."""
    command = RecordFollowUp(advice_id, body.status, body.text, body.on)
    return AdvicePublic.of(await execute(runtime, advice.record_follow_up, principal, command))
