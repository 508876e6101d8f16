"""Repositories of partner clients, signing keys and the demo credentials."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import text, update
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from identity.adapters import mapping
from identity.adapters.tables import DemoCredentialsRow, PartnerClientRow, SigningKeyRow
from identity.domain.clients import PartnerClient


class PartnerClientRepository:
    """Partner organisations' OAuth clients."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, client: PartnerClient) -> None:
        """Store a new partner client (its secret hashed)."""
        self.session.add(
            PartnerClientRow(
                client_id=client.client_id,
                secret_hash=client.secret_hash,
                name=client.name,
                organisation=client.organisation,
            )
        )

    async def get(self, client_id: str) -> PartnerClient | None:
        """The partner client with ``client_id``, if any."""
        row = await self.session.get(PartnerClientRow, client_id)
        return mapping.partner_client(row) if row else None


class SigningKeyRepository:
    """Token signing keys (private JWKs)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock(self) -> None:
        """Serialise key rotation between replicas until the transaction ends."""
        await self.session.exec(text("SELECT pg_advisory_xact_lock(hashtext('identity.signing_keys'))"))  # type: ignore[call-overload]

    async def all(self) -> list[SigningKeyRow]:
        """Every key, oldest first."""
        query = select(SigningKeyRow).order_by(col(SigningKeyRow.created_at))
        return list(await self.session.exec(query))

    def add(self, kid: str, private_jwk: dict[str, Any], created_at: datetime) -> None:
        """Store a new key."""
        self.session.add(SigningKeyRow(kid=kid, private_jwk=private_jwk, created_at=created_at))

    async def retire_all_but(self, kid: str, at: datetime) -> None:
        """Retire every active key except ``kid``."""
        await self.session.exec(
            update(SigningKeyRow)
            .where(col(SigningKeyRow.kid) != kid, col(SigningKeyRow.retired_at).is_(None))
            .values(retired_at=at)
        )


class DemoCredentialsRepository:
    """The plain credentials of the demo accounts (demo data only)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self) -> dict[str, Any] | None:
        """The stored demo credentials, if the demo was seeded."""
        row = await self.session.get(DemoCredentialsRow, 1)
        return dict(row.credentials) if row else None

    async def put(self, credentials: dict[str, Any]) -> None:
        """Store (or replace) the demo credentials."""
        await self.session.exec(
            insert(DemoCredentialsRow)
            .values(id=1, credentials=credentials)
            .on_conflict_do_update(index_elements=["id"], set_={"credentials": credentials})
        )
