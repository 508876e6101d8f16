"""People and their memberships: a role, held within a landlord, for a period."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime

from identity.domain.households import language_of
from identity.domain.places import require_text
from kernel.auth import ROLES, Grant, Role
from kernel.errors import Conflict, ValidationFailed
from kernel.localisation import Language

REGION_WIDE_ROLE: Role = "regional_admin"
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")


@dataclass(frozen=True)
class Person:
    """Someone who signs in as themselves (staff, council members, workers, admins)."""

    id: uuid.UUID
    display_name: str
    preferred_language: Language
    household_id: uuid.UUID | None = None
    username: str | None = None

    @classmethod
    def register(
        cls,
        display_name: str,
        preferred_language: str,
        household_id: uuid.UUID | None = None,
        username: str | None = None,
    ) -> Person:
        """A new person; ``username`` (lowercase) only for those who log in with a password."""
        if username is not None and not USERNAME.match(username):
            raise ValidationFailed(
                "username must be 3-64 lowercase letters, digits, '.', '_' or '-'",
                field="username",
                message_key="identity.username_format",
            )
        name = require_text(display_name, "display_name", 120)
        language = language_of(preferred_language, "preferred_language")
        return cls(uuid.uuid4(), name, language, household_id, username)


def role_of(value: str) -> Role:
    """``value`` as one of the platform's roles."""
    for role in ROLES:
        if value == role:
            return role
    raise ValidationFailed(f"role must be one of {', '.join(ROLES)}", field="role")


@dataclass(frozen=True)
class Membership:
    """A person's role within one landlord (or region-wide), from ``valid_from`` to ``valid_to``."""

    id: uuid.UUID
    person_id: uuid.UUID
    role: Role
    landlord_id: uuid.UUID | None
    valid_from: date
    valid_to: date | None = None
    revoked_at: datetime | None = None

    @classmethod
    def grant(
        cls,
        person_id: uuid.UUID,
        role: str,
        landlord_id: uuid.UUID | None,
        valid_from: date,
        valid_to: date | None = None,
    ) -> Membership:
        """A new membership: region-wide only for regional admins, within a landlord otherwise."""
        checked = role_of(role)
        if (checked == REGION_WIDE_ROLE) != (landlord_id is None):
            raise ValidationFailed(
                "landlord_id is required, except for regional_admin (which must have none)",
                field="landlord_id",
                message_key="identity.membership_scope",
            )
        if valid_to is not None and valid_to < valid_from:
            raise ValidationFailed(
                "valid_to is before valid_from",
                field="valid_to",
                message_key="identity.membership_period",
            )
        return cls(uuid.uuid4(), person_id, checked, landlord_id, valid_from, valid_to)

    def is_active_on(self, day: date, at: datetime | None = None) -> bool:
        """True when the role holds on ``day`` (and, if given, has not been revoked by ``at``)."""
        if self.revoked_at is not None and (at is None or self.revoked_at <= at):
            return False
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def revoke(self, now: datetime) -> Membership:
        """The membership taken back at ``now``; a second revocation is a conflict."""
        if self.revoked_at is not None:
            raise Conflict("membership already revoked", message_key="identity.membership_revoked")
        return replace(self, revoked_at=now)

    @property
    def as_grant(self) -> Grant:
        """The grant this membership puts into a token."""
        return Grant(self.role, str(self.landlord_id) if self.landlord_id else None)


def active_grants(memberships: list[Membership], day: date, at: datetime) -> tuple[Grant, ...]:
    """The distinct grants of the memberships active on ``day``, in a stable order."""
    grants = {m.as_grant for m in memberships if m.is_active_on(day, at)}
    return tuple(sorted(grants, key=lambda g: (g.role, g.landlord or "")))
