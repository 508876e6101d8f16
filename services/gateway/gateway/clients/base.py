"""A per-request view of a service's pooled client, forwarding who asks, in which language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx

from kernel.errors import ERROR_TYPES, from_problem
from kernel.problems import CORRELATION_HEADER

QueryParams = Sequence[tuple[str, str]]


class UpstreamError(Exception):
    """A service failed in a way the caller must not see (it is masked and logged)."""


def forwarded_headers(token: str | None, correlation_id: str, language: str) -> dict[str, str]:
    """The headers every call to a service carries on behalf of the caller."""
    headers = {CORRELATION_HEADER: correlation_id, "Accept-Language": language}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return headers


def error_of(response: httpx.Response) -> Exception:
    """A typed error for a problem-details answer; an :class:`UpstreamError` for anything else."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and body.get("code") in ERROR_TYPES:
        return from_problem(body)
    request = response.request
    return UpstreamError(f"{request.method} {request.url.path} -> {response.status_code}")


class ServiceClient:
    """Calls one service with the caller's forwarded headers over the shared pooled client."""

    def __init__(self, http: httpx.AsyncClient, headers: dict[str, str]) -> None:
        self.http = http
        self.headers = headers

    async def get_json(self, path: str, params: QueryParams = ()) -> Any:
        """GET ``path`` and return its JSON body; service errors become typed errors."""
        return await self.request_json("GET", path, params=params)

    async def post_json(self, path: str, body: Any = None) -> Any:
        """POST ``body`` as JSON to ``path``; return the JSON answer (None when empty)."""
        return await self.request_json("POST", path, body=body)

    async def patch_json(self, path: str, body: Any = None) -> Any:
        """PATCH ``body`` as JSON to ``path``; return the JSON answer (None when empty)."""
        return await self.request_json("PATCH", path, body=body)

    async def delete_json(self, path: str) -> Any:
        """DELETE ``path``; return the JSON answer (None when empty)."""
        return await self.request_json("DELETE", path)

    async def request_json(
        self, method: str, path: str, *, params: QueryParams = (), body: Any = None
    ) -> Any:
        """Call the service; typed errors for problem details, UpstreamError for the rest."""
        try:
            response = await self.http.request(
                method, path, params=list(params), json=body, headers=self.headers
            )
        except httpx.HTTPError as exc:
            # Not chained: httpx's frames hold the forwarded Authorization header.
            raise UpstreamError(f"{method} {path} failed: {exc!r}") from None
        if response.is_success:
            return response.json() if response.content else None
        raise error_of(response)
