"""Runs the chosen scenarios against a freshly started platform and reports the figures."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from inspraak.bench import booking, fanout, footprint, reads, wave
from inspraak.bench.context import Bench, Options
from inspraak.bench.harness import BenchPlatform
from inspraak.bench.report import Report

Scenario = Callable[[Bench], Awaitable[None]]
SCENARIOS: dict[str, Scenario] = {
    "wave": wave.run,
    "booking": booking.run,
    "reads": reads.run,
    "fanout": fanout.run,
}
ORDER = ("wave", "booking", "reads", "fanout")


async def _run(bench: Bench, names: Sequence[str]) -> None:
    footprint.record_idle(bench)
    for name in names:
        try:
            await SCENARIOS[name](bench)
        except Exception as exc:  # one broken scenario must not hide the others' figures
            bench.report.check(f"{name}: ran to the end", False, error=f"{type(exc).__name__}: {exc}"[:500])
        if name == "wave":
            footprint.record_after(bench, "after wave")


def run_bench(names: Sequence[str], options: Options, data_dir: Path | None = None) -> Report:
    """Start the platform (cold start timed), run ``names`` in order, stop; the report."""
    report = Report()
    with tempfile.TemporaryDirectory(prefix="inspraak-bench-") as scratch:
        platform = BenchPlatform((data_dir or Path(scratch)).resolve())
        try:
            platform.start()
            bench = Bench(platform, options, report)
            footprint.record_cold_start(bench)
            asyncio.run(_run(bench, [n for n in ORDER if n in names]))
            if "wave" not in names:
                footprint.record_after(bench, "at end")
        finally:
            platform.stop()
    return report
