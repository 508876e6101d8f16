"""The event catalogue as partners see it: every type with its description and JSON Schema."""

from __future__ import annotations

from typing import Any

from contracts.catalogue import CATALOGUE
from contracts.export import event_schema


def known_types() -> frozenset[str]:
    """Every event type of the catalogue."""
    return frozenset(CATALOGUE)


def event_types() -> list[dict[str, Any]]:
    """The catalogue: type, version, description, public flag and JSON Schema of ``data``."""
    return [
        {
            "type": event_type,
            "version": event.version,
            "description": event.description,
            "public": event.public,
            "schema": event_schema(event),
        }
        for event_type, event in CATALOGUE.items()
    ]
