"""The command line every service shares: ``python -m <service> migrate | serve``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import typer
import uvicorn
from fastapi import FastAPI

from kernel.logging import configure_logging
from kernel.migrations import upgrade
from kernel.settings import service_settings

KEEP_ALIVE_SECONDS = 75


def service_cli(service: str, app_factory: Callable[[], FastAPI], migrations: Path | None) -> typer.Typer:
    """A typer app with ``migrate`` and ``serve``; services add their own commands to it."""
    cli = typer.Typer(help=f"The {service} service of Inspraak.", no_args_is_help=True)

    @cli.callback()
    def main() -> None:
        """Commands of the service (a callback keeps `serve` a sub-command even when alone)."""

    if migrations is not None:

        @cli.command()
        def migrate(revision: str = "head") -> None:
            """Bring the service's schema to ``revision``."""
            settings = service_settings(service)
            configure_logging(service, settings.log_level, settings.log_json)
            upgrade(service, migrations, settings, revision)

    @cli.command()
    def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
        """Serve the HTTP API, the outbox relay and the consumers until SIGTERM or Ctrl-C."""
        settings = service_settings(service)
        configure_logging(service, settings.log_level, settings.log_json)
        # Idle connections are kept longer than httpx keeps them on its side (5 s), so a client
        # never reuses one the server is closing (a ReadError on a POST under load otherwise).
        uvicorn.run(
            app_factory,
            factory=True,
            host=host,
            port=port,
            log_config=None,
            access_log=False,
            timeout_keep_alive=KEEP_ALIVE_SECONDS,
        )

    return cli
