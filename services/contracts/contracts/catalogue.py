"""The catalogue of every integration event, by type, with a plain-language label per type.

The ``description`` of an event is a developer sentence (English, also in the JSON Schemas and
AsyncAPI); partners choosing events see the label instead, in NL, FR or EN alike.
"""

from __future__ import annotations

import json
from pathlib import Path

from contracts import councils, identity, partners, spaces, surveys
from kernel.events import SUBJECT_PATTERN, IntegrationEvent
from kernel.localisation import LANGUAGES, LocalizedText, register_catalogue

LOCALES = Path(__file__).parent / "locales"
"""``<lang>.json`` catalogues with one ``event.<type>`` label per event type."""

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


# Facts about people, even pseudonymous, are nobody else's business (DOMAIN.md: privacy).
NEVER_SHARED_PREFIXES = ("inspraak.identity.household.", "inspraak.identity.membership.")
"""Identity's household and membership events: they never leave the platform's services."""


def shareable(event_type: str) -> bool:
    """A catalogue type that may reach subscribers (partners, GraphQL) at all."""
    return event_type in CATALOGUE and not event_type.startswith(NEVER_SHARED_PREFIXES)


def is_public(event_type: str) -> bool:
    """Whether the catalogue marks ``event_type`` public (unknown types are not)."""
    event = CATALOGUE.get(event_type)
    return bool(event and event.public)


def event_class(event_type: str) -> type[IntegrationEvent]:
    """The model of ``event_type`` (KeyError when unknown)."""
    return CATALOGUE[event_type]


def _labels() -> dict[str, dict[str, str]]:
    """Every language's catalogue of labels (read once, also registered for ``translate``)."""
    register_catalogue(LOCALES)
    return {lang: json.loads((LOCALES / f"{lang}.json").read_text(encoding="utf-8")) for lang in LANGUAGES}


LABELS: dict[str, dict[str, str]] = _labels()


def label_key(event_type: str) -> str:
    """The catalogue key of the label of ``event_type``."""
    return f"event.{event_type}"


def event_label(event_type: str) -> LocalizedText:
    """The plain-language label of ``event_type`` in NL, FR and EN (empty when unknown)."""
    key = label_key(event_type)
    return LocalizedText.model_validate({lang: LABELS[lang].get(key) for lang in LANGUAGES})
