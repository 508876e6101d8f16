"""Reads, filtered by what the caller may see (see :mod:`councils.service.permissions`)."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass

from councils.adapters.pages import Page
from councils.adapters.tables import MeetingRow
from councils.domain.advice import Advice
from councils.domain.agenda import PUBLIC_STATES, AgendaItem
from councils.domain.councils import Council, Mandate
from councils.service.clock import today, utcnow
from councils.service.councils import load_council
from councils.service.permissions import Viewer, signed_in, viewer
from councils.service.unit_of_work import UnitOfWork
from kernel.auth import Principal
from kernel.errors import Forbidden, NotFound

PUBLIC_ADVICE = ("issued", "answered")


@dataclass(frozen=True)
class Seen:
    """A council as one caller sees it."""

    council: Council
    viewer: Viewer
    household_id: uuid.UUID | None


async def seen_by(uow: UnitOfWork, actor: Principal | None, council_id: uuid.UUID) -> Seen:
    """The council and how much ``actor`` sees of it: tenants of the landlord and more, else
    FORBIDDEN (UNAUTHENTICATED when anonymous)."""
    council = await load_council(uow, council_id)
    who = await viewer(uow, signed_in(actor), council)
    if who == "outsider":
        raise Forbidden("not a council of your landlord", message_key="councils.other_landlord")
    household = uuid.UUID(actor.household_id) if actor and actor.household_id else None
    return Seen(council, who, household)


async def councils_of(uow: UnitOfWork, landlord_id: uuid.UUID | None) -> list[Council]:
    """Councils (their existence, name and size are public)."""
    return await uow.councils.of_landlords([landlord_id] if landlord_id else None)


async def council(uow: UnitOfWork, council_id: uuid.UUID) -> Council:
    """One council's public header."""
    return await load_council(uow, council_id)


async def items(
    uow: UnitOfWork, seen: Seen, first: int, after: str | None, wanted: list[str] | None
) -> Page[AgendaItem]:
    """Agenda items (in the ``wanted`` states): members see all; others public ones and their own
    proposals."""
    states: Collection[str] | None = None if seen.viewer == "member" else PUBLIC_STATES
    own = seen.household_id if seen.viewer != "member" else None
    if wanted:
        states = set(wanted) if states is None else set(wanted) & set(states)
        own = None
    return await uow.items.page(seen.council.id, states=states, own_household=own, first=first, after=after)


async def meetings(uow: UnitOfWork, seen: Seen, first: int, after: str | None) -> Page[MeetingRow]:
    """Meetings of the council (their dates and venues are public to its tenants)."""
    return await uow.meetings.page(seen.council.id, first, after)


async def upcoming(uow: UnitOfWork, seen: Seen) -> MeetingRow | None:
    """The council's next meeting."""
    return await uow.meetings.next_of(seen.council.id, utcnow())


async def advice(uow: UnitOfWork, seen: Seen, first: int, after: str | None) -> Page[Advice]:
    """Advice: members and staff see requests too; tenants once the council issued it."""
    states = None if seen.viewer in ("member", "staff") else PUBLIC_ADVICE
    return await uow.advice.page(seen.council.id, states=states, first=first, after=after)


async def overdue(uow: UnitOfWork, seen: Seen) -> list[Advice]:
    """Issued advice the landlord has not answered by its due date."""
    return await uow.advice.overdue(seen.council.id)


async def follow_up_due(uow: UnitOfWork, seen: Seen) -> list[Advice]:
    """Answered advice whose follow-up for the current quarter the landlord has not recorded yet."""
    day = today()
    return [found for found in await uow.advice.answered(seen.council.id) if found.follow_up_due_on(day)]


async def mandates(uow: UnitOfWork, seen: Seen) -> list[Mandate]:
    """Who sits on the council (tenants of the landlord may know their representatives)."""
    return await uow.mandates.of_council(seen.council.id)


async def meeting(
    uow: UnitOfWork, actor: Principal | None, meeting_id: uuid.UUID
) -> tuple[Seen, MeetingRow, list[AgendaItem]]:
    """One meeting with its agenda as the caller may see it."""
    found = await uow.meetings.get(meeting_id)
    if found is None:
        raise NotFound(f"meeting {meeting_id}", message_key="councils.meeting_unknown")
    seen = await seen_by(uow, actor, found.council_id)
    agenda = await uow.items.on_meeting(found.id)
    if seen.viewer != "member":
        agenda = [item for item in agenda if item.is_public]
    return seen, found, agenda
