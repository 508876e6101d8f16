"""Spaces and their closures."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import insert, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from spaces.adapters import mapping
from spaces.adapters.tables import ClosureRow, SpaceRow
from spaces.domain.spaces import Closure, Space


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
        found = await self._load(select(SpaceRow).where(col(SpaceRow.id) == space_id))
        return found[0] if found else None

    async def by_feed_token(self, token: str) -> Space | None:
        """The space whose feed has ``token``."""
        found = await self._load(select(SpaceRow).where(col(SpaceRow.feed_token) == token))
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
        query = select(SpaceRow).order_by(col(SpaceRow.site_id), col(SpaceRow.capacity), col(SpaceRow.id))
        if ids is not None:
            query = query.where(col(SpaceRow.id).in_(ids))
        if site_id is not None:
            query = query.where(col(SpaceRow.site_id) == site_id)
        if landlord_id is not None:
            query = query.where(col(SpaceRow.landlord_id) == landlord_id)
        if min_capacity is not None:
            query = query.where(col(SpaceRow.capacity) >= min_capacity)
        if accessible:
            query = query.where(col(SpaceRow.accessibility).contains(list(accessible)))
        return await self._load(query)

    async def _load(self, query: object) -> list[Space]:
        rows = list((await self.session.exec(query)).all())  # type: ignore[call-overload]
        if not rows:
            return []
        closures: dict[uuid.UUID, list[ClosureRow]] = defaultdict(list)
        found = await self.session.exec(
            select(ClosureRow).where(col(ClosureRow.space_id).in_([row.id for row in rows]))
        )
        for closure in found:
            closures[closure.space_id].append(closure)
        return [mapping.space(row, closures[row.id]) for row in rows]
