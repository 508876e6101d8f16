"""Fixtures: a migrated spaces database, the app in its lifespan, tokens of a test issuer.

Every test gets its own database and event namespace (the kernel's fixtures).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from kernel.db import SessionFactory
from kernel.settings import Settings
from kernel.testing.tokens import TestIssuer
from spaces.entrypoints.app import build_app
from spaces.testing import migrate, space_body

BASE_URL = "http://spaces.test"


@pytest.fixture
async def settings(make_settings: Callable[..., Settings], test_issuer: TestIssuer) -> Settings:
    """Settings for this test's database, migrated to head; a pool big enough for bursts."""
    settings = make_settings(issuer=test_issuer.issuer, database_schema="spaces", database_pool_size=12)
    await migrate(settings)
    return settings


@pytest.fixture
async def app(settings: Settings, test_issuer: TestIssuer) -> AsyncIterator[FastAPI]:
    """The spaces app, started (relay and consumers running) and stopped; trusts the test issuer."""
    app = build_app(settings)
    test_issuer.install(app.state.runtime.verifier)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app in process."""
    transport = httpx.ASGITransport(app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL, timeout=120) as client:
        yield client


@pytest.fixture
def sessions(app: FastAPI) -> SessionFactory:
    """The app's database sessions."""
    factory: SessionFactory = app.state.runtime.sessions
    return factory


@dataclass(frozen=True)
class Landlord:
    """A landlord with one site, its staff and a community worker (tokens)."""

    id: str
    site_id: str
    staff: str
    worker: str

    def headers(self, token: str) -> dict[str, str]:
        """An ``Authorization`` header."""
        return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def landlord(test_issuer: TestIssuer) -> Landlord:
    """A landlord with a site, a staff member and a community worker."""
    landlord_id = str(uuid.uuid4())
    return Landlord(
        landlord_id,
        str(uuid.uuid4()),
        test_issuer.person("landlord_staff", landlord_id),
        test_issuer.person("community_worker", landlord_id),
    )


@pytest.fixture
def other_landlord(test_issuer: TestIssuer) -> Landlord:
    """Another landlord, whose staff have no say over the first one's rooms."""
    landlord_id = str(uuid.uuid4())
    staff = test_issuer.person("landlord_staff", landlord_id)
    return Landlord(
        landlord_id, str(uuid.uuid4()), staff, test_issuer.person("community_worker", landlord_id)
    )


@pytest.fixture
def create_space(client: httpx.AsyncClient, landlord: Landlord) -> Callable[..., Any]:
    """Create a room of ``landlord`` (its staff) with the given policy; return its JSON."""

    async def create(**policy: Any) -> dict[str, Any]:
        body = space_body(landlord.id, landlord.site_id, **policy)
        response = await client.post("/spaces", json=body, headers=landlord.headers(landlord.staff))
        assert response.status_code == 201, response.text
        result: dict[str, Any] = response.json()
        return result

    return create
