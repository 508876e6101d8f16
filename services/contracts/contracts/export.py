"""Generate ``schema/events/*.json`` and ``schema/asyncapi.yaml`` from the contracts.

``python -m contracts.export [schema-dir]`` writes them; a test fails when the committed files
differ from what the code generates.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

from contracts.catalogue import CATALOGUE
from kernel.events import CloudEvent, IntegrationEvent

ENVELOPE_FILE = "cloudevent.json"


def event_file(event: type[IntegrationEvent]) -> str:
    """The file name of an event's JSON Schema."""
    return f"{event.event_type}.v{event.version}.json"


def event_schema(event: type[IntegrationEvent]) -> dict[str, Any]:
    """JSON Schema of an event's ``data``, with its id, description and visibility."""
    schema = event.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": event.schema_id(),
        "title": event.event_type,
        "description": event.description,
        "x-inspraak-version": event.version,
        "x-inspraak-public": event.public,
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def envelope_schema() -> dict[str, Any]:
    """JSON Schema of the CloudEvents envelope every event travels in."""
    schema = CloudEvent.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:inspraak:events:cloudevent",
        **schema,
    }


def asyncapi() -> dict[str, Any]:
    """An AsyncAPI 3 document: one channel per event type, address = NATS subject."""
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for event_type, event in CATALOGUE.items():
        key = event_type.removeprefix("inspraak.").replace(".", "_")
        messages[key] = {
            "name": event_type,
            "title": event.__name__,
            "summary": event.description,
            "contentType": "application/cloudevents+json",
            "payload": {
                "allOf": [
                    {"$ref": f"./events/{ENVELOPE_FILE}"},
                    {"type": "object", "properties": {"data": {"$ref": f"./events/{event_file(event)}"}}},
                ]
            },
        }
        channels[key] = {
            "address": event_type,
            "messages": {key: {"$ref": f"#/components/messages/{key}"}},
        }
        operations[f"publish_{key}"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{key}"},
            "summary": f"{event.service()} publishes {event_type}",
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Inspraak domain events",
            "version": "1.0.0",
            "description": "Integration events over NATS JetStream, CloudEvents 1.0 structured JSON.",
        },
        "defaultContentType": "application/cloudevents+json",
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages},
    }


def generate() -> dict[str, str]:
    """Every generated file, relative to the schema folder, with its text."""
    files = {f"events/{ENVELOPE_FILE}": _json(envelope_schema())}
    for event in CATALOGUE.values():
        files[f"events/{event_file(event)}"] = _json(event_schema(event))
    files["asyncapi.yaml"] = yaml.safe_dump(asyncapi(), sort_keys=False, allow_unicode=True)
    return files


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write(schema_dir: Path) -> None:
    """Write the generated files, removing stale event schemas."""
    events_dir = schema_dir / "events"
    events_dir.mkdir(parents=True, exist_ok=True)
    files = generate()
    for stale in events_dir.glob("*.json"):
        if f"events/{stale.name}" not in files:
            stale.unlink()
    for name, text in files.items():
        (schema_dir / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / "schema")
