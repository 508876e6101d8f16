"""A tiny producer/consumer domain (schema `kerneltest`) to exercise the kernel for real."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import ClassVar

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from kernel.db import async_url, session_factory
from kernel.db import create_engine as create_service_engine
from kernel.events import IntegrationEvent
from kernel.migrations import KERNEL_TABLES
from kernel.settings import Settings

SCHEMA = "kerneltest"


class ThingHappened(IntegrationEvent):
    """The event our test producer emits with each state change."""

    event_type: ClassVar[str] = "inspraak.kerneltest.thing.happened"
    thing_id: uuid.UUID
    number: int


async def prepare_schema(settings: Settings) -> None:
    """Create the test schema with the kernel's tables and two tiny domain tables."""
    admin = create_async_engine(async_url(settings.database_url))
    async with admin.begin() as conn:
        await conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}"))
        await conn.execute(text(f"SET LOCAL search_path TO {SCHEMA}"))
        for table in KERNEL_TABLES:
            await conn.run_sync(table.create)
        await conn.execute(text("CREATE TABLE things (id uuid PRIMARY KEY, number int NOT NULL)"))
        await conn.execute(text("CREATE TABLE effects (event_id uuid NOT NULL, consumer text NOT NULL)"))
    await admin.dispose()


@asynccontextmanager
async def service_database(settings: Settings) -> AsyncIterator[tuple]:  # type: ignore[type-arg]
    """The engine and sessions a service would have, in the test schema."""
    settings = settings.model_copy(update={"database_schema": SCHEMA})
    await prepare_schema(settings)
    engine = create_service_engine(settings)
    try:
        yield engine, session_factory(engine)
    finally:
        await engine.dispose()
