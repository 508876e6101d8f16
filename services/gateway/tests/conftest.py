"""Gateway unit-test fixtures: the real FastAPI app, with identity replaced by an in-memory fake.

The fake stands in for identity's REST API (and its JWKS) through ``httpx.MockTransport``;
only these unit tests use it. The end-to-end tests run the real identity service.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import ECKey, KeySet

from gateway.app import build_app
from kernel.settings import Settings

IDENTITY = "http://identity.test"
AUDIENCE = "inspraak"

GraphQL = Callable[..., Awaitable[dict[str, Any]]]


def consultation_record(landlord_id: str | None = None, **overrides: Any) -> dict[str, Any]:
    """A published consultation as the surveys service lists it (for tests that fake surveys)."""
    record: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "landlord_id": landlord_id or str(uuid.uuid4()),
        "council_id": None,
        "owner_id": None,
        "title": {"nl": "Binnenplein", "fr": "Cour intérieure", "en": None},
        "description": {"nl": "", "fr": "", "en": None},
        "phase": "open",
        "site_ids": [],
        "building_ids": [],
        "objective_tags": [],
        "opens_at": "2025-03-01T09:00:00+00:00",
        "closes_at": "2025-03-31T17:00:00+00:00",
        "follow_up_due": None,
        "live_results": False,
        "suppression_threshold": 5,
        "questions": [],
        "follow_up": None,
        "follow_up_overdue": False,
        "my_invitation": None,
    }
    return record | overrides


def problem(status: int, code: str, detail: str, **extra: Any) -> httpx.Response:
    """A problem-details answer as identity sends it."""
    body = {
        "type": f"urn:inspraak:problem:{code.lower()}",
        "title": code,
        "status": status,
        "code": code,
        "detail": detail,
        "correlation_id": None,
        **extra,
    }
    return httpx.Response(status, json=body, headers={"content-type": "application/problem+json"})


@dataclass
class FakeIdentity:
    """identity's REST API in memory; records every request it gets (JWKS apart)."""

    jwks: dict[str, Any]
    landlords: list[dict[str, Any]] = field(default_factory=list)
    sites: list[dict[str, Any]] = field(default_factory=list)
    buildings: list[dict[str, Any]] = field(default_factory=list)
    me: dict[str, Any] | None = None
    requests: list[httpx.Request] = field(default_factory=list)
    answer: Callable[[httpx.Request], httpx.Response] | None = None
    """When set, answers every API request (to simulate failures)."""

    def add_landlord(self, code: str, *, sites: int = 2, buildings: int = 3) -> dict[str, Any]:
        """A landlord with ``sites`` sites of ``buildings`` buildings each."""
        landlord = {
            "id": str(uuid.uuid4()),
            "code": code,
            "name": {"nl": f"{code} Huisvesting", "fr": f"{code} Logement", "en": None},
            "municipalities": ["Brussel"],
            "dwellings": 1200,
        }
        self.landlords.append(landlord)
        for s in range(sites):
            site = {
                "id": str(uuid.uuid4()),
                "landlord_id": landlord["id"],
                "name": {"nl": f"Wijk {code}-{s}", "fr": f"Quartier {code}-{s}", "en": None},
                "municipality": "Anderlecht",
            }
            self.sites.append(site)
            self.buildings += [
                {
                    "id": str(uuid.uuid4()),
                    "site_id": site["id"],
                    "name": f"Blok {b}",
                    "address": f"Rue {code} {b}",
                }
                for b in range(buildings)
            ]
        return landlord

    def calls(self, path: str | None = None) -> list[httpx.Request]:
        """The API requests received (optionally only those to ``path``)."""
        return [r for r in self.requests if path is None or r.url.path == path]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/.well-known/jwks.json":
            return httpx.Response(200, json=self.jwks)
        self.requests.append(request)
        if self.answer is not None:
            return self.answer(request)
        query = parse_qs(request.url.query.decode())
        match request.url.path:
            case "/healthz":
                return httpx.Response(200, json={"status": "ok"})
            case "/landlords":
                ids = query.get("id")
                return httpx.Response(200, json=[x for x in self.landlords if not ids or x["id"] in ids])
            case "/sites":
                wanted = query.get("landlord_id", [])
                sites = [x for x in self.sites if not wanted or x["landlord_id"] in wanted]
                return httpx.Response(200, json=sites)
            case "/buildings":
                wanted = query.get("site_id", [])
                buildings = [x for x in self.buildings if not wanted or x["site_id"] in wanted]
                return httpx.Response(200, json=buildings)
            case "/me":
                if not request.headers.get("authorization", "").startswith("Bearer "):
                    return problem(401, "UNAUTHENTICATED", "Please sign in first.")
                return httpx.Response(200, json=self.me)
        return problem(404, "NOT_FOUND", "We could not find this.")


@pytest.fixture(scope="session")
def signing_key() -> ECKey:
    """identity's ES256 signing key for these tests."""
    return ECKey.generate_key("P-256", parameters={"kid": "test-key"})


@pytest.fixture
def identity(signing_key: ECKey) -> FakeIdentity:
    """An empty fake identity service that publishes the test signing key."""
    return FakeIdentity(jwks=KeySet([signing_key]).as_dict(private=False))


@pytest.fixture
def settings() -> Settings:
    """Gateway settings pointing at the fake identity (also the token issuer)."""
    return Settings(
        environment="test", issuer=IDENTITY, identity_url=IDENTITY, audience=AUDIENCE, log_json=False
    )


@pytest.fixture
def make_token(signing_key: ECKey) -> Callable[..., str]:
    """Sign a JWT as identity would (override or drop claims with keyword arguments)."""

    def make(key: ECKey | None = None, **overrides: Any) -> str:
        claims: dict[str, Any] = {
            "iss": IDENTITY,
            "aud": AUDIENCE,
            "sub": "person-1",
            "exp": int(time.time()) + 600,
            "kind": "person",
            "roles": [{"role": "tenant", "landlord": None}],
        }
        claims.update(overrides)
        claims = {k: v for k, v in claims.items() if v is not None}
        signer = key or signing_key
        return jwt.encode({"alg": "ES256", "kid": signer.kid}, claims, signer)

    return make


@pytest.fixture
async def client(settings: Settings, identity: FakeIdentity) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the real gateway app (lifespan run), its services faked by ``identity``."""
    app = build_app(settings, transport=httpx.MockTransport(identity))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as http:
            yield http


@pytest.fixture
def graphql(client: httpx.AsyncClient) -> GraphQL:
    """POST a query to /graphql and return the JSON body (``language``/``token``/``headers``)."""

    async def run(
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        language: str = "nl",
        token: str | None = None,
        headers: dict[str, str] | None = None,
        status: int = 200,
    ) -> dict[str, Any]:
        sent = {"Accept-Language": language, **(headers or {})}
        if token:
            sent["Authorization"] = f"Bearer {token}"
        response = await client.post("/graphql", json={"query": query, "variables": variables}, headers=sent)
        assert response.status_code == status, response.text
        body: dict[str, Any] = response.json()
        return body

    return run
