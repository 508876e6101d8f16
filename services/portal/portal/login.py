"""Signing in at the identity service's OAuth token endpoint (the only call not to the gateway).

Tenants give the activation code from their letter; people with an account give a username and
a password. Both grants are for the public client ``inspraak-portal``. The code also opens a
household session: identity returns a refresh token, which the portal trades for a new access
token when the old one expires (``refresh_token`` grant), and revokes on signing out.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

PORTAL_CLIENT_ID = "inspraak-portal"
ACTIVATION_CODE_GRANT = "urn:inspraak:params:oauth:grant-type:activation-code"


@dataclass(frozen=True)
class Tokens:
    """What the token endpoint gave: the access token, when it expires (epoch seconds) and,
    for a household, the refresh token that keeps it signed in."""

    access_token: str
    expires_at: float | None = None
    refresh_token: str | None = None


@dataclass
class LoginRefused(Exception):
    """The token endpoint said no; ``message`` is in the page's language when it gave one."""

    message: str | None = None


class TokenEndpoint:
    """Asks ``{issuer}/oauth/token`` for an access token."""

    def __init__(self, http: httpx.AsyncClient, issuer: str) -> None:
        self._http = http
        self._url = issuer.rstrip("/") + "/oauth/token"
        self._revoke_url = issuer.rstrip("/") + "/oauth/revoke"

    async def with_activation_code(self, code: str, language: str) -> Tokens:
        """An access token for the household whose letter carries ``code``."""
        return await self._token({"grant_type": ACTIVATION_CODE_GRANT, "code": code}, language)

    async def with_password(self, username: str, password: str, language: str) -> Tokens:
        """An access token for the person with this username and password."""
        form = {"grant_type": "password", "username": username, "password": password}
        return await self._token(form, language)

    async def refreshed(self, refresh_token: str, language: str) -> Tokens:
        """New tokens for a household whose access token expires (the refresh token rotates)."""
        return await self._token({"grant_type": "refresh_token", "refresh_token": refresh_token}, language)

    async def revoke(self, refresh_token: str) -> None:
        """End the household session (signing out); a failure only leaves it to expire."""
        form = {"token": refresh_token, "token_type_hint": "refresh_token", "client_id": PORTAL_CLIENT_ID}
        try:
            await self._http.post(self._revoke_url, data=form)
        except httpx.HTTPError:
            return

    async def _token(self, form: dict[str, str], language: str) -> Tokens:
        form = {**form, "client_id": PORTAL_CLIENT_ID}
        try:
            response = await self._http.post(self._url, data=form, headers={"Accept-Language": language})
            body = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise LoginRefused() from exc
        token = body.get("access_token") if isinstance(body, dict) else None
        if response.status_code != 200 or not isinstance(token, str):
            raise LoginRefused(body.get("message") if isinstance(body, dict) else None)
        expires_in = body.get("expires_in")
        refresh = body.get("refresh_token")
        return Tokens(
            access_token=token,
            expires_at=time.time() + expires_in if isinstance(expires_in, int | float) else None,
            refresh_token=refresh if isinstance(refresh, str) else None,
        )
