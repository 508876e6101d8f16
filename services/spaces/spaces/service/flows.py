"""Room requests from other services: a council meeting (flow 1), a partner activity (flow 3).

Each request is placed in the first suitable room under that room's rules (approval included);
the outcome is announced with the request's reference, and the envelope keeps the correlation
id. A request already answered is not answered twice (idempotent by the request reference).
"""

from __future__ import annotations

import uuid

from contracts.common import Organisation, RequestRef, RoomRequest
from contracts.councils import MeetingScheduled
from contracts.partners import ActivityAnnounced
from contracts.spaces import BookingRejected
from kernel.errors import ValidationFailed
from spaces.domain.clock import utcnow
from spaces.domain.commands import RequestBooking
from spaces.domain.spaces import Space
from spaces.service import announce
from spaces.service.placement import place
from spaces.service.unit_of_work import UnitOfWork

COUNCIL_PURPOSE = "ARHUU/CoCoLo"


async def _candidates(uow: UnitOfWork, landlord_id: uuid.UUID, room: RoomRequest) -> list[Space]:
    if room.space_id is not None:
        space = await uow.spaces.get(room.space_id)
        return [space] if space is not None and space.landlord_id == landlord_id else []
    found = await uow.spaces.search(site_id=room.site_id, min_capacity=room.min_capacity)
    return [space for space in found if space.landlord_id == landlord_id]


async def book_for_request(
    uow: UnitOfWork,
    *,
    landlord_id: uuid.UUID,
    room: RoomRequest,
    organisation: Organisation,
    request: RequestRef,
    purpose: str,
    needs_approval: bool,
) -> None:
    """Place the request in the first room that takes it, or announce why none did."""
    if await uow.bookings.by_request(request) is not None:
        return
    reason = "no_suitable_space"
    for space in await _candidates(uow, landlord_id, room):
        command = RequestBooking(
            space_id=space.id,
            organisation=organisation,
            purpose=purpose,
            attendees=min(room.min_capacity or 1, space.capacity),
            starts_at=room.starts_at,
            ends_at=room.ends_at,
            request=request,
            needs_approval=needs_approval,
        )
        try:
            placement = await place(uow, space, f"system:{request.source}", command, utcnow())
        except ValidationFailed:
            reason = "invalid_request"
            continue
        if placement.bookings:
            announce.placed(uow, space, placement.bookings[0])
            return
        reason = placement.conflicts[0].reason
    event = BookingRejected(
        booking_id=None,
        space_id=room.space_id,
        landlord_id=landlord_id,
        organisation=organisation,
        reason_code=reason,
        request=request,
    )
    uow.record(event, event.landlord_id)


async def on_meeting_scheduled(uow: UnitOfWork, event: MeetingScheduled) -> None:
    """Flow 1: book a room for the council's meeting (confirmed or requested per the policy)."""
    if event.room_request is None:
        return
    await book_for_request(
        uow,
        landlord_id=event.landlord_id,
        room=event.room_request,
        organisation=Organisation(kind="council", id=event.council_id),
        request=RequestRef(source="councils.meeting", id=event.meeting_id),
        purpose=COUNCIL_PURPOSE,
        needs_approval=False,
    )


async def on_activity_announced(uow: UnitOfWork, event: ActivityAnnounced) -> None:
    """Flow 3: ask the landlord to approve a room for a partner's activity."""
    if event.room_request is None:
        return
    room = event.room_request
    if room.space_id is None and room.site_id is None and event.site_id is not None:
        room = room.model_copy(update={"site_id": event.site_id})
    titles = dict.fromkeys(t for t in (event.title.nl, event.title.fr, event.title.en) if t)
    await book_for_request(
        uow,
        landlord_id=event.landlord_id,
        room=room,
        organisation=Organisation(kind="partner", id=event.partner_id),
        request=RequestRef(source="partners.activity", id=event.activity_id),
        purpose=" / ".join(titles)[:300] or "activity",
        needs_approval=True,
    )
