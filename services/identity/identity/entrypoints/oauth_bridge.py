"""A synchronous face of the async service layer, for authlib running in a worker thread.

authlib is synchronous, so the token endpoint runs it with ``run_in_threadpool``. Its
callbacks use this bridge: database work goes back to the event loop with
``anyio.from_thread.run``; password hashing stays in the worker thread, off the loop.
"""

from __future__ import annotations

from typing import Any

from anyio import from_thread
from authlib.oauth2.rfc6749 import ClientMixin

from identity.adapters.passwords import verify_secret
from identity.domain.clients import PORTAL, PORTAL_CLIENT_ID, ClientPolicy
from identity.domain.tokens import TokenSubject
from identity.service.tokens import Logins, TokenIssuer


class OAuthClient(ClientMixin):  # type: ignore[misc]
    """An OAuth client as authlib sees it: a policy and, for partners, a secret hash."""

    def __init__(self, policy: ClientPolicy, secret_hash: str | None = None) -> None:
        self.policy = policy
        self.secret_hash = secret_hash

    def get_client_id(self) -> str:
        return self.policy.client_id

    def get_default_redirect_uri(self) -> None:
        return None

    def get_allowed_scope(self, scope: str | None) -> str:
        return ""

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return False

    def check_client_secret(self, client_secret: str) -> bool:
        return self.secret_hash is not None and verify_secret(self.secret_hash, client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return endpoint == "token" and self.policy.allows_auth_method(method)

    def check_response_type(self, response_type: str) -> bool:
        return False

    def check_grant_type(self, grant_type: str) -> bool:
        return self.policy.allows_grant(grant_type)


class OAuthBridge:
    """What the grants need, callable from a worker thread started by anyio."""

    def __init__(self, logins: Logins, issuer: TokenIssuer) -> None:
        self.logins = logins
        self.issuer = issuer

    def client(self, client_id: str) -> OAuthClient | None:
        """The portal (built in) or a registered partner client."""
        if client_id == PORTAL_CLIENT_ID:
            return OAuthClient(PORTAL)
        partner = from_thread.run(self.logins.partner_client, client_id)
        return OAuthClient(partner.policy, partner.secret_hash) if partner else None

    def authenticate_person(self, username: str, password: str) -> TokenSubject | None:
        """The person behind a username and password (an unknown name costs as much time)."""
        found = from_thread.run(self.logins.person_login, username)
        if verify_secret(found[0] if found else None, password) and found:
            return found[1]
        return None

    def redeem_activation_code(self, code: str) -> tuple[TokenSubject, str] | None:
        """The household an activation code opens and its session's refresh token; the code
        is used up."""
        return from_thread.run(self.logins.redeem_activation_code, code)

    def refresh_household(self, refresh_token: str) -> tuple[TokenSubject, str] | None:
        """The household of a refresh token and the next refresh token (rotation)."""
        return from_thread.run(self.logins.refresh_household, refresh_token)

    def issue(self, subject: TokenSubject) -> dict[str, Any]:
        """A token response for ``subject``."""
        return self.issuer.issue(subject)
