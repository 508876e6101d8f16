"""SQLModel tables of the identity schema (no schema qualifier: ``search_path`` picks it).

Identity's tables live in their own metadata, so that other services loaded in the same
process (tests, the embedded platform) may use the same table names.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, DateTime, ForeignKey, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel


class IdentityTable(SQLModel, registry=registry()):
    """Base of identity's tables."""


def created_column() -> Any:
    """A ``timestamptz NOT NULL DEFAULT now()`` column."""
    return Field(
        default=None,
        sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


def timestamp(nullable: bool = True) -> Any:
    """A ``timestamptz`` column."""
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


def jsonb() -> Any:
    """A ``jsonb NOT NULL`` column."""
    return Field(sa_column=Column(JSONB, nullable=False))


def references(target: str, nullable: bool = False) -> Any:
    """A foreign key column to ``target`` (``table.column``), indexed."""
    return Field(
        default=None if nullable else ...,
        sa_column=Column(ForeignKey(target), nullable=nullable, index=True),
    )


class LandlordRow(IdentityTable, table=True):
    """A landlord; its name is a LocalizedText (JSONB)."""

    __tablename__ = "landlords"
    id: uuid.UUID = Field(primary_key=True)
    code: str = Field(unique=True, max_length=60)
    name: dict[str, Any] = jsonb()
    municipalities: list[str] = jsonb()
    dwellings: int
    registered_at: datetime | None = created_column()


class SiteRow(IdentityTable, table=True):
    """A site (neighbourhood) of a landlord."""

    __tablename__ = "sites"
    id: uuid.UUID = Field(primary_key=True)
    landlord_id: uuid.UUID = references("landlords.id")
    name: dict[str, Any] = jsonb()
    municipality: str


class BuildingRow(IdentityTable, table=True):
    """A building of a site."""

    __tablename__ = "buildings"
    id: uuid.UUID = Field(primary_key=True)
    site_id: uuid.UUID = references("sites.id")
    name: str
    address: str


class HouseholdRow(IdentityTable, table=True):
    """A household: a pseudonymous dwelling id and where it lives."""

    __tablename__ = "households"
    id: uuid.UUID = Field(primary_key=True)
    landlord_id: uuid.UUID = references("landlords.id")
    site_id: uuid.UUID = references("sites.id")
    building_id: uuid.UUID = references("buildings.id")
    language: str = Field(max_length=2)
    registered_at: datetime = timestamp(nullable=False)


class PersonRow(IdentityTable, table=True):
    """A person; username and argon2 password hash only for the embedded login."""

    __tablename__ = "people"
    id: uuid.UUID = Field(primary_key=True)
    display_name: str
    preferred_language: str = Field(max_length=2)
    household_id: uuid.UUID | None = references("households.id", nullable=True)
    username: str | None = Field(default=None, unique=True)
    password_hash: str | None = None
    created_at: datetime | None = created_column()


class MembershipRow(IdentityTable, table=True):
    """A role of a person within a landlord (null: region-wide) for a period."""

    __tablename__ = "memberships"
    id: uuid.UUID = Field(primary_key=True)
    person_id: uuid.UUID = references("people.id")
    role: str
    landlord_id: uuid.UUID | None = references("landlords.id", nullable=True)
    valid_from: date
    valid_to: date | None = None
    revoked_at: datetime | None = timestamp()
    granted_at: datetime | None = created_column()


class PartnerClientRow(IdentityTable, table=True):
    """A partner organisation's OAuth client (argon2 hash of its secret)."""

    __tablename__ = "partner_clients"
    client_id: str = Field(primary_key=True)
    secret_hash: str
    name: str
    organisation: str
    created_at: datetime | None = created_column()


class ActivationCodeRow(IdentityTable, table=True):
    """A one-time activation code, stored as its SHA-256 only."""

    __tablename__ = "activation_codes"
    id: uuid.UUID = Field(primary_key=True)
    code_hash: str = Field(unique=True, max_length=64)
    household_id: uuid.UUID = references("households.id")
    created_at: datetime = timestamp(nullable=False)
    expires_at: datetime = timestamp(nullable=False)
    used_at: datetime | None = timestamp()


class SigningKeyRow(IdentityTable, table=True):
    """A token signing key (private JWK); retired keys stay published a while."""

    __tablename__ = "signing_keys"
    kid: str = Field(primary_key=True)
    private_jwk: dict[str, Any] = jsonb()
    created_at: datetime = timestamp(nullable=False)
    retired_at: datetime | None = timestamp()


class DemoCredentialsRow(IdentityTable, table=True):
    """The plain demo credentials, so ``seed-demo`` can print them again (demo data only)."""

    __tablename__ = "demo_credentials"
    id: int = Field(default=1, primary_key=True)
    credentials: dict[str, Any] = jsonb()
    created_at: datetime | None = created_column()


class HouseholdSessionRow(IdentityTable, table=True):
    """One refresh token of a household's session (its SHA-256 only); rotated on every use."""

    __tablename__ = "household_sessions"
    id: uuid.UUID = Field(primary_key=True)
    family_id: uuid.UUID
    token_hash: str = Field(unique=True, max_length=64)
    household_id: uuid.UUID = references("households.id")
    created_at: datetime = created_column()
    expires_at: datetime = timestamp(nullable=False)
    used_at: datetime | None = timestamp()
    revoked_at: datetime | None = timestamp()
