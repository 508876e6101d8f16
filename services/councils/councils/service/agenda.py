"""Handlers for agenda items: propose, review, decide or postpone."""

from __future__ import annotations

import uuid

from contracts.councils import (
    AgendaItemAccepted,
    AgendaItemDecided,
    AgendaItemDeclined,
    AgendaItemMerged,
    AgendaItemPostponed,
    AgendaItemProposed,
)
from councils.domain import agenda
from councils.domain.agenda import AgendaItem, Proposer
from councils.domain.commands import (
    DecideAgendaItem,
    DiscussAgendaItem,
    ProposeAgendaItem,
    ReviewAgendaItem,
)
from councils.domain.meetings import Tally
from councils.service.clock import utcnow
from councils.service.councils import load_council
from councils.service.permissions import is_member, is_tenant, require_member, signed_in
from councils.service.scheduling import schedule_on_next
from councils.service.unit_of_work import UnitOfWork
from kernel.auth import Principal
from kernel.errors import Conflict, Forbidden, NotFound, ValidationFailed
from kernel.localisation import LocalizedText


async def load_item(uow: UnitOfWork, item_id: uuid.UUID) -> AgendaItem:
    """The item (locked until commit), or NOT_FOUND."""
    item = await uow.items.get(item_id, lock=True)
    if item is None:
        raise NotFound(f"agenda item {item_id}", message_key="councils.item_unknown")
    return item


async def proposer_of(
    uow: UnitOfWork, actor: Principal, landlord_id: uuid.UUID, member: bool, signature: str | None
) -> Proposer:
    """Who proposes: a member, or a tenant household of this landlord (as identity placed it)."""
    if member:
        person = uuid.UUID(actor.person_id) if actor.person_id else None
        return Proposer("member", person_id=person, signature=signature)
    if not is_tenant(actor, landlord_id) or actor.household_id is None:
        raise Forbidden(
            "only members and tenants of the landlord propose", message_key="councils.tenants_only"
        )
    household = uuid.UUID(actor.household_id)
    placed = await uow.projections.landlord_of(household)
    if placed is not None and placed != landlord_id:
        raise Forbidden("the household lives with another landlord", message_key="councils.tenants_only")
    return Proposer("tenant", household_id=household, signature=(signature or "").strip() or None)


async def propose_item(uow: UnitOfWork, actor: Principal | None, command: ProposeAgendaItem) -> AgendaItem:
    """A member or a tenant of the landlord proposes an item → ``agenda_item.proposed``."""
    caller = signed_in(actor)
    council = await load_council(uow, command.council_id)
    member = await is_member(uow, caller, council)
    proposer = await proposer_of(uow, caller, council.landlord_id, member, command.signature)
    item = agenda.propose(
        council.id,
        council.landlord_id,
        command.title,
        command.motivation,
        command.category,
        command.attachments,
        proposer,
    )
    uow.items.add(item)
    uow.record(
        AgendaItemProposed(
            item_id=item.id, council_id=council.id, landlord_id=council.landlord_id, proposed_by=proposer.kind
        ),
        council.landlord_id,
    )
    return item


async def review_item(uow: UnitOfWork, actor: Principal | None, command: ReviewAgendaItem) -> AgendaItem:
    """A member accepts, declines (with a reason) or merges a proposed item."""
    item = await load_item(uow, command.item_id)
    await require_member(uow, actor, await load_council(uow, item.council_id))
    ids = {"item_id": item.id, "council_id": item.council_id, "landlord_id": item.landlord_id}
    if command.decision == "accept":
        item = item.accept(command.category)
        await uow.items.save(item, accepted_at=utcnow())
        uow.record(
            AgendaItemAccepted(**ids, category=item.category or "other", title=item.title), item.landlord_id
        )
    elif command.decision == "decline":
        item = item.decline(command.reason)
        await uow.items.save(item)
        uow.record(AgendaItemDeclined(**ids), item.landlord_id)
    elif command.decision == "merge":
        if command.merged_into is None:
            raise ValidationFailed(
                "merge into which item?", field="merged_into", message_key="error.field_required"
            )
        item = item.merge_into(await load_item(uow, command.merged_into))
        await uow.items.save(item)
        uow.record(AgendaItemMerged(**ids, merged_into=command.merged_into), item.landlord_id)
    else:
        raise ValidationFailed("decision is accept, decline or merge", field="decision")
    return item


async def decide_item(uow: UnitOfWork, actor: Principal | None, command: DecideAgendaItem) -> AgendaItem:
    """A member records the outcome: decided (with the vote counted) or postponed to the next meeting."""
    item = await load_item(uow, command.item_id)
    await require_member(uow, actor, await load_council(uow, item.council_id))
    ids = {"item_id": item.id, "council_id": item.council_id, "landlord_id": item.landlord_id}
    meeting = await held_meeting_of(uow, item)
    if command.outcome == "postponed":
        item = item.postpone()
        await uow.items.save(item)
        uow.record(AgendaItemPostponed(**ids, meeting_id=meeting), item.landlord_id)
        return await schedule_on_next(uow, item)
    if command.outcome != "decided":
        raise ValidationFailed("outcome is decided or postponed", field="outcome")
    item = item.decide(command.decision or LocalizedText(), command.motivation or LocalizedText())
    tally = Tally.count((await uow.items.votes(meeting, item.id)).values())
    await uow.items.save(item, decided_at=utcnow())
    uow.record(
        AgendaItemDecided(
            **ids,
            meeting_id=meeting,
            votes_for=tally.votes_for,
            votes_against=tally.votes_against,
            abstentions=tally.abstentions,
            adopted=tally.adopted,
        ),
        item.landlord_id,
    )
    return item


async def discuss_item(uow: UnitOfWork, actor: Principal | None, command: DiscussAgendaItem) -> AgendaItem:
    """A member marks a scheduled item discussed at its held meeting (decided or postponed later)."""
    item = await load_item(uow, command.item_id)
    await require_member(uow, actor, await load_council(uow, item.council_id))
    await held_meeting_of(uow, item)
    item = item.discuss()
    await uow.items.save(item)
    return item


async def held_meeting_of(uow: UnitOfWork, item: AgendaItem) -> uuid.UUID:
    """The meeting where an item on the agenda is discussed; it must have been held (attendance taken)."""
    if item.state not in agenda.ON_AGENDA or item.meeting_id is None:
        raise Conflict(
            f"item is {item.state}",
            field="state",
            message_key="councils.item_state",
            params={"state": item.state},
        )
    meeting = await uow.meetings.get(item.meeting_id)
    if meeting is None or meeting.held_at is None:
        raise Conflict("the meeting was not held", field="meeting_id", message_key="councils.not_held")
    return meeting.id
