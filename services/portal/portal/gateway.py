"""The portal's only way to data: the gateway's GraphQL API, through one pooled client.

Each call forwards the signed-in user's token and the page's language; the gateway answers
in that language, so its error messages can be shown as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

TIMEOUT = httpx.Timeout(15.0, connect=3.0)
LIMITS = httpx.Limits(max_connections=50, max_keepalive_connections=20)


@dataclass
class GatewayError(Exception):
    """A typed error the gateway returned (``code`` UNAUTHENTICATED, FORBIDDEN, NOT_FOUND,
    VALIDATION, CONFLICT…), with its message in the page's language and the field it names."""

    code: str
    message: str
    field: str | None = None

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class GatewayUnavailable(Exception):
    """The gateway could not be reached or answered with something that is not GraphQL."""


def open_client(base_url: str, transport: httpx.AsyncBaseTransport | None = None) -> httpx.AsyncClient:
    """The pooled client of the gateway at ``base_url`` (``transport`` replaces the network in tests)."""
    return httpx.AsyncClient(base_url=base_url, timeout=TIMEOUT, limits=LIMITS, transport=transport)


class Gateway:
    """Runs GraphQL operations for one page request: one user, one language."""

    def __init__(self, http: httpx.AsyncClient, token: str | None, language: str) -> None:
        self._http = http
        self._language = language
        self._headers = {"Accept-Language": language}
        if token:
            self._headers["Authorization"] = f"Bearer {token}"

    def for_token(self, token: str) -> Gateway:
        """The same gateway acting for the holder of ``token`` (right after signing in)."""
        return Gateway(self._http, token, self._language)

    async def run(self, query: str, **variables: Any) -> dict[str, Any]:
        """The ``data`` of ``query``; the first error raised as :class:`GatewayError`."""
        try:
            response = await self._http.post(
                "/graphql", json={"query": query, "variables": variables}, headers=self._headers
            )
            body = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise GatewayUnavailable(str(exc)) from exc
        errors = body.get("errors") if isinstance(body, dict) else None
        if errors:
            first = errors[0]
            extensions = first.get("extensions") or {}
            raise GatewayError(
                extensions.get("code", "INTERNAL"), first.get("message", ""), extensions.get("field")
            )
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, dict):
            raise GatewayUnavailable(f"unexpected answer {response.status_code}")
        return data


def nodes(connection: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The rows of a Relay connection (its ``nodes``); none when the field is null."""
    return list(connection["nodes"]) if connection else []
