"""A per-request view of a service's pooled client, forwarding who asks, in which language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx

from kernel.errors import ERROR_TYPES, from_problem
from kernel.http import CORRELATION_HEADER

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
        try:
            response = await self.http.get(path, params=list(params), headers=self.headers)
        except httpx.HTTPError as exc:
            # Not chained: the kernel's log renderer shows frame locals, and httpx's frames
            # hold the forwarded Authorization header.
            raise UpstreamError(f"GET {path} failed: {exc!r}") from None
        if response.is_success:
            return response.json()
        raise error_of(response)
