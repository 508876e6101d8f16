"""Helpers for tests of the surveys service: a landlord with households in the projection,
request bodies, and shortcuts through the REST API."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import asyncpg
import httpx

from kernel.testing.tokens import TestIssuer, bearer


class Landlord:
    """A landlord with sites (each one building) whose households we put in the projection."""

    def __init__(self, sql: asyncpg.Connection, issuer: TestIssuer) -> None:
        self.id = uuid.uuid4()
        self.sql = sql
        self.issuer = issuer
        self.buildings: dict[uuid.UUID, uuid.UUID] = {}  # building → site

    def site(self) -> tuple[uuid.UUID, uuid.UUID]:
        """A new site with one building: (site, building)."""
        site, building = uuid.uuid4(), uuid.uuid4()
        self.buildings[building] = site
        return site, building

    async def households(
        self, count: int, site: tuple[uuid.UUID, uuid.UUID] | None = None, language: str = "nl"
    ) -> list[uuid.UUID]:
        """``count`` households in the projection (bulk, as if identity had told us)."""
        site_id, building_id = site or self.site()
        ids = [uuid.uuid4() for _ in range(count)]
        await self.sql.copy_records_to_table(
            "households",
            records=[(h, self.id, site_id, building_id, language) for h in ids],
            columns=("household_id", "landlord_id", "site_id", "building_id", "language"),
        )
        return ids

    def staff(self) -> dict[str, str]:
        """Headers of a landlord staff member."""
        return bearer(self.issuer.person("landlord_staff", self.id))

    def worker(self) -> dict[str, str]:
        """Headers of a community worker."""
        return bearer(self.issuer.person("community_worker", self.id))

    def tenant(self, household_id: uuid.UUID) -> dict[str, str]:
        """Headers of a household's tenant token."""
        return bearer(self.issuer.tenant(self.id, str(household_id)))


def text(nl: str, fr: str | None = None, en: str | None = None) -> dict[str, str | None]:
    """A LocalizedText body."""
    return {"nl": nl, "fr": fr if fr is not None else f"{nl} (fr)", "en": en}


def questionnaire() -> list[dict[str, Any]]:
    """A small questionnaire: a choice, a follow-up shown only on "other", a scale and a text."""
    return [
        {
            "key": "room",
            "kind": "single_choice",
            "text": text("Welke ruimte?"),
            "required": True,
            "options": [
                {"key": "garden", "label": text("Tuin")},
                {"key": "hall", "label": text("Zaal")},
                {"key": "other", "label": text("Iets anders")},
            ],
        },
        {
            "key": "which",
            "kind": "free_text",
            "text": text("Welke dan?"),
            "required": True,
            "show_if": {"question": "room", "any_of": ["other"]},
        },
        {"key": "mood", "kind": "scale", "text": text("Hoe tevreden?")},
        {"key": "ideas", "kind": "free_text", "text": text("Ideeën?"), "max_length": 200},
    ]


def consultation_body(landlord: Landlord, **overrides: Any) -> dict[str, Any]:
    """A complete consultation, open now for a week."""
    now = datetime.now(UTC)
    body = {
        "landlord_id": str(landlord.id),
        "title": text("Onze gemeenschappelijke ruimte"),
        "description": text("Wat wilt u met de ruimte doen?"),
        "owner_id": str(uuid.uuid4()),
        "opens_at": (now - timedelta(minutes=1)).isoformat(),
        "closes_at": (now + timedelta(days=7)).isoformat(),
        "follow_up_due": (date.today() + timedelta(days=30)).isoformat(),
        "objective_tags": ["1.5"],
        "questions": questionnaire(),
    }
    body.update(overrides)
    return body


async def create(client: httpx.AsyncClient, landlord: Landlord, **overrides: Any) -> dict[str, Any]:
    """A saved draft."""
    response = await client.post(
        "/consultations", json=consultation_body(landlord, **overrides), headers=landlord.staff()
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def publish(client: httpx.AsyncClient, landlord: Landlord, **overrides: Any) -> dict[str, Any]:
    """A published, open consultation."""
    draft = await create(client, landlord, **overrides)
    response = await client.post(f"/consultations/{draft['id']}/publish", headers=landlord.staff())
    assert response.status_code == 200, response.text
    return dict(response.json())


async def invite(client: httpx.AsyncClient, landlord: Landlord, consultation_id: str) -> dict[str, str]:
    """Issue the invitations; the codes by household id."""
    response = await client.post(f"/consultations/{consultation_id}/invitations", headers=landlord.staff())
    assert response.status_code == 201, response.text
    lines = response.json()["letters_csv"].splitlines()[1:]
    return {line.split(",")[0]: line.split(",")[4] for line in lines}


def answers(room: str = "garden", mood: int | None = 4, **extra: Any) -> list[dict[str, Any]]:
    """A valid answer set (with ``which`` when the room is "other")."""
    given: list[dict[str, Any]] = [{"question": "room", "choices": [room]}]
    if room == "other":
        given.append({"question": "which", "text": extra.get("which", "een moestuin")})
    if mood is not None:
        given.append({"question": "mood", "number": mood})
    if "ideas" in extra:
        given.append({"question": "ideas", "text": extra["ideas"]})
    return given


async def outbox(sql: asyncpg.Connection, event_type: str) -> list[dict[str, Any]]:
    """The data of the events of ``event_type`` in the outbox."""
    rows = await sql.fetch("SELECT payload FROM outbox WHERE event_type = $1 ORDER BY position", event_type)
    return [json.loads(row["payload"])["data"] for row in rows]
