"""Event envelope (CloudEvents 1.0, structured JSON) and the base of integration events.

``type`` is the NATS subject: ``inspraak.<service>.<aggregate>.<verb-in-past-tense>``.
An event namespace (tests, side-by-side platforms) prefixes subjects and stream names only.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

SUBJECT_PATTERN = re.compile(r"^inspraak\.[a-z]+\.[a-z_]+\.[a-z_]+$")


class IntegrationEvent(BaseModel):
    """A versioned fact one service tells the others. Pseudonymous ids only, no personal data.

    Subclasses set ``event_type`` (the subject), ``version``, a one-line ``description`` and
    whether the event is ``public`` (may reach partners without a partnership).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    event_type: ClassVar[str]
    version: ClassVar[int] = 1
    description: ClassVar[str] = ""
    public: ClassVar[bool] = False

    @classmethod
    def service(cls) -> str:
        """The producing service, read from the subject."""
        return cls.event_type.split(".")[1]

    @classmethod
    def schema_id(cls) -> str:
        """The stable identifier of this event's JSON Schema (``dataschema``)."""
        return f"urn:inspraak:events:{cls.event_type}:v{cls.version}"


class CloudEvent(BaseModel):
    """CloudEvents 1.0 envelope in structured JSON mode, with Inspraak's extensions."""

    model_config = ConfigDict(extra="allow")

    specversion: Literal["1.0"] = "1.0"
    id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    source: str
    type: str
    time: datetime = Field(default_factory=lambda: datetime.now(UTC))
    subject: str | None = None
    datacontenttype: Literal["application/json"] = "application/json"
    dataschema: str | None = None
    data: dict[str, Any]
    landlord: str | None = None
    traceparent: str | None = None
    correlationid: str | None = None

    @classmethod
    def wrap(
        cls,
        event: IntegrationEvent,
        *,
        subject: str | None = None,
        landlord: str | None = None,
        correlation_id: str | None = None,
        traceparent: str | None = None,
    ) -> CloudEvent:
        """Put an integration event into its envelope."""
        return cls(
            source=f"/inspraak/{event.service()}",
            type=event.event_type,
            subject=subject,
            dataschema=event.schema_id(),
            data=event.model_dump(mode="json"),
            landlord=landlord,
            correlationid=correlation_id,
            traceparent=traceparent,
        )


def nats_subject(event_type: str, namespace: str = "") -> str:
    """The NATS subject an event type is published on."""
    return f"{namespace}.{event_type}" if namespace else event_type


def event_type_of(subject: str, namespace: str = "") -> str:
    """The event type of a NATS subject (the inverse of :func:`nats_subject`)."""
    prefix = f"{namespace}." if namespace else ""
    return subject[len(prefix) :] if prefix and subject.startswith(prefix) else subject


def stream_name(service: str, namespace: str = "") -> str:
    """One stream per service: ``COUNCILS`` on ``inspraak.councils.>``."""
    name = service.upper()
    return f"{namespace.upper().replace('.', '_').replace('-', '_')}_{name}" if namespace else name


def stream_subjects(service: str, namespace: str = "") -> list[str]:
    """The subjects a service's stream holds."""
    return [nats_subject(f"inspraak.{service}.>", namespace)]


DEAD_LETTER_SERVICE = "deadletter"
