"""The benchmarks still work: every scenario, a few seconds each, correctness counts only.

Nothing here is timed: the figures are printed by ``inspraak bench`` (docs/performance.md).
"""

from __future__ import annotations

import pytest

from inspraak.bench.context import Options
from inspraak.bench.runner import ORDER, run_bench

pytestmark = pytest.mark.e2e


def test_every_scenario_runs_and_its_counts_hold() -> None:
    report = run_bench(ORDER, Options.smoke())

    failed = {name: check for name, check in report.checks.items() if not check["passed"]}
    assert not failed, failed
    assert {
        "wave: accepted = stored answers = participation = used invitations",
        "booking: exactly one confirmed per slot",
        "fan-out: 0 lost, 0 duplicates after dedupe",
    } <= set(report.checks)
    assert report.facts["invitations_seconds"] > 0
