"""Fixtures: a migrated councils database, the app in its lifespan, a landlord with its council.

Every test gets its own database and event namespace (the kernel's fixtures); tokens come from
the kernel's test issuer (the identity service is someone else's).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from datetime import date, timedelta

import httpx
import pytest
from fastapi import FastAPI

from councils.entrypoints.app import build_app
from councils.testing import World, migrate, ok
from kernel.db import SessionFactory
from kernel.settings import Settings
from kernel.testing.tokens import TestIssuer, bearer

BASE_URL = "http://councils.test"


@pytest.fixture
async def settings(make_settings: Callable[..., Settings], test_issuer: TestIssuer) -> Settings:
    """Settings for this test's database, migrated to head."""
    settings = make_settings(issuer=test_issuer.issuer, database_schema="councils")
    await migrate(settings)
    return settings


@pytest.fixture
async def app(settings: Settings, test_issuer: TestIssuer) -> AsyncIterator[FastAPI]:
    """The councils app, started (relay, consumers, overdue watch) and stopped; trusts the issuer."""
    app = build_app(settings)
    test_issuer.install(app.state.runtime.verifier)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app in process."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url=BASE_URL) as client:
        yield client


@pytest.fixture
def sessions(app: FastAPI) -> SessionFactory:
    """The app's database sessions."""
    factory: SessionFactory = app.state.runtime.sessions
    return factory


@pytest.fixture
async def world(client: httpx.AsyncClient, test_issuer: TestIssuer) -> World:
    """A council created by landlord staff, with five members appointed for a four-year term."""
    landlord, other = uuid.uuid4(), uuid.uuid4()
    staff = bearer(test_issuer.person("landlord_staff", landlord))
    body = {"landlord_id": str(landlord), "name": {"nl": "Huurdersraad", "fr": "CoCoLo"}, "seats": 7}
    council = await ok(await client.post("/councils", json=body, headers=staff), 201)
    members = [uuid.uuid4() for _ in range(5)]
    term = {
        "term_start": str(date.today() - timedelta(days=30)),
        "term_end": str(date.today() + timedelta(days=1400)),
    }
    for index, person in enumerate(members):
        role = ("president", "secretary", "member", "member", "board_delegate")[index]
        mandate = {"person_id": str(person), "role": role, **term}
        await ok(await client.post(f"/councils/{council['id']}/mandates", json=mandate, headers=staff), 201)
    return World(test_issuer, landlord, other, council, members)
