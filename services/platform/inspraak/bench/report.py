"""Figures of a bench run: one row per measurement, printed as a rich table and written as JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from inspraak.bench.loadgen import Measured


@dataclass
class Row:
    """One measurement: a ceiling, the platform path, or a one-off figure."""

    scenario: str
    what: str
    throughput: float | None = None
    unit: str = "req/s"
    ratio: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    errors: int = 0
    note: str = ""

    @classmethod
    def of(cls, scenario: str, what: str, measured: Measured, ceiling: Measured | None = None) -> Row:
        """A row from a load run, with its ratio to ``ceiling`` when given."""
        return cls(
            scenario,
            what,
            round(measured.rate, 1),
            ratio=round(measured.rate / ceiling.rate, 3) if ceiling and ceiling.rate else None,
            p50_ms=round(measured.percentile(50), 2),
            p99_ms=round(measured.percentile(99), 2),
            errors=measured.errors,
            note=(f"sample error: {measured.samples[0][:120]!r}" if measured.samples else ""),
        )


@dataclass
class Report:
    """Every row of the run, plus the correctness checks (name → passed, detail)."""

    rows: list[Row] = field(default_factory=list)
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)

    def add(self, row: Row) -> Row:
        """Add a row and return it."""
        self.rows.append(row)
        return row

    def check(self, name: str, passed: bool, **detail: Any) -> None:
        """Record a correctness check."""
        self.checks[name] = {"passed": passed, **detail}

    def print(self, console: Console) -> None:
        """The table of figures and the checks."""
        table = Table(title="Inspraak benchmarks (ceiling measured first, same run, same load generator)")
        for column in ("scenario", "what", "throughput", "ratio", "p50 ms", "p99 ms", "errors", "note"):
            table.add_column(column, overflow="fold")
        for row in self.rows:
            table.add_row(
                row.scenario,
                row.what,
                "" if row.throughput is None else f"{row.throughput:,.1f} {row.unit}",
                "" if row.ratio is None else f"{row.ratio:.0%}",
                _num(row.p50_ms),
                _num(row.p99_ms),
                str(row.errors),
                row.note,
            )
        console.print(table)
        for name, check in self.checks.items():
            mark = "[green]ok[/green]" if check["passed"] else "[red]FAILED[/red]"
            details = ", ".join(f"{k}={v}" for k, v in check.items() if k != "passed")
            console.print(f"{mark} {name}: {details}")

    def to_json(self) -> dict[str, Any]:
        """Everything, as JSON-ready data."""
        return {"rows": [asdict(r) for r in self.rows], "checks": self.checks, "facts": self.facts}

    def write(self, path: Path) -> None:
        """Write the JSON report."""
        path.write_text(json.dumps(self.to_json(), indent=2, default=str), encoding="utf-8")

    @property
    def passed(self) -> bool:
        """True when every correctness check passed."""
        return all(check["passed"] for check in self.checks.values())


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:,.1f}"
