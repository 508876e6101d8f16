"""Reads: space search with a free window, availability, bookings of a room or a booker."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from kernel.errors import ValidationFailed
from spaces.domain.availability import MAX_WINDOW, free_slots, is_free
from spaces.domain.bookings import Booking
from spaces.domain.spaces import Space
from spaces.service.bookings import space_of
from spaces.service.unit_of_work import UnitOfWork

Period = tuple[datetime, datetime]


def require_window(starts_at: datetime, ends_at: datetime, field: str = "from") -> Period:
    """A window that ends after it starts and spans at most two months."""
    if ends_at <= starts_at or ends_at - starts_at > MAX_WINDOW:
        raise ValidationFailed(
            "a window ends after it starts and spans at most 62 days",
            field=field,
            message_key="spaces.window_invalid",
        )
    return starts_at, ends_at


async def search_spaces(
    uow: UnitOfWork,
    *,
    site_id: uuid.UUID | None,
    landlord_id: uuid.UUID | None,
    min_capacity: int | None,
    accessible: Sequence[str],
    free: Period | None,
) -> list[Space]:
    """Spaces matching the criteria; with ``free``, only those open and unbooked then."""
    found = await uow.spaces.search(
        site_id=site_id, landlord_id=landlord_id, min_capacity=min_capacity, accessible=accessible
    )
    if free is None or not found:
        return found
    window = require_window(*free, field="free_from")
    busy = await uow.bookings.busy([space.id for space in found], window)
    return [space for space in found if is_free(space, *window, busy.get(space.id, []))]


async def availability(uow: UnitOfWork, space_id: uuid.UUID, window: Period) -> list[Period]:
    """The free slots of a space within a window."""
    space = await space_of(uow, space_id)
    window = require_window(*window)
    busy = await uow.bookings.busy([space.id], window)
    return free_slots(space, *window, busy.get(space.id, []))


async def space_bookings(
    uow: UnitOfWork, space_id: uuid.UUID, window: Period, *, first: int, offset: int
) -> tuple[Space, list[Booking]]:
    """A space and its bookings starting within a window (a page of them)."""
    space = await space_of(uow, space_id)
    return space, await uow.bookings.of_space(space.id, require_window(*window), limit=first, offset=offset)
