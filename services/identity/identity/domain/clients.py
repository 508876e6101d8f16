"""OAuth clients: the portal (public, no secret) and partner organisations' systems."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from identity.domain.places import require_text
from kernel.errors import ValidationFailed

PORTAL_CLIENT_ID = "inspraak-portal"
CLIENT_CREDENTIALS = "client_credentials"
PASSWORD = "password"  # noqa: S105 - the grant type's name, not a secret
ACTIVATION_CODE = "urn:inspraak:params:oauth:grant-type:activation-code"
REFRESH_TOKEN = "refresh_token"  # noqa: S105 - the grant type's name, not a secret
GRANT_TYPES = (CLIENT_CREDENTIALS, PASSWORD, ACTIVATION_CODE, REFRESH_TOKEN)
CLIENT_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")


@dataclass(frozen=True)
class ClientPolicy:
    """What an OAuth client may do at the token endpoint."""

    client_id: str
    grant_types: tuple[str, ...]
    auth_methods: tuple[str, ...]

    def allows_grant(self, grant_type: str) -> bool:
        """True when the client may use ``grant_type``."""
        return grant_type in self.grant_types

    def allows_auth_method(self, method: str) -> bool:
        """True when the client may authenticate with ``method``."""
        return method in self.auth_methods


PORTAL = ClientPolicy(PORTAL_CLIENT_ID, (PASSWORD, ACTIVATION_CODE, REFRESH_TOKEN), ("none",))


@dataclass(frozen=True)
class PartnerClient:
    """A partner organisation's system, authenticating with its secret (stored hashed)."""

    client_id: str
    secret_hash: str
    name: str
    organisation: str

    @property
    def policy(self) -> ClientPolicy:
        """Partners use client credentials, with the secret in the header or the form."""
        return ClientPolicy(
            self.client_id, (CLIENT_CREDENTIALS,), ("client_secret_basic", "client_secret_post")
        )


def new_client_id(organisation: str) -> str:
    """A readable, unique client id for ``organisation``."""
    slug = re.sub(r"[^a-z0-9]+", "-", organisation.lower()).strip("-")[:40] or "partner"
    return f"{slug}-{secrets.token_hex(4)}"


def check_client_fields(client_id: str, name: str, organisation: str) -> None:
    """Validate a partner client's registration."""
    if not CLIENT_ID.match(client_id) or client_id == PORTAL_CLIENT_ID:
        raise ValidationFailed("client_id is not valid", field="client_id")
    require_text(name, "name")
    require_text(organisation, "organisation")
