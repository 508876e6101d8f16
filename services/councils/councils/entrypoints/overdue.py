"""The periodic overdue check: a small background task of the service process.

Every replica may run it: the conditional update in the repository flags each advice once.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date

import structlog

from councils.service.advice import mark_overdue
from councils.service.clock import today
from councils.service.unit_of_work import unit_of_work
from kernel.asyncio_tools import sleep_or_stop
from kernel.runtime import ServiceRuntime

log = structlog.get_logger(__name__)
CHECK_EVERY_SECONDS = 3600.0


async def check_overdue(runtime: ServiceRuntime, day: date | None = None) -> int:
    """Flag overdue advice as of ``day`` (default today) → ``advice.overdue``; return how many."""
    async with unit_of_work(runtime.sessions) as uow:
        flagged = await mark_overdue(uow, day or today())
    if flagged:
        runtime.relay.wake()
    return len(flagged)


async def watch_overdue(runtime: ServiceRuntime, stop: asyncio.Event, every: float) -> None:
    """Run the check now and then every ``every`` seconds until ``stop`` is set."""
    while not stop.is_set():
        try:
            await check_overdue(runtime)
        except Exception as exc:  # the database may be away for a while: try again later
            log.warning("councils.overdue_check_failed", error=str(exc))
        await sleep_or_stop(stop, every)


@asynccontextmanager
async def overdue_watch(runtime: ServiceRuntime, every: float) -> AsyncIterator[None]:
    """Keep the watch running for the lifetime of the block."""
    stop = asyncio.Event()
    task = asyncio.create_task(watch_overdue(runtime, stop, every), name="councils-overdue")
    try:
        yield
    finally:
        stop.set()
        await asyncio.wait({task}, timeout=10)
        task.cancel()
