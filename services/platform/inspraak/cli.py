"""``inspraak up``: PostgreSQL, NATS, every service and the gateway on one machine."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from types import FrameType
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from inspraak.supervisor import Platform, StartupFailed

app = typer.Typer(help="Inspraak: participation and consultation for social-housing tenants.")
console = Console()


@app.callback()
def main() -> None:
    """Inspraak platform commands."""


@app.command()
def up(
    data_dir: Path = typer.Option(Path(".inspraak"), help="Where data, logs and urls.json live."),
) -> None:
    """Start the whole platform; Ctrl-C or SIGTERM stops it cleanly.

    Uses INSPRAAK_DATABASE_URL / INSPRAAK_NATS_URL when set, embedded servers otherwise.
    """
    stopping = threading.Event()

    def on_signal(signum: int, _: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    platform = Platform(data_dir.resolve())
    code = 0
    try:
        with console.status("Starting Inspraak…"):
            urls = platform.start()
        _show(urls, data_dir.resolve())
        while not stopping.wait(0.5):
            crashed = platform.exited()
            if crashed:
                console.print(f"[red]{crashed} stopped unexpectedly; see {urls['logs']}[/red]")
                code = 1
                break
    except StartupFailed as exc:
        console.print(f"[red]Could not start: {exc}[/red]")
        code = 1
    finally:
        with console.status("Stopping…"):
            platform.stop()
        console.print("Stopped.")
    raise typer.Exit(code)


@app.command()
def bench(
    scenario: list[str] = typer.Option(
        [], "--scenario", "-s", help="wave, booking, reads, fanout (default: all; footprint always)."
    ),
    duration: float = typer.Option(10.0, help="Seconds of load per measurement."),
    users: int = typer.Option(32, help="Concurrent clients of the closed-loop runs."),
    smoke: bool = typer.Option(False, help="A few seconds per scenario (CI): correctness only."),
    json_path: Path | None = typer.Option(None, "--json", help="Also write the figures as JSON here."),
    data_dir: Path | None = typer.Option(
        None, help="Keep logs (and pids.json, for profilers) here instead of a temporary directory."
    ),
) -> None:
    """Measure each scenario's ceiling, then the platform, in the same run (see docs/performance.md).

    Starts the platform like `inspraak up` (on INSPRAAK_DATABASE_URL / INSPRAAK_NATS_URL when
    set, in a database and event namespace of its own) and stops it afterwards.
    """
    from inspraak.bench.context import Options
    from inspraak.bench.runner import ORDER, run_bench

    unknown = set(scenario) - set(ORDER)
    if unknown:
        raise typer.BadParameter(f"unknown scenario(s): {', '.join(sorted(unknown))}")
    options = Options.smoke() if smoke else Options(duration=duration, users=users)
    with console.status("Benchmarking…"):
        report = run_bench(scenario or ORDER, options, data_dir)
    report.print(Console(width=max(console.width, 160)))
    if json_path is not None:
        report.write(json_path)
        console.print(f"Written to {json_path}.")
    raise typer.Exit(0 if report.passed else 1)


def _show(urls: dict[str, Any], data_dir: Path) -> None:
    table = Table(title="Inspraak is running", show_header=False)
    for key, value in urls.items():
        if key != "demo":
            table.add_row(key, str(value))
    console.print(table)
    logins = Table(title="Demo logins")
    logins.add_column("role")
    logins.add_column("how to sign in")
    for role, credentials in urls.get("demo", {}).items():
        logins.add_row(
            role,
            credentials
            if isinstance(credentials, str)
            else ", ".join(f"{k}={v}" for k, v in credentials.items()),
        )
    console.print(logins)
    console.print(f"Written to {data_dir / 'urls.json'}. Press Ctrl-C to stop.")
