"""A per-request view of a service's pooled client, forwarding who asks, in which language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx

from gateway.cache import PublicCache
from kernel.errors import ERROR_TYPES, NotFound, Unavailable, from_problem
from kernel.problems import CORRELATION_HEADER

QueryParams = Sequence[tuple[str, str]]

RETRY_AFTER_SECONDS = 5
"""What a caller is told to wait before trying again after a service did not answer in time."""


class UpstreamError(Exception):
    """A service failed in a way the caller must not see (it is masked and logged)."""


class UpstreamTimeout(Unavailable):
    """UNAVAILABLE: a service did not answer in time (or no connection to it was free).

    Nothing is wrong with the request, so the caller gets a typed, localised error with retry
    advice instead of a masked INTERNAL one. A mutation may still have been applied: the
    service's own idempotence (unique constraints, used invitations, booked slots) makes the
    retry safe, and the retry then answers CONFLICT rather than doing it twice.
    """

    def __init__(self, what: str, retry_after: int = RETRY_AFTER_SECONDS) -> None:
        super().__init__(f"{what} timed out")
        self.retry_after = retry_after

    def extensions(self) -> dict[str, Any]:
        """The stable code and when to come back."""
        return {**super().extensions(), "retryAfter": self.retry_after}


def forwarded_headers(token: str | None, correlation_id: str, language: str) -> dict[str, str]:
    """The headers every call to a service carries on behalf of the caller."""
    headers = {CORRELATION_HEADER: correlation_id, "Accept-Language": language}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return headers


def checked_path(method: str, path: str) -> str:
    """``path`` when each id in it stayed one segment; NOT_FOUND for one a caller made up.

    Ids from the caller are put in paths as they are: one holding ``/``, ``.``-segments, ``?``,
    ``#``, ``%`` or control characters would address another resource (or no valid URL at all).
    """
    segments = path.split("/")[1:]
    if any(
        not segment
        or segment in (".", "..")
        or any(c in segment for c in "?#%\\")
        or not segment.isprintable()
        for segment in segments
    ):
        raise NotFound(f"{method} {path!r}: not an address of this service")
    return path


def error_of(response: httpx.Response) -> Exception:
    """A typed error for a problem-details answer; an :class:`UpstreamError` for anything else."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and body.get("code") in ERROR_TYPES:
        return from_problem(body)
    request = response.request
    if response.status_code in (404, 405):  # no such route: an id that addresses nothing
        return NotFound(f"{request.method} {request.url.path} -> {response.status_code}")
    return UpstreamError(f"{request.method} {request.url.path} -> {response.status_code}")


class ServiceClient:
    """Calls one service with the caller's forwarded headers over the shared pooled client."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        headers: dict[str, str],
        *,
        cache: PublicCache | None = None,
        service: str = "",
    ) -> None:
        """``cache`` (with the ``service`` its entries are kept under) serves the public answers."""
        self.http = http
        self.headers = headers
        self.cache = cache
        self.service = service

    async def get_json(self, path: str, params: QueryParams = ()) -> Any:
        """GET ``path`` and return its JSON body; service errors become typed errors."""
        return await self.request_json("GET", path, params=params)

    def _forget_public_answers(self, method: str) -> None:
        """After a change sent through this gateway, its cached public answers of that service go
        at once: the caller reads its own write, without waiting for the event to come back."""
        if method != "GET" and self.cache is not None:
            self.cache.invalidate(self.service)

    async def get_public_json(self, path: str, params: QueryParams = ()) -> Any:
        """GET an answer that cannot depend on who asks (the endpoint takes no principal),
        through the gateway's event-invalidated cache (:mod:`gateway.cache`). The key leaves
        the token out; only ever call this for such endpoints."""
        query = list(params)
        if self.cache is None:
            return await self.get_json(path, query)
        key = (path, tuple(query), self.headers.get("Accept-Language"))
        return await self.cache.fetch(self.service, key, lambda: self.get_json(path, query))

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
        path = checked_path(method, path)
        try:
            response = await self.http.request(
                method, path, params=list(params), json=body, headers=self.headers
            )
        except httpx.TimeoutException:
            self._forget_public_answers(method)
            raise UpstreamTimeout(f"{method} {path}") from None
        except httpx.HTTPError as exc:
            # Not chained: httpx's frames hold the forwarded Authorization header.
            raise UpstreamError(f"{method} {path} failed: {exc!r}") from None
        self._forget_public_answers(method)
        if response.is_success:
            return response.json() if response.content else None
        raise error_of(response)
