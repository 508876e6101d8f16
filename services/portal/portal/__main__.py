"""``python -m portal serve --port N``."""

from __future__ import annotations

from kernel.service_cli import service_cli
from portal.app import create_app

cli = service_cli("portal", create_app, None)

if __name__ == "__main__":
    cli()
