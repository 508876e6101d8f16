"""Periodic jobs start and stop with the service and survive a failing run."""

from __future__ import annotations

import asyncio

from kernel.runtime import ServiceRuntime


async def test_a_periodic_job_runs_repeatedly_keeps_going_after_a_failure_and_stops_with_the_service(
    make_settings,
) -> None:
    runtime = ServiceRuntime("kerneltest", make_settings(database_schema="kerneltest"))
    runs: list[int] = []

    async def flaky() -> None:
        runs.append(len(runs))
        if len(runs) == 1:
            raise RuntimeError("first run fails")

    runtime.every("flaky", 0.05, flaky)
    await runtime.start()
    for _ in range(100):
        if len(runs) >= 3:
            break
        await asyncio.sleep(0.05)
    await runtime.stop()
    stopped_at = len(runs)
    await asyncio.sleep(0.2)
    assert stopped_at >= 3, "ran again after the failing first run"
    assert len(runs) == stopped_at, "no run after stop"
