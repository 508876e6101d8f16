"""The periodic overdue check, run by the kernel's ``runtime.every`` while the service is up.

Every replica may run it: the conditional update in the repository flags each advice once.
"""

from __future__ import annotations

from datetime import date

from councils.service.advice import mark_overdue
from councils.service.clock import today
from councils.service.unit_of_work import unit_of_work
from kernel.runtime import PeriodicJob, ServiceRuntime

CHECK_EVERY_SECONDS = 3600.0


async def check_overdue(runtime: ServiceRuntime, day: date | None = None) -> int:
    """Flag overdue advice as of ``day`` (default today) → ``advice.overdue``; return how many."""
    async with unit_of_work(runtime.sessions) as uow:
        flagged = await mark_overdue(uow, day or today())
    if flagged:
        runtime.relay.wake()
    return len(flagged)


def register_overdue_check(runtime: ServiceRuntime, every: float = CHECK_EVERY_SECONDS) -> PeriodicJob:
    """Run :func:`check_overdue` right after start and then every ``every`` seconds."""

    async def run() -> int:
        return await check_overdue(runtime)

    return runtime.every("councils_overdue", every, run)
