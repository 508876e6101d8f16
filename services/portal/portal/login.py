"""Signing in at the identity service's OAuth token endpoint (the only call not to the gateway).

Tenants give the activation code from their letter; people with an account give a username and
a password. Both grants are for the public client ``inspraak-portal``.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

PORTAL_CLIENT_ID = "inspraak-portal"
ACTIVATION_CODE_GRANT = "urn:inspraak:params:oauth:grant-type:activation-code"


@dataclass
class LoginRefused(Exception):
    """The token endpoint said no; ``message`` is in the page's language when it gave one."""

    message: str | None = None


class TokenEndpoint:
    """Asks ``{issuer}/oauth/token`` for an access token."""

    def __init__(self, http: httpx.AsyncClient, issuer: str) -> None:
        self._http = http
        self._url = issuer.rstrip("/") + "/oauth/token"

    async def with_activation_code(self, code: str, language: str) -> str:
        """An access token for the household whose letter carries ``code``."""
        return await self._token({"grant_type": ACTIVATION_CODE_GRANT, "code": code}, language)

    async def with_password(self, username: str, password: str, language: str) -> str:
        """An access token for the person with this username and password."""
        form = {"grant_type": "password", "username": username, "password": password}
        return await self._token(form, language)

    async def _token(self, form: dict[str, str], language: str) -> str:
        form = {**form, "client_id": PORTAL_CLIENT_ID}
        try:
            response = await self._http.post(self._url, data=form, headers={"Accept-Language": language})
            body = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise LoginRefused() from exc
        token = body.get("access_token") if isinstance(body, dict) else None
        if response.status_code != 200 or not isinstance(token, str):
            raise LoginRefused(body.get("message") if isinstance(body, dict) else None)
        return token
