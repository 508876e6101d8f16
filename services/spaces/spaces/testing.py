"""Helpers for tests that need the spaces service: a migrated schema, times, a room to book."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

from kernel.db import SessionFactory
from kernel.migrations import script_location, upgrade
from kernel.settings import Settings
from spaces.domain.clock import BRUSSELS, local, utcnow

MIGRATIONS = script_location(Path(__file__).resolve().parent)
EVERY_DAY = [
    {"weekday": d, "opens": "08:00", "closes": "22:00"}
    for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
]


async def migrate(settings: Settings) -> None:
    """Bring the spaces schema in ``settings``' database to head."""
    await asyncio.to_thread(upgrade, "spaces", MIGRATIONS, settings)


def monday(weeks_ahead: int = 2) -> date:
    """The Monday ``weeks_ahead`` weeks from this week's (Brussels calendar)."""
    today = local(utcnow()).date()
    return today - timedelta(days=today.weekday()) + timedelta(weeks=weeks_ahead)


def at(day: date, clock: str) -> datetime:
    """``day`` at ``clock`` (``"19:30"``) in Brussels."""
    return datetime.combine(day, time.fromisoformat(clock), BRUSSELS)


def space_body(landlord_id: str, site_id: str, **policy: Any) -> dict[str, Any]:
    """A room for 30 people, open every day 08:00–22:00, with the given policy."""
    return {
        "landlord_id": landlord_id,
        "site_id": site_id,
        "name": {"nl": "Buurtzaal", "fr": "Salle de quartier", "en": "Community room"},
        "capacity": 30,
        "accessibility": ["step_free_access", "accessible_toilet"],
        "equipment": ["kitchen", "wifi"],
        "house_rules": {"nl": "Laat de zaal proper achter.", "fr": "Laissez la salle propre."},
        "opening_hours": EVERY_DAY,
        "policy": policy,
    }


def booking_body(
    space_id: str, organisation: dict[str, str], starts_at: datetime, ends_at: datetime, **extra: Any
) -> dict[str, Any]:
    """A booking request for ``organisation`` (10 attendees)."""
    return {
        "space_id": space_id,
        "organisation": organisation,
        "purpose": "Huiswerkklas / école des devoirs",
        "attendees": 10,
        "starts_at": starts_at.isoformat(),
        "ends_at": ends_at.isoformat(),
        **extra,
    }


def organisation(kind: str = "tenant_group") -> dict[str, str]:
    """A new organisation to book for."""
    return {"kind": kind, "id": str(uuid.uuid4())}


async def outbox_types(sessions: SessionFactory) -> list[str]:
    """The event types in the outbox, oldest first."""
    async with sessions() as session:
        rows = await session.exec(text("SELECT event_type FROM outbox ORDER BY position"))  # type: ignore[call-overload]
        return [row[0] for row in rows]


class Clock:
    """A settable clock, patched over a handler module's ``utcnow`` so that a test can let
    hours pass between a request and its approval, or check in at the booked time."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now
