"""``python -m partners``: ``migrate`` and ``serve``."""

from __future__ import annotations

from pathlib import Path

from kernel.migrations import script_location
from kernel.service_cli import service_cli
from partners.entrypoints.app import SERVICE, create_app

MIGRATIONS = script_location(Path(__file__).resolve().parent)
cli = service_cli(SERVICE, create_app, MIGRATIONS)

if __name__ == "__main__":
    cli()
