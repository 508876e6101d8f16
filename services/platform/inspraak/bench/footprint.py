"""Scenario 5, footprint: resident memory of every process of the platform, and its cold start.

RSS counts shared pages once per process, so the total overstates what the machine gives up
a little (it is the figure the target is about). Embedded PostgreSQL counts with its backends;
on external servers PostgreSQL and NATS are not part of the platform and are left out.
"""

from __future__ import annotations

import psutil

from inspraak.bench.context import Bench
from inspraak.bench.report import Row

MIB = 1024 * 1024


def rss_by_process(bench: Bench) -> dict[str, float]:
    """MiB resident per platform process (a process with its children)."""
    sizes: dict[str, float] = {}
    for name, pid in bench.platform.service_pids().items():
        try:
            process = psutil.Process(pid)
            tree = [process, *process.children(recursive=True)]
            sizes[name] = sum(p.memory_info().rss for p in tree if p.is_running()) / MIB
        except psutil.NoSuchProcess:
            sizes[name] = 0.0
    return sizes


def _record(bench: Bench, when: str) -> None:
    sizes = rss_by_process(bench)
    total = sum(sizes.values())
    detail = ", ".join(f"{name} {mib:.0f}" for name, mib in sorted(sizes.items()))
    bench.report.add(Row("5 footprint", f"RSS {when} (MiB)", round(total, 1), unit="MiB", note=detail))
    bench.report.facts[f"rss_mib_{when.replace(' ', '_')}"] = {k: round(v, 1) for k, v in sizes.items()}


def record_idle(bench: Bench) -> None:
    """RSS right after start, before any load; checked against the 1 GiB target."""
    _record(bench, "idle")
    total = sum(rss_by_process(bench).values())
    bench.report.check("footprint: idle RSS < 1 GiB", total < 1024, total_mib=round(total, 1))


def record_after(bench: Bench, when: str) -> None:
    """RSS after a scenario."""
    _record(bench, when)


def record_cold_start(bench: Bench) -> None:
    """How long ``inspraak up``'s start took: migrations, demo data, every service ready."""
    seconds = bench.platform.cold_start_seconds
    bench.report.add(Row("5 footprint", "cold start of `inspraak up` (s)", round(seconds, 2), unit="s"))
    bench.report.facts["cold_start_seconds"] = round(seconds, 2)
