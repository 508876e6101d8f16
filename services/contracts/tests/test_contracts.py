"""The committed schemas match the code, and events stay free of personal data."""

from __future__ import annotations

from pathlib import Path

import pytest

from contracts import CATALOGUE
from contracts.export import generate
from kernel.events import SUBJECT_PATTERN, CloudEvent

SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schema"
PERSONAL_FIELDS = {
    "name",
    "first_name",
    "last_name",
    "display_name",
    "email",
    "phone",
    "address",
    "birth_date",
    "answers",
    "password",
}


@pytest.mark.parametrize("name,text", sorted(generate().items()))
def test_committed_event_schemas_match_the_code(name: str, text: str) -> None:
    committed = SCHEMA_DIR / name
    assert committed.exists(), f"{name} missing: run `uv run python -m contracts.export`"
    assert committed.read_text(encoding="utf-8") == text, (
        f"{name} drifted: run `uv run python -m contracts.export`"
    )


def test_no_stale_event_schema_is_committed() -> None:
    generated = {Path(name).name for name in generate() if name.startswith("events/")}
    committed = {path.name for path in (SCHEMA_DIR / "events").glob("*.json")}
    assert committed == generated


@pytest.mark.parametrize("event_type,event", sorted(CATALOGUE.items()))
def test_events_name_their_subject_and_carry_no_personal_data(event_type, event) -> None:
    assert SUBJECT_PATTERN.match(event_type)
    assert event.description, "every event explains itself in the catalogue"
    leaked = PERSONAL_FIELDS & set(event.model_fields)
    assert not leaked, f"{event_type} carries personal data: {leaked}"


def test_an_event_travels_in_a_cloudevents_envelope_with_its_schema_id() -> None:
    from uuid import uuid4

    from contracts import LandlordRegistered

    envelope = CloudEvent.wrap(LandlordRegistered(landlord_id=uuid4(), code="abc"), landlord="l-1")
    as_json = envelope.model_dump(mode="json", exclude_none=True)
    assert as_json["specversion"] == "1.0"
    assert as_json["type"] == as_json["dataschema"].split(":")[3] == "inspraak.identity.landlord.registered"
    assert as_json["source"] == "/inspraak/identity"
    assert as_json["landlord"] == "l-1"
    assert CloudEvent.model_validate(as_json) == envelope
