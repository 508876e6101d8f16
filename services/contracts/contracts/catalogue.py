"""The catalogue of every integration event, by type."""

from __future__ import annotations

from contracts import councils, identity, partners, spaces, surveys
from kernel.events import SUBJECT_PATTERN, IntegrationEvent

_MODULES = (identity, councils, surveys, spaces, partners)


def _collect() -> dict[str, type[IntegrationEvent]]:
    found: dict[str, type[IntegrationEvent]] = {}
    for module in _MODULES:
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, IntegrationEvent)
                and value is not IntegrationEvent
            ):
                if not SUBJECT_PATTERN.match(value.event_type):
                    raise ValueError(f"bad event type {value.event_type}")
                if value.event_type in found:
                    raise ValueError(f"duplicate event type {value.event_type}")
                found[value.event_type] = value
    return dict(sorted(found.items()))


CATALOGUE: dict[str, type[IntegrationEvent]] = _collect()


def event_class(event_type: str) -> type[IntegrationEvent]:
    """The model of ``event_type`` (KeyError when unknown)."""
    return CATALOGUE[event_type]
