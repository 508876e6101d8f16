"""Helpers for the councils service's tests: the outbox, a small world of people, polling."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func
from sqlmodel import col, select

from kernel.db import SessionFactory
from kernel.migrations import script_location, upgrade
from kernel.outbox import OutboxMessage
from kernel.settings import Settings
from kernel.testing.tokens import TestIssuer, bearer

MIGRATIONS = script_location(Path(__file__).resolve().parent)


async def migrate(settings: Settings) -> None:
    """Bring the councils schema in ``settings``' database to head."""
    await asyncio.to_thread(upgrade, "councils", MIGRATIONS, settings)


async def outbox(sessions: SessionFactory, event_type: str) -> list[dict[str, Any]]:
    """The events of ``event_type`` the service recorded (CloudEvents), oldest first."""
    async with sessions() as session:
        query = (
            select(OutboxMessage)
            .where(OutboxMessage.event_type == event_type)
            .order_by(col(OutboxMessage.position))
        )
        return [row.payload for row in await session.exec(query)]


async def outbox_count(sessions: SessionFactory) -> int:
    """How many events the service recorded so far."""
    async with sessions() as session:
        return int((await session.exec(select(func.count()).select_from(OutboxMessage))).one())


@dataclass
class World:
    """A landlord with a council of 7 seats and 5 sitting members; another landlord; the people."""

    issuer: TestIssuer
    landlord: uuid.UUID
    other_landlord: uuid.UUID
    council: dict[str, Any]
    members: list[uuid.UUID]
    household: uuid.UUID = field(default_factory=uuid.uuid4)

    def member(self, index: int = 0) -> dict[str, str]:
        """Headers of a sitting member (by mandate, the token only says who they are)."""
        person = str(self.members[index])
        return bearer(self.issuer.token(subject=person, person=person))

    def staff(self, landlord: uuid.UUID | None = None) -> dict[str, str]:
        """Headers of landlord staff (of this landlord by default)."""
        return bearer(self.issuer.person("landlord_staff", landlord or self.landlord))

    def tenant(self, household: uuid.UUID | None = None) -> dict[str, str]:
        """Headers of a tenant household of this landlord."""
        return bearer(self.issuer.tenant(self.landlord, str(household or self.household)))

    def other_tenant(self) -> dict[str, str]:
        """Headers of a tenant of the other landlord."""
        return bearer(self.issuer.tenant(self.other_landlord))

    def partner(self) -> dict[str, str]:
        """Headers of a partner organisation's client."""
        return bearer(self.issuer.partner())

    def admin(self) -> dict[str, str]:
        """Headers of a regional admin."""
        return bearer(self.issuer.person("regional_admin", None))


async def ok(response: httpx.Response, status: int = 200) -> Any:
    """The JSON body of a response that must have ``status``."""
    assert response.status_code == status, response.text
    return response.json()


def soon(days: int = 7, hours: int = 0) -> datetime:
    """A time ``days`` ahead, on the hour."""
    return (datetime.now(UTC) + timedelta(days=days, hours=hours)).replace(minute=0, second=0, microsecond=0)


async def wait_for(check: Callable[[], Awaitable[Any]], seconds: float = 10.0) -> Any:
    """Poll the async ``check`` until it returns something truthy (consumers run in the background)."""
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        result = await check()
        if result or asyncio.get_running_loop().time() > deadline:
            return result
        await asyncio.sleep(0.1)
