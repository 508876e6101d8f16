"""Commands: what callers ask the identity service to do (validated by the handlers)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from identity.domain.activation import DEFAULT_VALID_DAYS
from kernel.localisation import LocalizedText


@dataclass(frozen=True)
class RegisterLandlord:
    """Register a public housing company (SISP/OVM)."""

    code: str
    name: LocalizedText
    municipalities: tuple[str, ...]
    dwellings: int


@dataclass(frozen=True)
class RegisterSite:
    """Register a neighbourhood of a landlord."""

    landlord_id: uuid.UUID
    name: LocalizedText
    municipality: str


@dataclass(frozen=True)
class RegisterBuilding:
    """Register a building on a site."""

    site_id: uuid.UUID
    name: str
    address: str


@dataclass(frozen=True)
class RegisterHousehold:
    """Register the household of a dwelling in a building."""

    building_id: uuid.UUID
    language: str


@dataclass(frozen=True)
class MoveHousehold:
    """Move a household to a dwelling in another building."""

    household_id: uuid.UUID
    building_id: uuid.UUID


@dataclass(frozen=True)
class IssueActivationCode:
    """Issue a one-time activation code for a household (to print on a letter)."""

    household_id: uuid.UUID
    valid_days: int = DEFAULT_VALID_DAYS


@dataclass(frozen=True)
class RegisterPerson:
    """Register a person, optionally with a username and password (embedded login)."""

    display_name: str
    preferred_language: str
    household_id: uuid.UUID | None = None
    username: str | None = None
    password: str | None = None


@dataclass(frozen=True)
class GrantMembership:
    """Give a person a role within a landlord (or region-wide) for a period."""

    person_id: uuid.UUID
    role: str
    landlord_id: uuid.UUID | None
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True)
class RevokeMembership:
    """Take a role back."""

    membership_id: uuid.UUID


@dataclass(frozen=True)
class RegisterPartnerClient:
    """Register a partner organisation's system for client credentials."""

    name: str
    organisation: str
    client_id: str | None = None
