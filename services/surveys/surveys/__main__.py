"""``python -m surveys``: ``migrate``, ``serve`` and ``flag-overdue``."""

from __future__ import annotations

import asyncio
from pathlib import Path

import typer

from kernel.db import create_engine, session_factory
from kernel.logging import configure_logging
from kernel.migrations import script_location
from kernel.service_cli import service_cli
from kernel.settings import Settings, service_settings
from surveys.entrypoints.app import SERVICE, create_app
from surveys.service.consultations import flag_overdue_follow_ups
from surveys.service.unit_of_work import unit_of_work

MIGRATIONS = script_location(Path(__file__).resolve().parent)
cli = service_cli(SERVICE, create_app, MIGRATIONS)


async def _flag(settings: Settings) -> int:
    engine = create_engine(settings)
    try:
        async with unit_of_work(session_factory(engine)) as uow:
            return len(await flag_overdue_follow_ups(uow))
    finally:
        await engine.dispose()


@cli.command("flag-overdue")
def flag_overdue_command() -> None:
    """Record ``follow_up.overdue`` once per late follow-up now (the service also checks hourly)."""
    settings = service_settings(SERVICE)
    configure_logging(SERVICE, settings.log_level, settings.log_json)
    typer.echo(f"{asyncio.run(_flag(settings))} follow-ups flagged overdue")


if __name__ == "__main__":
    cli()
