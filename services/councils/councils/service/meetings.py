"""Handlers for meetings: schedule (with a room request), attendance, votes, minutes."""

from __future__ import annotations

import uuid

from contracts.common import RoomRequest
from contracts.councils import MeetingHeld, MeetingScheduled, MinutesPublished
from councils.adapters.mapping import uuids
from councils.adapters.tables import MeetingRow
from councils.domain import minutes
from councils.domain.agenda import ON_AGENDA
from councils.domain.commands import PublishMinutes, RecordAttendance, RecordVote, ScheduleMeeting
from councils.domain.meetings import Attendance, check_times, choice_of, venue_status
from councils.service.clock import utcnow
from councils.service.councils import load_council
from councils.service.permissions import require_member
from councils.service.scheduling import put_on_agenda, take_waiting
from councils.service.unit_of_work import UnitOfWork
from kernel.auth import Principal
from kernel.errors import Conflict, NotFound, ValidationFailed


async def load_meeting(uow: UnitOfWork, meeting_id: uuid.UUID) -> MeetingRow:
    """The meeting (locked until commit), or NOT_FOUND."""
    meeting = await uow.meetings.get(meeting_id, lock=True)
    if meeting is None:
        raise NotFound(f"meeting {meeting_id}", message_key="councils.meeting_unknown")
    return meeting


def room_request_of(command: ScheduleMeeting) -> RoomRequest | None:
    """The room request spaces will act on (VALIDATION naming the field when it is incomplete)."""
    if command.room is None:
        return None
    if command.venue and command.venue.strip():
        raise ValidationFailed("a venue or a room request, not both", field="room")
    try:
        return RoomRequest(
            space_id=command.room.space_id,
            site_id=command.room.site_id,
            min_capacity=command.room.min_capacity,
            starts_at=command.starts_at,
            ends_at=command.ends_at,
        )
    except ValueError:
        raise ValidationFailed(
            "a room request names a space or a site",
            field="room.space_id",
            message_key="councils.room_incomplete",
        ) from None


async def schedule_meeting(uow: UnitOfWork, actor: Principal | None, command: ScheduleMeeting) -> MeetingRow:
    """A member schedules a meeting with its agenda → ``meeting.scheduled`` (spaces books the room)."""
    council = await load_council(uow, command.council_id, lock=True)
    await require_member(uow, actor, council)
    check_times(command.starts_at, command.ends_at, utcnow())
    room = room_request_of(command)
    meeting = await uow.meetings.add(
        MeetingRow(
            id=uuid.uuid4(),
            council_id=council.id,
            landlord_id=council.landlord_id,
            starts_at=command.starts_at,
            ends_at=command.ends_at,
            venue=(command.venue or "").strip() or None,
            venue_status=venue_status(command.venue, room is not None),
            quorum=command.quorum,
            room_request=room.model_dump(mode="json") if room else None,
        )
    )
    uow.record(
        MeetingScheduled(
            meeting_id=meeting.id,
            council_id=council.id,
            landlord_id=council.landlord_id,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            room_request=room,
        ),
        council.landlord_id,
    )
    for item_id in command.item_ids:
        item = await uow.items.get(item_id, lock=True)
        if item is None or item.council_id != council.id:
            raise ValidationFailed(
                "not an item of this council", field="item_ids", message_key="councils.item_unknown"
            )
        await put_on_agenda(uow, meeting, item)
    await take_waiting(uow, meeting)
    return meeting


async def record_attendance(
    uow: UnitOfWork, actor: Principal | None, command: RecordAttendance
) -> MeetingRow:
    """A member records who is present; the first time, the meeting is held → ``meeting.held``."""
    meeting = await load_meeting(uow, command.meeting_id)
    council = await load_council(uow, meeting.council_id)
    await require_member(uow, actor, council)
    day = meeting.starts_at.date()
    sitting = [m.person_id for m in await uow.mandates.of_council(council.id) if m.sits_on(day)]
    attendance = Attendance.record(sitting, command.present, meeting.quorum or council.quorum)
    first_time = meeting.held_at is None
    meeting.held_at = meeting.held_at or utcnow()
    meeting.sitting = sorted(str(person) for person in attendance.sitting)
    meeting.present = sorted(str(person) for person in attendance.present)
    if first_time:
        uow.record(
            MeetingHeld(
                meeting_id=meeting.id,
                council_id=council.id,
                landlord_id=council.landlord_id,
                sitting=len(attendance.sitting),
                present=len(attendance.present),
                quorum_met=attendance.quorum_met,
            ),
            council.landlord_id,
        )
    return meeting


def attendance_of(meeting: MeetingRow, configured: int | None) -> Attendance:
    """The attendance recorded for a meeting (CONFLICT before it was held)."""
    if meeting.held_at is None:
        raise Conflict("attendance first", field="meeting_id", message_key="councils.not_held")
    return Attendance.record(uuids(meeting.sitting), uuids(meeting.present), meeting.quorum or configured)


async def record_vote(uow: UnitOfWork, actor: Principal | None, command: RecordVote) -> dict[str, int]:
    """A member records a present member's vote on an item of the meeting; returns the tally so far."""
    meeting = await load_meeting(uow, command.meeting_id)
    council = await load_council(uow, meeting.council_id)
    await require_member(uow, actor, council)
    item = await uow.items.get(command.item_id, lock=True)
    if item is None or item.meeting_id != meeting.id or item.state not in ON_AGENDA:
        raise ValidationFailed(
            "not an open item of this meeting", field="item_id", message_key="councils.item_not_on_agenda"
        )
    choice = choice_of(command.choice)
    cast = await uow.items.votes(meeting.id, item.id)
    attendance_of(meeting, council.quorum).check_vote(command.person_id, cast)
    await uow.items.add_vote(meeting.id, item.id, command.person_id, choice)
    choices = [*cast.values(), choice]
    return {name: choices.count(name) for name in ("for", "against", "abstain")}


async def publish_minutes(uow: UnitOfWork, actor: Principal | None, command: PublishMinutes) -> MeetingRow:
    """A member publishes a held meeting's minutes to the tenants → ``minutes.published``."""
    meeting = await load_meeting(uow, command.meeting_id)
    council = await load_council(uow, meeting.council_id)
    await require_member(uow, actor, council)
    minutes.check_publishable(meeting.held_at, meeting.minutes_published_at)
    agenda = await uow.items.on_meeting(meeting.id)
    meeting.minutes = minutes.compose(command.summary, agenda, command.todos)
    meeting.minutes_published_at = utcnow()
    uow.record(
        MinutesPublished(
            meeting_id=meeting.id,
            council_id=council.id,
            landlord_id=council.landlord_id,
            decisions=len(meeting.minutes["decisions"]),
            published_at=meeting.minutes_published_at,
        ),
        council.landlord_id,
    )
    return meeting
