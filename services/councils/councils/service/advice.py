"""Handlers for the advice cycle: request, issue, answer, follow up, and the overdue check."""

from __future__ import annotations

import uuid
from datetime import date

from contracts.councils import (
    AdviceAnswered,
    AdviceFollowedUp,
    AdviceIssued,
    AdviceOverdue,
    AdviceRequested,
)
from councils.domain import advice as domain
from councils.domain.advice import Advice
from councils.domain.commands import AnswerAdvice, IssueAdvice, RecordFollowUp, RequestAdvice
from councils.service.clock import today, utcnow
from councils.service.councils import load_council
from councils.service.permissions import is_member, require_member, require_staff, signed_in
from councils.service.unit_of_work import UnitOfWork
from kernel.auth import Principal
from kernel.errors import Forbidden, NotFound


async def load_advice(uow: UnitOfWork, advice_id: uuid.UUID) -> Advice:
    """The advice (locked until commit), or NOT_FOUND."""
    found = await uow.advice.get(advice_id, lock=True)
    if found is None:
        raise NotFound(f"advice {advice_id}", message_key="councils.advice_unknown")
    return found


async def request_advice(uow: UnitOfWork, actor: Principal | None, command: RequestAdvice) -> Advice:
    """Landlord staff ask the council's advice; a member starts advice on the council's own
    initiative → ``advice.requested``."""
    caller = signed_in(actor)
    council = await load_council(uow, command.council_id)
    if caller.is_staff_of(council.landlord_id):
        origin: domain.Origin = "landlord"
    elif await is_member(uow, caller, council):
        origin = "council"
    else:
        raise Forbidden("requires landlord staff or a council member", message_key="councils.staff_only")
    advice = domain.request(
        council.id,
        council.landlord_id,
        origin,
        command.subject,
        command.question,
        command.documents,
        command.due_on,
        today(),
    )
    uow.advice.add(advice)
    uow.record(
        AdviceRequested(
            advice_id=advice.id,
            council_id=council.id,
            landlord_id=council.landlord_id,
            subject=advice.subject,
            origin=origin,
            due_on=advice.due_on,
        ),
        council.landlord_id,
    )
    return advice


async def issue_advice(uow: UnitOfWork, actor: Principal | None, command: IssueAdvice) -> Advice:
    """A member issues the council's advice → ``advice.issued``; the landlord's answer becomes due."""
    advice = await load_advice(uow, command.advice_id)
    await require_member(uow, actor, await load_council(uow, advice.council_id))
    advice = advice.issue(command.text, utcnow())
    await uow.advice.save(advice)
    assert advice.issued_at is not None and advice.answer_due_on is not None
    uow.record(
        AdviceIssued(
            advice_id=advice.id,
            council_id=advice.council_id,
            landlord_id=advice.landlord_id,
            subject=advice.subject,
            issued_at=advice.issued_at,
            answer_due_on=advice.answer_due_on,
        ),
        advice.landlord_id,
    )
    return advice


async def answer_advice(uow: UnitOfWork, actor: Principal | None, command: AnswerAdvice) -> Advice:
    """Landlord staff answer an issued advice (justified unless followed) → ``advice.answered``."""
    advice = await load_advice(uow, command.advice_id)
    require_staff(actor, advice.landlord_id)
    advice = advice.answer(command.response, command.justification, utcnow())
    await uow.advice.save(advice)
    assert advice.response is not None and advice.answered_at is not None
    uow.record(
        AdviceAnswered(
            advice_id=advice.id,
            council_id=advice.council_id,
            landlord_id=advice.landlord_id,
            response=advice.response,
            answered_at=advice.answered_at,
            on_time=bool(advice.answered_on_time),
        ),
        advice.landlord_id,
    )
    return advice


async def record_follow_up(uow: UnitOfWork, actor: Principal | None, command: RecordFollowUp) -> Advice:
    """Landlord staff record a follow-up of an answered advice → ``advice.followed_up``."""
    advice = await load_advice(uow, command.advice_id)
    require_staff(actor, advice.landlord_id)
    advice, entry = advice.follow_up(command.on, command.status, command.text, today())
    uow.advice.add_follow_up(entry)
    uow.record(
        AdviceFollowedUp(
            advice_id=advice.id,
            council_id=advice.council_id,
            landlord_id=advice.landlord_id,
            follow_up_id=entry.id,
            status=entry.status,
            recorded_on=entry.on,
        ),
        advice.landlord_id,
    )
    return advice


async def mark_overdue(uow: UnitOfWork, day: date) -> list[Advice]:
    """Flag unanswered advice past its due date → ``advice.overdue``, once per advice (the flag is
    set by a conditional update, so replicas running the check together never both emit)."""
    flagged = await uow.advice.mark_overdue(day)
    for advice in flagged:
        assert advice.answer_due_on is not None
        uow.record(
            AdviceOverdue(
                advice_id=advice.id,
                council_id=advice.council_id,
                landlord_id=advice.landlord_id,
                due_on=advice.answer_due_on,
            ),
            advice.landlord_id,
        )
    return flagged
