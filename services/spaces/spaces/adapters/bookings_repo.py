"""Bookings: inserted one occurrence at a time, so the database settles every overlap."""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Text, delete, func, insert, literal_column, text, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from contracts.common import Organisation, RequestRef
from spaces.adapters import mapping
from spaces.adapters.tables import BookingRow, SeriesRow
from spaces.domain.bookings import LIVE_STATES, Booking

EXCLUSION_VIOLATION = "23P01"
Period = tuple[datetime, datetime]

# Statements built once (a rush spends more on building statements than on running them);
# the Core table's insert takes plain values, without the ORM's bulk-persistence work.
INSERT_BOOKING = insert(BookingRow.__table__)  # type: ignore[attr-defined]
TSTZ = DateTime(timezone=True)
_HALF_OPEN = literal_column("'[)'", type_=Text)


def holder_of(space: Any, starts: Any, until: Any) -> Any:
    """A lateral subquery: the period (buffer included) of one live booking of ``space``
    overlapping ``[starts, until)``, written as the exclusion constraint's own expression so
    its GiST index serves the read."""
    held = func.tstzrange(col(BookingRow.starts_at), col(BookingRow.blocked_until), _HALF_OPEN)
    return (
        select(BookingRow.starts_at, BookingRow.blocked_until)
        .where(
            col(BookingRow.space_id) == space,
            col(BookingRow.state).in_(LIVE_STATES),
            held.op("&&")(func.tstzrange(starts, until, _HALF_OPEN)),
        )
        .limit(1)
        .lateral("holder")
    )


def is_overlap(error: IntegrityError) -> bool:
    """True when ``error`` is the no-overlap exclusion constraint refusing a booking."""
    return getattr(error.orig, "sqlstate", None) == EXCLUSION_VIOLATION


# PostgreSQL's detail of an exclusion violation: "... conflicts with existing key
# (space_id, tstzrange(...))=(<id>, ["<start>","<end>"))." (the held range, never whose).
EXISTING_RANGE = re.compile(
    r'conflicts with existing key \(.*\)=\(.*, [\[(]"?([^",]+)"?,"?([^",)\]]+)"?[)\]]\)'
)


def clash_of(error: IntegrityError) -> Period | None:
    """The period (buffer included) the existing booking holds, read from the violation's
    detail, so a refusal can say which interval clashes without another query."""
    cause = getattr(error.orig, "__cause__", None)
    detail = getattr(cause, "detail", None) or str(error)
    found = EXISTING_RANGE.search(detail)
    if found is None:
        return None
    try:
        return datetime.fromisoformat(found.group(1)), datetime.fromisoformat(found.group(2))
    except ValueError:
        return None


@dataclass(frozen=True)
class Overlap:
    """An insert refused because a live booking overlaps it."""

    held: Period | None
    """The period (buffer included) the existing booking holds, when the violation tells it."""


class BookingRepository:
    """Booked occurrences and series."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def try_insert(self, booking: Booking, *, savepoint: bool = True) -> Overlap | None:
        """Store ``booking`` unless a live booking overlaps it (None when stored; the overlap
        then, nothing written).

        Without ``savepoint`` a refusal leaves the transaction failed: only for a caller that
        then gives up the whole transaction (a single booking)."""
        values = mapping.booking_values(booking)
        try:
            if savepoint:
                async with self.session.begin_nested():
                    await self.session.exec(INSERT_BOOKING, params=values)
            else:
                await self.session.exec(INSERT_BOOKING, params=values)
        except IntegrityError as exc:
            if is_overlap(exc):
                return Overlap(clash_of(exc))
            raise
        return None

    async def add_series(self, series_id: uuid.UUID, space_id: uuid.UUID, rule: str, first: Period) -> None:
        """Store a series' rule and first occurrence."""
        values = {
            "id": series_id,
            "space_id": space_id,
            "rule": rule,
            "starts_at": first[0],
            "ends_at": first[1],
        }
        await self.session.exec(insert(SeriesRow).values(**values))

    async def save(self, booking: Booking) -> None:
        """Store a booking's new state."""
        values = mapping.booking_values(booking)
        await self.session.exec(update(BookingRow).where(col(BookingRow.id) == booking.id).values(**values))

    async def get(self, booking_id: uuid.UUID, *, lock: bool = False) -> Booking | None:
        """The booking with ``booking_id`` (row-locked for a state change when ``lock``)."""
        query = select(BookingRow).where(col(BookingRow.id) == booking_id)
        row = (await self.session.exec(query.with_for_update() if lock else query)).first()
        return mapping.booking(row) if row else None

    async def of_series(self, series_id: uuid.UUID, *, after: datetime) -> list[Booking]:
        """The occurrences of a series starting at or after ``after`` (row-locked)."""
        query = (
            select(BookingRow)
            .where(col(BookingRow.series_id) == series_id, col(BookingRow.starts_at) >= after)
            .order_by(col(BookingRow.starts_at))
            .with_for_update()
        )
        return [mapping.booking(row) for row in await self.session.exec(query)]

    async def by_request(self, request: RequestRef) -> Booking | None:
        """The booking made for another service's request, if any."""
        query = select(BookingRow).where(
            col(BookingRow.request_source) == request.source, col(BookingRow.request_id) == request.id
        )
        row = (await self.session.exec(query)).first()
        return mapping.booking(row) if row else None

    async def lock_quota(self, space_id: uuid.UUID, organisation: Organisation) -> None:
        """Serialise quota checks of one organisation in one room until the transaction ends."""
        key = f"spaces.quota:{space_id}:{organisation.kind}:{organisation.id}"
        await self.session.exec(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), params={"k": key}
        )  # type: ignore[call-overload]

    async def held(
        self,
        space_id: uuid.UUID,
        organisation: Organisation,
        window: Period,
        *,
        exclude: Collection[uuid.UUID] = (),
    ) -> list[Period]:
        """The live periods the organisation holds in the room, starting within ``window``
        (bookings in ``exclude`` apart)."""
        query = select(BookingRow.starts_at, BookingRow.ends_at).where(
            col(BookingRow.space_id) == space_id,
            col(BookingRow.organisation_kind) == organisation.kind,
            col(BookingRow.organisation_id) == organisation.id,
            col(BookingRow.state).in_(LIVE_STATES),
            col(BookingRow.starts_at) >= window[0],
            col(BookingRow.starts_at) < window[1],
        )
        if exclude:
            query = query.where(col(BookingRow.id).not_in(list(exclude)))
        return [(start, end) for start, end in await self.session.exec(query)]

    async def remove(self, booking_ids: Sequence[uuid.UUID]) -> None:
        """Delete bookings placed in this transaction (over the quota after all)."""
        await self.session.exec(delete(BookingRow).where(col(BookingRow.id).in_(list(booking_ids))))

    async def busy(self, space_ids: Sequence[uuid.UUID], window: Period) -> dict[uuid.UUID, list[Period]]:
        """Per space, the periods live bookings hold (buffers included) that touch ``window``."""
        query = select(BookingRow.space_id, BookingRow.starts_at, BookingRow.blocked_until).where(
            col(BookingRow.space_id).in_(space_ids),
            col(BookingRow.state).in_(LIVE_STATES),
            col(BookingRow.starts_at) < window[1],
            col(BookingRow.blocked_until) > window[0],
        )
        busy: dict[uuid.UUID, list[Period]] = defaultdict(list)
        for space_id, start, end in await self.session.exec(query):
            busy[space_id].append((start, end))
        return busy

    async def of_space(
        self, space_id: uuid.UUID, window: Period, *, limit: int, offset: int = 0
    ) -> list[Booking]:
        """The room's bookings starting within ``window``, by start."""
        query = (
            select(BookingRow)
            .where(
                col(BookingRow.space_id) == space_id,
                col(BookingRow.starts_at) >= window[0],
                col(BookingRow.starts_at) < window[1],
            )
            .order_by(col(BookingRow.starts_at), col(BookingRow.id))
            .offset(offset)
            .limit(limit)
        )
        return [mapping.booking(row) for row in await self.session.exec(query)]

    async def of_booker(self, booker: str, *, limit: int, offset: int = 0) -> list[Booking]:
        """What one booker booked, latest start first."""
        query = (
            select(BookingRow)
            .where(col(BookingRow.booker) == booker)
            .order_by(col(BookingRow.starts_at).desc(), col(BookingRow.id))
            .offset(offset)
            .limit(limit)
        )
        return [mapping.booking(row) for row in await self.session.exec(query)]

    async def started_unchecked(self, now: datetime, limit: int = 200) -> list[Booking]:
        """Confirmed bookings that started and nobody checked in (locked; others skip them)."""
        query = (
            select(BookingRow)
            .where(col(BookingRow.state) == "confirmed", col(BookingRow.starts_at) < now)
            .order_by(col(BookingRow.starts_at))
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [mapping.booking(row) for row in await self.session.exec(query)]

    async def starting_within(self, space_ids: Sequence[uuid.UUID], window: Period) -> list[Booking]:
        """Every booking (any state) of these spaces starting within ``window``."""
        query = select(BookingRow).where(
            col(BookingRow.space_id).in_(space_ids),
            col(BookingRow.starts_at) >= window[0],
            col(BookingRow.starts_at) < window[1],
        )
        return [mapping.booking(row) for row in await self.session.exec(query)]
