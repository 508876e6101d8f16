"""Agenda items: propose, review, decide or postpone."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from councils.domain.commands import DecideAgendaItem, DiscussAgendaItem, ProposeAgendaItem, ReviewAgendaItem
from councils.entrypoints.deps import execute
from councils.entrypoints.schemas import ItemCreate, ItemDecision, ItemPublic, ItemReview
from councils.service import agenda
from councils.service.permissions import Viewer
from kernel.http import OptionalPrincipal, Runtime

router = APIRouter(tags=["agenda"])


@router.post("/councils/{council_id}/items", status_code=201)
async def propose_item(
    council_id: uuid.UUID, body: ItemCreate, principal: OptionalPrincipal, runtime: Runtime
) -> ItemPublic:
    """A member or a tenant of the landlord proposes an item → ``agenda_item.proposed``."""
    command = ProposeAgendaItem(
        council_id, body.title, body.motivation, body.category, tuple(body.attachments), body.signature
    )
    item = await execute(runtime, agenda.propose_item, principal, command)
    viewer: Viewer = "member" if item.proposer.kind == "member" else "tenant"
    return ItemPublic.of(item, viewer, item.proposer.household_id)


@router.post("/items/{item_id}/review")
async def review_item(
    item_id: uuid.UUID, body: ItemReview, principal: OptionalPrincipal, runtime: Runtime
) -> ItemPublic:
    """A member accepts, declines (with a reason) or merges a proposed item."""
    command = ReviewAgendaItem(item_id, body.decision, body.reason, body.category, body.merged_into)
    return ItemPublic.of(await execute(runtime, agenda.review_item, principal, command), "member")


@router.post("/items/{item_id}/decision")
async def decide_item(
    item_id: uuid.UUID, body: ItemDecision, principal: OptionalPrincipal, runtime: Runtime
) -> ItemPublic:
    """A member records the outcome of an item discussed in a held meeting: decided or postponed."""
    command = DecideAgendaItem(item_id, body.outcome, body.decision, body.motivation)
    return ItemPublic.of(await execute(runtime, agenda.decide_item, principal, command), "member")


@router.post("/items/{item_id}/discussion")
async def discuss_item(item_id: uuid.UUID, principal: OptionalPrincipal, runtime: Runtime) -> ItemPublic:
    """A member marks an item of a held meeting as discussed (then decided or postponed)."""
    command = DiscussAgendaItem(item_id)
    return ItemPublic.of(await execute(runtime, agenda.discuss_item, principal, command), "member")
