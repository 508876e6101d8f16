"""The surveys service's REST API, as the gateway reads and writes it (JSON as the service sends it)."""

from __future__ import annotations

from typing import Any

import httpx

from gateway.clients.base import ServiceClient, UpstreamError, error_of

Json = dict[str, Any]


class SurveysClient(ServiceClient):
    """Consultations, invitations, answers, results and participation."""

    async def consultations(self, params: list[tuple[str, str]]) -> Json:
        """A page of consultations (``items``, ``next_cursor``)."""
        page: Json = await self.get_json("/consultations", params)
        return page

    async def consultation(self, consultation_id: str) -> Json:
        """One consultation (with the caller's invitation state)."""
        found: Json = await self.get_json(f"/consultations/{consultation_id}")
        return found

    async def consultation_by_short_id(self, short_id: str) -> Json:
        """The consultation whose letters print ``/c/<short_id>``."""
        found: Json = await self.get_json(f"/consultations/short/{short_id}")
        return found

    async def invitation(self, code: str) -> Json:
        """The consultation of a letter's code and whether it is unused (the code stays unused)."""
        found: Json = await self.request_json("POST", "/invitations/lookup", body={"code": code})
        return found

    async def overdue(self, landlord_id: str) -> list[Json]:
        """Consultations whose follow-up is overdue."""
        found: list[Json] = await self.get_json(
            "/consultations/follow-ups/overdue", [("landlord_id", landlord_id)]
        )
        return found

    async def part(self, consultation_id: str, part: str) -> Json:
        """``results`` or ``participation`` of a consultation."""
        found: Json = await self.get_json(f"/consultations/{consultation_id}/{part}")
        return found

    async def results_csv(self, consultation_id: str) -> str:
        """The results as CSV text."""
        path = f"/consultations/{consultation_id}/results.csv"
        try:
            response = await self.http.get(path, headers=self.headers)
        except httpx.HTTPError as exc:
            raise UpstreamError(f"GET {path} failed: {exc!r}") from None
        if not response.is_success:
            raise error_of(response)
        return response.text

    async def command(self, path: str, body: Any = None, *, method: str = "POST") -> Json:
        """Send a command (POST/PUT) and return the service's answer."""
        answer: Json = await self.request_json(method, path, body=body)
        return answer
