"""The portal app in process, with the gateway and the token endpoint faked by ``httpx.MockTransport``
(unit-level page tests; the browser tests drive the real platform)."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from portal.app import build_app
from portal.settings import PortalSettings

CONSULTATION_ID = "6b0f1c9e-0000-4000-8000-000000000001"
LANDLORD_ID = "557f3256-6201-40fa-bcbd-9e3171022703"


def localized(text: str) -> dict[str, str]:
    return {"text": text}


QUESTIONS = [
    {"key": "garden", "kind": "YES_NO", "required": True, "text": localized("Utilisez-vous le jardin ?")},
    {
        "key": "garden_score",
        "kind": "SCALE",
        "required": False,
        "text": localized("Le jardin ?"),
        "showIf": {"question": "garden", "anyOf": ["yes"]},
    },
    {
        "key": "wishes",
        "kind": "MULTIPLE_CHOICE",
        "required": False,
        "text": localized("Que voulez-vous ?"),
        "maxChoices": 2,
        "options": [
            {"key": "bench", "label": localized("Des bancs")},
            {"key": "light", "label": localized("De la lumière")},
        ],
    },
]


class FakeGateway:
    """Answers the portal's operations by name and records every call (query, variables, headers)."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.errors: dict[str, dict[str, Any]] = {}
        self.token_answer: tuple[int, dict[str, Any]] = (
            200,
            {"access_token": "tenant-token", "token_type": "Bearer"},
        )
        self.me: dict[str, Any] = {
            "kind": "HOUSEHOLD",
            "person": None,
            "memberships": [],
            "household": {"id": "h1", "landlord": {"id": LANDLORD_ID}},
        }

    def data(self, operation: str) -> dict[str, Any]:
        consultation = {
            "id": CONSULTATION_ID,
            "phase": "OPEN",
            "myInvitation": "INVITED",
            "closesAt": "2026-06-01T10:00:00+00:00",
            "title": localized("Cour et jardin"),
            "description": localized("Quelques questions."),
            "questions": QUESTIONS,
        }
        return {
            "Me": {"me": self.me},
            "Home": {
                "landlord": {"name": "Foyer Anderlechtois"},
                "consultations": {"items": [consultation]},
                "councils": [],
            },
            "Consultation": {"consultation": consultation},
            "ConsultationByShortId": {"consultationByShortId": {"id": CONSULTATION_ID}},
            "InvitationByCode": {
                "invitationByCode": {"unused": True, "consultation": {"id": CONSULTATION_ID}}
            },
            "Submit": {"submitResponse": {"accepted": True}},
            "Councils": {"councils": [{"id": "c1", "name": "CoCoLo"}]},
            "Propose": {"proposeAgendaItem": {"id": "i1", "state": "proposed"}},
            "FollowUps": {"consultations": {"items": []}},
        }[operation]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            self.calls.append(
                {"operation": "token", "form": dict(httpx.QueryParams(request.content.decode()))}
            )
            status, body = self.token_answer
            return httpx.Response(status, json=body)
        if request.url.path == "/healthz":
            return httpx.Response(200, json={"status": "ok"})
        body = json.loads(request.content)
        operation = re.search(r"(?:query|mutation) (\w+)", body["query"]).group(1)  # type: ignore[union-attr]
        self.calls.append(
            {"operation": operation, "variables": body["variables"], "headers": request.headers}
        )
        if operation in self.errors:
            return httpx.Response(200, json={"data": None, "errors": [self.errors[operation]]})
        return httpx.Response(200, json={"data": self.data(operation)})

    def last(self, operation: str) -> dict[str, Any]:
        return [call for call in self.calls if call["operation"] == operation][-1]


@pytest.fixture
def gateway() -> FakeGateway:
    return FakeGateway()


@pytest.fixture
async def browser(gateway: FakeGateway) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the portal over HTTPS (its cookies are Secure), speaking French."""
    settings = PortalSettings(
        gateway_url="http://gateway.test", issuer="http://identity.test", session_key="test-key"
    )
    app = build_app(settings, transport=httpx.MockTransport(gateway))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app),
            base_url="https://portal.test",
            headers={"Accept-Language": "fr-BE"},
        ) as client,
    ):
        yield client


async def sign_in(browser: httpx.AsyncClient) -> None:
    response = await browser.post("/login/code", data={"code": "ABCD-EFGH-JKMN"})
    assert response.status_code == 303
