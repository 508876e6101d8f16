"""Handlers for the consultation lifecycle: draft, publish, close (publishing the results),
follow-up, and flagging overdue follow-ups."""

from __future__ import annotations

import uuid

from contracts.surveys import (
    ConsultationClosed,
    ConsultationPublished,
    FollowUpOverdue,
    FollowUpPublished,
    ResultsPublished,
)
from kernel.auth import Principal
from kernel.errors import NotFound
from surveys.domain.commands import (
    ConsultationCommand,
    CreateConsultation,
    PublishFollowUp,
    ReviseConsultation,
)
from surveys.domain.consultation import Consultation
from surveys.domain.publication import check_publishable
from surveys.service.clock import today, utcnow
from surveys.service.permissions import may_read, require_manager
from surveys.service.unit_of_work import UnitOfWork


async def consultation_of(
    uow: UnitOfWork, consultation_id: uuid.UUID, actor: Principal | None = None, *, lock: bool = False
) -> Consultation:
    """The consultation, if ``actor`` may see it (NOT_FOUND otherwise: drafts stay unseen)."""
    consultation = await uow.consultations.get(consultation_id, lock=lock)
    if consultation is None or not may_read(actor, consultation):
        raise NotFound("unknown consultation", message_key="surveys.consultation_unknown")
    return consultation


async def create_consultation(uow: UnitOfWork, actor: Principal, command: CreateConsultation) -> Consultation:
    """Staff or a community worker of the landlord save a draft."""
    require_manager(actor, command.draft.landlord_id)
    draft = command.draft.checked()
    await uow.consultations.add(draft, utcnow())
    return draft


async def revise_consultation(uow: UnitOfWork, actor: Principal, command: ReviseConsultation) -> Consultation:
    """Replace a draft's content (not its landlord)."""
    current = await consultation_of(uow, command.consultation_id, actor, lock=True)
    require_manager(actor, current.landlord_id)
    require_manager(actor, command.draft.landlord_id)
    revised = current.revised(command.draft)
    await uow.consultations.save(revised)
    return revised


async def publish_consultation(
    uow: UnitOfWork, actor: Principal, command: ConsultationCommand
) -> Consultation:
    """Publish a complete draft → ``ConsultationPublished``."""
    current = await consultation_of(uow, command.consultation_id, actor, lock=True)
    require_manager(actor, current.landlord_id)
    now = utcnow()
    published = current.published(now)
    check_publishable(published, now)
    await uow.consultations.save(published)
    assert published.follow_up_due is not None  # checked above
    event = ConsultationPublished(
        consultation_id=published.id,
        landlord_id=published.landlord_id,
        council_id=published.council_id,
        title=published.title,
        site_ids=list(published.audience.site_ids),
        building_ids=list(published.audience.building_ids),
        objective_tags=list(published.objective_tags),
        opens_at=published.opens_at,
        closes_at=published.closes_at,
        follow_up_due=published.follow_up_due,
    )
    uow.record(event, published.landlord_id)
    return published


async def close_consultation(uow: UnitOfWork, actor: Principal, command: ConsultationCommand) -> Consultation:
    """Stop the answers and publish the results → ``ConsultationClosed`` + ``ResultsPublished``."""
    current = await consultation_of(uow, command.consultation_id, actor, lock=True)
    require_manager(actor, current.landlord_id)
    closed = current.closed(utcnow())
    await uow.consultations.save(closed)
    [turnout] = await uow.invitations.turnout(closed.id, None)
    respondents = await uow.responses.respondents(closed.id)
    landlord = closed.landlord_id
    uow.record(
        ConsultationClosed(
            consultation_id=closed.id, landlord_id=landlord, invited=turnout.invited, respondents=respondents
        ),
        landlord,
    )
    uow.record(
        ResultsPublished(
            consultation_id=closed.id,
            landlord_id=landlord,
            council_id=closed.council_id,
            title=closed.title,
            respondents=respondents,
        ),
        landlord,
    )
    return closed


async def publish_follow_up(uow: UnitOfWork, actor: Principal, command: PublishFollowUp) -> Consultation:
    """Tell what was done with the answers ("you said, we did") → ``FollowUpPublished``."""
    current = await consultation_of(uow, command.consultation_id, actor, lock=True)
    require_manager(actor, current.landlord_id)
    followed = current.followed_up(command.text, utcnow())
    await uow.consultations.save(followed)
    event = FollowUpPublished(
        consultation_id=followed.id,
        landlord_id=followed.landlord_id,
        council_id=followed.council_id,
        text=command.text,
    )
    uow.record(event, followed.landlord_id)
    return followed


async def flag_overdue_follow_ups(uow: UnitOfWork) -> list[Consultation]:
    """Record ``FollowUpOverdue`` once for each consultation whose follow-up is late."""
    flagged = []
    for consultation in await uow.consultations.overdue(None, today()):
        if await uow.consultations.claim_overdue_flag(consultation.id):
            assert consultation.follow_up_due is not None
            event = FollowUpOverdue(
                consultation_id=consultation.id,
                landlord_id=consultation.landlord_id,
                follow_up_due=consultation.follow_up_due,
            )
            uow.record(event, consultation.landlord_id)
            flagged.append(consultation)
    return flagged
