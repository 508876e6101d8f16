"""Meetings: schedule, attendance, votes, minutes, and one meeting with its agenda."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from councils.domain.commands import (
    PublishMinutes,
    RecordAttendance,
    RecordVote,
    RoomWanted,
    ScheduleMeeting,
    ToDo,
)
from councils.entrypoints.deps import execute, read
from councils.entrypoints.schemas import (
    AttendanceCreate,
    MeetingCreate,
    MeetingPublic,
    MinutesCreate,
    TallyPublic,
    VoteCreate,
    meeting_public,
)
from councils.service import meetings, queries
from councils.service.unit_of_work import UnitOfWork
from kernel.auth import Principal
from kernel.http import OptionalPrincipal, Runtime
from kernel.runtime import ServiceRuntime

router = APIRouter(tags=["meetings"])


async def shown(runtime: ServiceRuntime, principal: Principal | None, meeting_id: uuid.UUID) -> MeetingPublic:
    """The meeting with its agenda, as the caller may see it."""

    async def query(uow: UnitOfWork) -> MeetingPublic:
        seen, meeting, agenda = await queries.meeting(uow, principal, meeting_id)
        return meeting_public(meeting, seen.viewer, agenda, seen.household_id)

    return await read(runtime, query)


@router.get("/meetings/{meeting_id}")
async def get_meeting(meeting_id: uuid.UUID, principal: OptionalPrincipal, runtime: Runtime) -> MeetingPublic:
    """One meeting with its agenda (tenants of the landlord and more)."""
    return await shown(runtime, principal, meeting_id)


@router.post("/councils/{council_id}/meetings", status_code=201)
async def schedule_meeting(
    council_id: uuid.UUID, body: MeetingCreate, principal: OptionalPrincipal, runtime: Runtime
) -> MeetingPublic:
    """A member schedules a meeting → ``meeting.scheduled`` (with a room request spaces acts on)."""
    room = RoomWanted(body.room.space_id, body.room.site_id, body.room.min_capacity) if body.room else None
    command = ScheduleMeeting(
        council_id, body.starts_at, body.ends_at, tuple(body.item_ids), body.venue, room, body.quorum
    )
    meeting = await execute(runtime, meetings.schedule_meeting, principal, command)
    return await shown(runtime, principal, meeting.id)


@router.post("/meetings/{meeting_id}/attendance")
async def record_attendance(
    meeting_id: uuid.UUID, body: AttendanceCreate, principal: OptionalPrincipal, runtime: Runtime
) -> MeetingPublic:
    """A member records who is present; the meeting is held → ``meeting.held`` (once)."""
    command = RecordAttendance(meeting_id, tuple(body.present))
    await execute(runtime, meetings.record_attendance, principal, command)
    return await shown(runtime, principal, meeting_id)


@router.post("/meetings/{meeting_id}/votes", status_code=201)
async def record_vote(
    meeting_id: uuid.UUID, body: VoteCreate, principal: OptionalPrincipal, runtime: Runtime
) -> TallyPublic:
    """A member records one present member's vote; quorum checked; a second vote is CONFLICT."""
    command = RecordVote(meeting_id, body.item_id, body.person_id, body.choice)
    tally = await execute(runtime, meetings.record_vote, principal, command)
    return TallyPublic(votes_for=tally["for"], votes_against=tally["against"], abstentions=tally["abstain"])


@router.post("/meetings/{meeting_id}/minutes")
async def publish_minutes(
    meeting_id: uuid.UUID, body: MinutesCreate, principal: OptionalPrincipal, runtime: Runtime
) -> MeetingPublic:
    """A member publishes the minutes to the landlord's tenants → ``minutes.published``."""
    todos = tuple(ToDo(todo.text, todo.owner) for todo in body.todos)
    await execute(
        runtime, meetings.publish_minutes, principal, PublishMinutes(meeting_id, body.summary, todos)
    )
    return await shown(runtime, principal, meeting_id)
