"""Write the gateway's SDL to ``schema/graphql/schema.graphql`` (committed, drift-tested).

``python -m gateway.export_schema [PATH]`` or ``python -m gateway export-schema [PATH]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from gateway.schema import sdl

SDL_PATH = Path(__file__).resolve().parents[3] / "schema" / "graphql" / "schema.graphql"


def export_schema(path: Path = SDL_PATH) -> Path:
    """Write the SDL to ``path`` and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(sdl(), encoding="utf-8")
    return path


if __name__ == "__main__":
    written = export_schema(Path(sys.argv[1]) if len(sys.argv) > 1 else SDL_PATH)
    print(f"wrote {written}")
