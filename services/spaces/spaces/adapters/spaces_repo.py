"""Spaces and their closures."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, insert, true, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from spaces.adapters import mapping
from spaces.adapters.bookings_repo import TSTZ, Period, holder_of
from spaces.adapters.tables import ClosureRow, SpaceRow
from spaces.domain.spaces import Closure, Space

# Spaces with their closures in one round trip: a left join, one row per closure (or one
# without when the room has none).
WITH_CLOSURES = select(SpaceRow, ClosureRow).outerjoin(
    ClosureRow, col(ClosureRow.space_id) == col(SpaceRow.id)
)
# Built once: every booking reads its room, and building the statement costs more than running it.
BY_ID = WITH_CLOSURES.where(col(SpaceRow.id) == bindparam("space_id"))
# The room and, in the same round trip, a committed live booking overlapping the wanted period.
_HOLDER = holder_of(col(SpaceRow.id), bindparam("starts", type_=TSTZ), bindparam("until", type_=TSTZ))
FOR_BOOKING = (
    select(SpaceRow, ClosureRow, _HOLDER.c.starts_at, _HOLDER.c.blocked_until)
    .outerjoin(ClosureRow, col(ClosureRow.space_id) == col(SpaceRow.id))
    .outerjoin(_HOLDER, true())
    .where(col(SpaceRow.id) == bindparam("space_id"))
)


class SpaceRepository:
    """Collective rooms, loaded with their closures."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, space: Space) -> None:
        """Store a new space."""
        await self.session.exec(insert(SpaceRow).values(**mapping.space_values(space)))

    async def save(self, space: Space) -> None:
        """Store a changed space (closures are added on their own)."""
        values = mapping.space_values(space)
        await self.session.exec(update(SpaceRow).where(col(SpaceRow.id) == space.id).values(**values))

    async def add_closure(self, space_id: uuid.UUID, closure: Closure) -> None:
        """Store a closure of ``space_id``."""
        values = {
            "id": closure.id,
            "space_id": space_id,
            "starts_on": closure.starts_on,
            "ends_on": closure.ends_on,
            "reason": closure.reason.model_dump(),
        }
        await self.session.exec(insert(ClosureRow).values(**values))

    async def get(self, space_id: uuid.UUID) -> Space | None:
        """The space with ``space_id``, if any."""
        found = await self._load(BY_ID, {"space_id": space_id})
        return found[0] if found else None

    async def for_booking(self, space_id: uuid.UUID, period: Period) -> tuple[Space | None, Period | None]:
        """The space with ``space_id`` and the period a committed live booking of it holds
        overlapping ``period`` (if any), in one round trip: a rush's losers are answered by
        this read; the exclusion constraint still settles races between uncommitted ones."""
        params = {"space_id": space_id, "starts": period[0], "until": period[1]}
        rows: list[tuple[SpaceRow, ClosureRow | None]] = []
        held: Period | None = None
        for row, closure, starts_at, blocked_until in await self.session.exec(FOR_BOOKING, params=params):
            rows.append((row, closure))
            held = (starts_at, blocked_until) if starts_at is not None else None
        if not rows:
            return None, None
        closures = [closure for _, closure in rows if closure is not None]
        return mapping.space(rows[0][0], closures), held

    async def by_feed_token(self, token: str) -> Space | None:
        """The space whose feed has ``token``."""
        found = await self._load(WITH_CLOSURES.where(col(SpaceRow.feed_token) == token))
        return found[0] if found else None

    async def search(
        self,
        *,
        ids: Sequence[uuid.UUID] | None = None,
        site_id: uuid.UUID | None = None,
        landlord_id: uuid.UUID | None = None,
        min_capacity: int | None = None,
        accessible: Sequence[str] = (),
    ) -> list[Space]:
        """Spaces matching every given criterion, by site and capacity."""
        criteria: list[Any] = []
        if ids is not None:
            criteria.append(col(SpaceRow.id).in_(ids))
        if site_id is not None:
            criteria.append(col(SpaceRow.site_id) == site_id)
        if landlord_id is not None:
            criteria.append(col(SpaceRow.landlord_id) == landlord_id)
        if min_capacity is not None:
            criteria.append(col(SpaceRow.capacity) >= min_capacity)
        if accessible:
            criteria.append(col(SpaceRow.accessibility).contains(list(accessible)))
        order = (col(SpaceRow.site_id), col(SpaceRow.capacity), col(SpaceRow.id))
        return await self._load(WITH_CLOSURES.where(*criteria).order_by(*order))

    async def _load(self, query: Any, params: dict[str, Any] | None = None) -> list[Space]:
        """The spaces of ``query`` (over :data:`WITH_CLOSURES`) with their closures, in its order."""
        rows: dict[uuid.UUID, SpaceRow] = {}
        closures: dict[uuid.UUID, list[ClosureRow]] = defaultdict(list)
        for row, closure in await self.session.exec(query, params=params):
            rows.setdefault(row.id, row)
            if closure is not None:
                closures[row.id].append(closure)
        return [mapping.space(row, closures[row.id]) for row in rows.values()]
