"""Placing a booking (one occurrence or a series) in a room.

The database decides overlaps: each occurrence is inserted in its own savepoint and the
exclusion constraint refuses it when a live booking holds the room (no check-then-insert
race). Quotas are counted under an advisory lock on (room, organisation), in the same
transaction, so two requests of one organisation cannot both take the last hour.

The quota lock is taken late: after the inserts, only by a request that placed something, and
held only for the count and the commit. Attempts that lose a slot never queue on it, and a
request never waits for a slot (another transaction) while holding the lock, so two requests
of one organisation cannot deadlock. Occurrences over the quota are then removed again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from kernel.errors import Conflict, ValidationFailed
from spaces.domain.bookings import Booking, State
from spaces.domain.commands import RequestBooking
from spaces.domain.quota import QuotaExceeded, check_quota, quota_window
from spaces.domain.rules import (
    ConflictReason,
    blocked_until,
    period_problem,
    require_capacity,
    require_valid_period,
)
from spaces.domain.spaces import Space
from spaces.service.unit_of_work import UnitOfWork

Period = tuple[datetime, datetime]


@dataclass(frozen=True)
class OccurrenceConflict:
    """An occurrence that could not be booked, and why."""

    starts_at: datetime
    ends_at: datetime
    reason: ConflictReason


@dataclass
class Placement:
    """What a request booked, and what it could not."""

    series_id: uuid.UUID | None = None
    bookings: list[Booking] = field(default_factory=list)
    conflicts: list[OccurrenceConflict] = field(default_factory=list)
    quota: QuotaExceeded | None = None
    clash: tuple[datetime, datetime] | None = None
    """The period an existing booking holds where the first occurrence was refused (no who)."""


def _check(command: RequestBooking, space: Space) -> None:
    require_valid_period(command.starts_at, command.ends_at)
    require_capacity(space, command.attendees)
    if not command.purpose.strip() or len(command.purpose) > 300:
        raise ValidationFailed("say what the room is for (≤ 300 characters)", field="purpose")


def _state(space: Space, command: RequestBooking) -> State:
    return "confirmed" if space.policy.auto_confirm and not command.needs_approval else "requested"


async def _enforce_quota(
    uow: UnitOfWork, space: Space, command: RequestBooking, placement: Placement
) -> None:
    """Under the (room, organisation) lock, keep the placed occurrences that fit in the quota
    beside what the organisation already holds, in order; remove the others."""
    quota = space.policy.quota
    if quota is None or not placement.bookings:
        return
    await uow.bookings.lock_quota(space.id, command.organisation)
    placed = {b.id for b in placement.bookings}
    held: dict[Period, list[Period]] = {}
    kept: list[Booking] = []
    over: list[Booking] = []
    for booking in placement.bookings:
        period = (booking.starts_at, booking.ends_at)
        window = quota_window(quota, period[0])
        if window not in held:
            held[window] = await uow.bookings.held(space.id, command.organisation, window, exclude=placed)
        if exceeded := check_quota(quota, held[window], period):
            placement.quota = exceeded
            placement.conflicts.append(OccurrenceConflict(period[0], period[1], "quota"))
            over.append(booking)
        else:
            held[window].append(period)
            kept.append(booking)
    if over:
        await uow.bookings.remove([b.id for b in over])
        placement.bookings = kept
        placement.conflicts.sort(key=lambda conflict: conflict.starts_at)


async def place(
    uow: UnitOfWork,
    space: Space,
    booker: str,
    command: RequestBooking,
    now: datetime,
    *,
    single_raises: bool = False,
    held: Period | None = None,
) -> Placement:
    """Book every occurrence that can be booked (all or none unless ``skip_conflicts``).

    ``single_raises``: a single booking that cannot be placed raises (:func:`raise_for_single`)
    and the caller gives up its transaction, so it needs no savepoints (four round trips fewer).
    Callers that go on in the same transaction (the flows trying the next room) leave it off.
    ``held``: a period a committed booking already holds over the single booking's slot (read
    with the room); the booking is then refused without an insert.
    """
    _check(command, space)
    recurrence = command.recurrence
    periods = (
        recurrence.expand(command.starts_at, command.ends_at)
        if recurrence
        else [(command.starts_at, command.ends_at)]
    )
    placement = Placement(series_id=uuid.uuid4() if recurrence else None)
    if recurrence is None and single_raises:
        # A refused insert leaves the transaction failed; the error raised here rolls it back.
        await _place_periods(
            uow, space, booker, command, periods, placement, now, savepoints=False, held=held
        )
        raise_for_single(placement)
        return placement
    savepoint = await uow.session.begin_nested()
    if recurrence and placement.series_id:
        await uow.bookings.add_series(placement.series_id, space.id, recurrence.rule(), periods[0])
    await _place_periods(uow, space, booker, command, periods, placement, now, savepoints=True)
    if placement.conflicts and not command.skip_conflicts:
        await savepoint.rollback()
        placement.bookings = []
    else:
        await savepoint.commit()
    return placement


async def _place_periods(
    uow: UnitOfWork,
    space: Space,
    booker: str,
    command: RequestBooking,
    periods: list[Period],
    placement: Placement,
    now: datetime,
    *,
    savepoints: bool,
    held: Period | None = None,
) -> None:
    for period in periods:
        reason = period_problem(space, *period, now)
        if reason is None:
            booking = _booking(space, booker, command, period, placement.series_id, now)
            # A single booking whose slot is already held is answered by a read: no insert
            # waiting for the winner's commit, no failed statement. Else the constraint decides.
            overlap = None
            if held is None:
                overlap = await uow.bookings.try_insert(booking, savepoint=savepoints)
                if overlap is None:
                    placement.bookings.append(booking)
                    continue
            reason = "booked"
            placement.clash = placement.clash or held or (overlap.held if overlap else None)
        placement.conflicts.append(OccurrenceConflict(period[0], period[1], reason))
    if not placement.conflicts or command.skip_conflicts:
        await _enforce_quota(uow, space, command, placement)


def _booking(
    space: Space,
    booker: str,
    command: RequestBooking,
    period: Period,
    series_id: uuid.UUID | None,
    now: datetime,
) -> Booking:
    state = _state(space, command)
    return Booking(
        id=uuid.uuid4(),
        space_id=space.id,
        organisation=command.organisation,
        booker=booker,
        purpose=command.purpose.strip(),
        attendees=command.attendees,
        starts_at=period[0],
        ends_at=period[1],
        blocked_until=blocked_until(space, period[1]),
        state=state,
        series_id=series_id,
        request=command.request,
        requested_at=now,
        decided_at=now if state == "confirmed" else None,
    )


def raise_for_single(placement: Placement) -> None:
    """A single booking that could not be placed is an error naming why."""
    if not placement.conflicts:
        return
    reason = placement.conflicts[0].reason
    if reason == "booked":
        clash = placement.clash
        params = (
            {"clash_starts_at": clash[0].isoformat(), "clash_ends_at": clash[1].isoformat()} if clash else {}
        )
        raise Conflict("the room is booked", message_key="spaces.slot_taken", params=params)
    if reason == "quota" and placement.quota is not None:
        quota = placement.quota
        raise Conflict(
            f"quota {quota.kind} {quota.limit} reached ({quota.used} used)",
            message_key=f"spaces.quota_exceeded.{quota.kind}",
            params={"limit": quota.limit, "used": f"{quota.used:g}"},
        )
    raise ValidationFailed(reason, field="starts_at", message_key=f"spaces.conflict.{reason}")
