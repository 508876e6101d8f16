"""Helpers for tests that need identity: a migrated schema, tokens, a small world, the outbox.

Used by identity's own tests; other services' tests may use them to get real tokens.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text

from identity.adapters.jwk import sign
from identity.domain.commands import RegisterBuilding, RegisterLandlord, RegisterSite
from identity.domain.places import Building, Landlord, Site
from identity.domain.tokens import TokenSubject, access_token_claims
from identity.service import directory
from identity.service.keys import KeyRing
from identity.service.permissions import SYSTEM
from identity.service.unit_of_work import unit_of_work
from kernel.auth import Grant
from kernel.db import SessionFactory
from kernel.localisation import LocalizedText
from kernel.migrations import script_location, upgrade
from kernel.settings import Settings

MIGRATIONS = script_location(Path(__file__).resolve().parent)


async def migrate(settings: Settings) -> None:
    """Bring identity's schema in ``settings``' database to head."""
    await asyncio.to_thread(upgrade, "identity", MIGRATIONS, settings)


def bearer(token: str) -> dict[str, str]:
    """An ``Authorization`` header."""
    return {"Authorization": f"Bearer {token}"}


def person_with(role: str, landlord: uuid.UUID | None = None) -> TokenSubject:
    """A (not stored) person holding ``role`` within ``landlord``: tokens carry the grants."""
    person = str(uuid.uuid4())
    grant = Grant(role, str(landlord) if landlord else None)
    return TokenSubject("person", person, (grant,), person_id=person)


def signed_token(keys: KeyRing, settings: Settings, subject: TokenSubject, **claims: Any) -> str:
    """A token for ``subject`` signed with the key ring's current key; ``claims`` override."""
    payload = access_token_claims(
        subject,
        issuer=settings.issuer,
        audience=settings.audience,
        issued_at=int(time.time()),
        ttl_seconds=settings.access_token_ttl_seconds,
    )
    return sign({**payload, **claims}, keys.signing_jwk())


@dataclass(frozen=True)
class Place:
    """A landlord with one site and two buildings."""

    landlord: Landlord
    site: Site
    buildings: tuple[Building, Building]


async def register_place(sessions: SessionFactory, code: str, municipality: str = "Anderlecht") -> Place:
    """A landlord with one site and two buildings, registered through the handlers."""
    name = LocalizedText(nl=f"{code} (nl)", fr=f"{code} (fr)")
    async with unit_of_work(sessions) as uow:
        landlord = await directory.register_landlord(
            uow, SYSTEM, RegisterLandlord(code, name, (municipality,), 2000)
        )
        site = await directory.register_site(uow, SYSTEM, RegisterSite(landlord.id, name, municipality))
        first = await directory.register_building(uow, SYSTEM, RegisterBuilding(site.id, "A", "Rue A 1"))
        second = await directory.register_building(uow, SYSTEM, RegisterBuilding(site.id, "B", "Rue B 2"))
    return Place(landlord, site, (first, second))


async def sql(sessions: SessionFactory, statement: str, **params: Any) -> list[Any]:
    """Run ``statement`` in its own transaction; its rows (empty for statements without rows)."""
    async with sessions() as session, session.begin():
        result = await session.exec(text(statement), params=params)  # type: ignore[call-overload]
        return list(result.all()) if result.returns_rows else []


async def outbox_events(sessions: SessionFactory, event_type: str | None = None) -> list[dict[str, Any]]:
    """The CloudEvents in the outbox (optionally of one type), oldest first."""
    where = " WHERE event_type = :event_type" if event_type else ""
    rows = await sql(sessions, f"SELECT payload FROM outbox{where} ORDER BY position", event_type=event_type)  # noqa: S608
    return [row[0] for row in rows]


async def count_rows(sessions: SessionFactory, table: str) -> int:
    """How many rows ``table`` holds."""
    return int((await sql(sessions, f"SELECT count(*) FROM {table}"))[0][0])  # noqa: S608
