"""``python -m gateway serve --port N`` (and ``export-schema``)."""

from __future__ import annotations

from pathlib import Path

from gateway.app import create_app
from gateway.export_schema import SDL_PATH, export_schema
from kernel.service_cli import service_cli

cli = service_cli("gateway", create_app, None)


@cli.command("export-schema")
def export_schema_command(path: Path = SDL_PATH) -> None:
    """Write the GraphQL SDL (default: the repository's schema/graphql/schema.graphql)."""
    print(f"wrote {export_schema(path)}")


if __name__ == "__main__":
    cli()
