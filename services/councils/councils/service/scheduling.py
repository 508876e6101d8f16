"""Putting items on a meeting's agenda: chosen ones, and those waiting for the next meeting."""

from __future__ import annotations

from contracts.councils import AgendaItemScheduled
from councils.adapters.tables import MeetingRow
from councils.domain.agenda import AgendaItem
from councils.service.clock import utcnow
from councils.service.unit_of_work import UnitOfWork


async def put_on_agenda(uow: UnitOfWork, meeting: MeetingRow, item: AgendaItem) -> AgendaItem:
    """Schedule ``item`` last on ``meeting``'s agenda → ``agenda_item.scheduled``."""
    position = await uow.items.next_position(meeting.id)
    item = item.schedule(meeting.id, position)
    await uow.items.save(item)
    uow.record(
        AgendaItemScheduled(
            item_id=item.id,
            council_id=item.council_id,
            landlord_id=item.landlord_id,
            meeting_id=meeting.id,
            position=position,
        ),
        item.landlord_id,
    )
    return item


async def schedule_on_next(uow: UnitOfWork, item: AgendaItem) -> AgendaItem:
    """Schedule ``item`` on the council's next meeting; without one, it waits for it."""
    meeting = await uow.meetings.next_of(item.council_id, utcnow())
    return await put_on_agenda(uow, meeting, item) if meeting else item


async def take_waiting(uow: UnitOfWork, meeting: MeetingRow) -> list[AgendaItem]:
    """Put every item waiting for the next meeting on ``meeting``'s agenda."""
    return [await put_on_agenda(uow, meeting, item) for item in await uow.items.waiting(meeting.council_id)]
