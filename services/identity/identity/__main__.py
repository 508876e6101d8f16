"""``python -m identity``: ``migrate``, ``serve`` and ``seed-demo``."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import typer

from identity.entrypoints.app import SERVICE, create_app
from identity.service.demo import seed_demo
from kernel.db import create_engine, session_factory
from kernel.logging import configure_logging
from kernel.migrations import script_location
from kernel.service_cli import service_cli
from kernel.settings import Settings, service_settings

MIGRATIONS = script_location(Path(__file__).resolve().parent)
cli = service_cli(SERVICE, create_app, MIGRATIONS)


async def _seed(settings: Settings) -> dict[str, Any]:
    engine = create_engine(settings)
    try:
        return await seed_demo(session_factory(engine))
    finally:
        await engine.dispose()


@cli.command("seed-demo")
def seed_demo_command() -> None:
    """Load the demo data once; print the demo credentials as JSON on stdout (every time)."""
    settings = service_settings(SERVICE)
    configure_logging(SERVICE, settings.log_level, settings.log_json)
    typer.echo(json.dumps(asyncio.run(_seed(settings)), sort_keys=True))


if __name__ == "__main__":
    cli()
