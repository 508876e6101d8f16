"""Consultations: drafts, publication, invitations, closing and follow-up."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Query

from kernel.http import CurrentPrincipal, OptionalPrincipal, Runtime
from surveys.domain.commands import (
    ConsultationCommand,
    CreateConsultation,
    PublishFollowUp,
    ReviseConsultation,
)
from surveys.domain.consultation import Phase
from surveys.entrypoints.answer_schemas import FollowUpCreate, InvitationsPublic
from surveys.entrypoints.deps import PublicUrl, run
from surveys.entrypoints.schemas import ConsultationCreate, ConsultationPage, ConsultationPublic
from surveys.service import consultations as handlers
from surveys.service import queries
from surveys.service.clock import utcnow
from surveys.service.invitations import issue_invitations
from surveys.service.unit_of_work import UnitOfWork

router = APIRouter(prefix="/consultations", tags=["consultations"])


@router.get("")
async def list_consultations(
    principal: OptionalPrincipal,
    runtime: Runtime,
    landlord_id: uuid.UUID | None = None,
    phase: Phase | None = None,
    first: int = Query(default=20),
    after: str | None = None,
    id: list[uuid.UUID] | None = Query(default=None),
) -> ConsultationPage:
    """Consultations, newest first (drafts only for those who run them); with the repeated
    ``id`` parameter, only those (one page, the gateway's batched fetch by id)."""
    if id:
        wanted = id
        chosen = await run(runtime, lambda uow: queries.consultations_by_id(uow, principal, wanted))
        return ConsultationPage(items=[ConsultationPublic.of(c, utcnow()) for c in chosen], next_cursor=None)
    found, cursor = await run(
        runtime,
        lambda uow: queries.list_consultations(
            uow, principal, landlord_id=landlord_id, phase=phase, first=first, after=after
        ),
    )
    now = utcnow()
    return ConsultationPage(items=[ConsultationPublic.of(c, now) for c in found], next_cursor=cursor)


@router.get("/follow-ups/overdue")
async def overdue_follow_ups(
    landlord_id: uuid.UUID, principal: CurrentPrincipal, runtime: Runtime
) -> list[ConsultationPublic]:
    """Consultations whose follow-up date passed without a follow-up (those who run them)."""
    found = await run(runtime, lambda uow: queries.overdue_follow_ups(uow, principal, landlord_id))
    now = utcnow()
    return [ConsultationPublic.of(c, now) for c in found]


@router.post("", status_code=201)
async def create_consultation(
    body: ConsultationCreate, principal: CurrentPrincipal, runtime: Runtime
) -> ConsultationPublic:
    """Save a draft (staff or community workers of the landlord)."""
    command = CreateConsultation(body.to_domain())
    created = await run(runtime, lambda uow: handlers.create_consultation(uow, principal, command))
    return ConsultationPublic.of(created, utcnow())


@router.get("/short/{short_id}")
async def get_consultation_by_short_id(
    short_id: str, principal: OptionalPrincipal, runtime: Runtime
) -> ConsultationPublic:
    """The consultation whose letters and posters print ``/c/<short_id>`` (first 10 hex digits)."""

    async def read(uow: UnitOfWork) -> ConsultationPublic:
        found = await queries.consultation_by_short_id(uow, principal, short_id)
        mine = await queries.invitation_state(uow, principal, found.id) if principal else None
        return ConsultationPublic.of(found, utcnow(), mine)

    return await run(runtime, read)


@router.get("/{consultation_id}")
async def get_consultation(
    consultation_id: uuid.UUID, principal: OptionalPrincipal, runtime: Runtime
) -> ConsultationPublic:
    """A consultation with its questions; for a household, its invitation state."""

    async def read(uow: UnitOfWork) -> ConsultationPublic:
        found = await handlers.consultation_of(uow, consultation_id, principal)
        mine = await queries.invitation_state(uow, principal, consultation_id) if principal else None
        return ConsultationPublic.of(found, utcnow(), mine)

    return await run(runtime, read)


@router.put("/{consultation_id}")
async def revise_consultation(
    consultation_id: uuid.UUID, body: ConsultationCreate, principal: CurrentPrincipal, runtime: Runtime
) -> ConsultationPublic:
    """Replace a draft's content."""
    command = ReviseConsultation(consultation_id, body.to_domain())
    revised = await run(runtime, lambda uow: handlers.revise_consultation(uow, principal, command))
    return ConsultationPublic.of(revised, utcnow())


@router.post("/{consultation_id}/publish")
async def publish_consultation(
    consultation_id: uuid.UUID, principal: CurrentPrincipal, runtime: Runtime
) -> ConsultationPublic:
    """Publish a complete draft (VALIDATION naming what is missing)."""
    command = ConsultationCommand(consultation_id)
    published = await run(runtime, lambda uow: handlers.publish_consultation(uow, principal, command))
    return ConsultationPublic.of(published, utcnow())


@router.post("/{consultation_id}/invitations", status_code=201)
async def invite(
    consultation_id: uuid.UUID, principal: CurrentPrincipal, runtime: Runtime, url: PublicUrl
) -> InvitationsPublic:
    """Issue one code per household of the audience not invited yet; the letters come back once."""
    command = ConsultationCommand(consultation_id)
    issued = await run(runtime, lambda uow: issue_invitations(uow, principal, command, url))
    return InvitationsPublic(
        issued=issued.issued, already_invited=issued.already_invited, letters_csv=issued.letters_csv
    )


@router.post("/{consultation_id}/close")
async def close_consultation(
    consultation_id: uuid.UUID, principal: CurrentPrincipal, runtime: Runtime
) -> ConsultationPublic:
    """Close the consultation and publish its results."""
    command = ConsultationCommand(consultation_id)
    closed = await run(runtime, lambda uow: handlers.close_consultation(uow, principal, command))
    return ConsultationPublic.of(closed, utcnow())


@router.post("/{consultation_id}/follow-up")
async def publish_follow_up(
    consultation_id: uuid.UUID, body: FollowUpCreate, principal: CurrentPrincipal, runtime: Runtime
) -> ConsultationPublic:
    """Publish "you said, we did"."""
    command = PublishFollowUp(consultation_id, body.text)
    followed = await run(runtime, lambda uow: handlers.publish_follow_up(uow, principal, command))
    return ConsultationPublic.of(followed, utcnow())
