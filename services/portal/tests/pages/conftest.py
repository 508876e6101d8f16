"""The portal app in process, with the gateway and the token endpoint faked by ``httpx.MockTransport``
(unit-level page tests; the browser tests drive the real platform)."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import graphql
import httpx
import pytest
from graphql.validation import NoDeprecatedCustomRule

from portal.app import build_app
from portal.settings import PortalSettings

CONSULTATION_ID = "6b0f1c9e-0000-4000-8000-000000000001"
LANDLORD_ID = "557f3256-6201-40fa-bcbd-9e3171022703"
SCHEMA = graphql.build_schema(
    (Path(__file__).parents[4] / "schema" / "graphql" / "schema.graphql").read_text(encoding="utf-8")
)


def localized(text: str) -> dict[str, str]:
    return {"text": text}


QUESTIONS = [
    {
        "key": "garden",
        "kind": "YES_NO",
        "required": True,
        "text": localized("Utilisez-vous le jardin ?"),
        "maxLength": 500,
        "options": [],
        "scaleLabels": [],
    },
    {
        "key": "garden_score",
        "kind": "SCALE",
        "required": False,
        "text": localized("Le jardin ?"),
        "maxLength": 500,
        "options": [],
        "scaleLabels": [],
        "showIf": {"question": "garden", "anyOf": ["yes"]},
    },
    {
        "key": "wishes",
        "kind": "MULTIPLE_CHOICE",
        "required": False,
        "text": localized("Que voulez-vous ?"),
        "maxChoices": 2,
        "maxLength": 500,
        "scaleLabels": [],
        "options": [
            {"key": "bench", "label": localized("Des bancs")},
            {"key": "light", "label": localized("De la lumière")},
        ],
    },
]


def answer(source: Any, info: graphql.GraphQLResolveInfo, **_: Any) -> Any:
    """A fake answer's value under the field's alias (``proposed: items(…)``), else its name."""
    if not isinstance(source, dict):
        return None
    key = info.path.key
    return source[key] if key in source else source.get(info.field_name)


class FakeGateway:
    """Answers the portal's operations by name and records every call (query, variables, headers).

    Each operation runs against the committed SDL with the named answer as its root value, so a
    query or a fake answer of the wrong shape, or a query asking a deprecated field, fails the test
    (see ``schema_errors``)."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.errors: dict[str, dict[str, Any]] = {}
        self.schema_errors: list[str] = []
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
                "consultations": {"nodes": [consultation]},
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
            "FollowUps": {"consultations": {"nodes": []}},
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
        deprecated = graphql.validate(SCHEMA, graphql.parse(body["query"]), [NoDeprecatedCustomRule])
        self.schema_errors += [f"{operation}: {error.message}" for error in deprecated]
        result = graphql.graphql_sync(
            SCHEMA,
            body["query"],
            root_value=self.data(operation),
            variable_values=body["variables"],
            field_resolver=answer,
        )
        if result.errors:
            self.schema_errors += [f"{operation}: {error}" for error in result.errors]
            return httpx.Response(200, json={"data": None, "errors": [e.formatted for e in result.errors]})
        return httpx.Response(200, json={"data": result.data})

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
    assert not gateway.schema_errors, "\n".join(gateway.schema_errors)


async def sign_in(browser: httpx.AsyncClient) -> None:
    response = await browser.post("/login/code", data={"code": "ABCD-EFGH-JKMN"})
    assert response.status_code == 303
