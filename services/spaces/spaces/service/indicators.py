"""Indicators of a landlord's rooms over a period, for its staff and regional admins."""

from __future__ import annotations

import uuid

from kernel.auth import Principal
from kernel.periods import Period
from spaces.domain.indicators import RoomIndicators, room_indicators
from spaces.service.permissions import require_staff
from spaces.service.unit_of_work import UnitOfWork


async def landlord_indicators(
    uow: UnitOfWork, actor: Principal, landlord_id: uuid.UUID, period: Period
) -> RoomIndicators:
    """Occupancy, shares, no-shows and approval time of every room of ``landlord_id`` for
    bookings starting within ``period`` (Brussels days, inclusive).

    FORBIDDEN unless ``actor`` is staff of that landlord or a regional admin.
    """
    require_staff(actor, landlord_id)
    window = (period.begins, period.ends)
    spaces = await uow.spaces.search(landlord_id=landlord_id)
    bookings = await uow.bookings.starting_within([space.id for space in spaces], window)
    return room_indicators(spaces, bookings, window)
