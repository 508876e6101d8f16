"""Fixtures: a migrated surveys database, the app in its lifespan, trusted test tokens, and a
landlord with sites, buildings and households in the projection.

Every test gets its own database and event namespace (the kernel's fixtures).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from kernel.db import SessionFactory, asyncpg_dsn
from kernel.migrations import script_location, upgrade
from kernel.settings import Settings
from kernel.testing.tokens import TestIssuer
from surveys.entrypoints.app import build_app
from surveys.testing import Landlord

MIGRATIONS = script_location(Path(__file__).resolve().parents[2] / "surveys")
BASE = "http://surveys.test"


@pytest.fixture
async def settings(make_settings: Callable[..., Settings], test_issuer: TestIssuer) -> Settings:
    """Settings for this test's database, migrated to head."""
    settings = make_settings(issuer=test_issuer.issuer, database_schema="surveys")
    await asyncio.to_thread(upgrade, "surveys", MIGRATIONS, settings)
    return settings


@pytest.fixture
async def app(settings: Settings, test_issuer: TestIssuer) -> AsyncIterator[FastAPI]:
    """The surveys app, started (relay and consumer running) and stopped; trusting the test issuer."""
    app = build_app(settings, public_url="https://inspraak.test")
    test_issuer.install(app.state.runtime.verifier)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app in process."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url=BASE) as client:
        yield client


@pytest.fixture
def sessions(app: FastAPI) -> SessionFactory:
    """The app's database sessions."""
    factory: SessionFactory = app.state.runtime.sessions
    return factory


@pytest.fixture
async def sql(settings: Settings) -> AsyncIterator[asyncpg.Connection]:
    """A raw connection to the test database, in the surveys schema (for setup and inspection)."""
    connection = await asyncpg.connect(asyncpg_dsn(settings.database_url))
    await connection.execute("SET search_path TO surveys")
    yield connection
    await connection.close()


@pytest.fixture
def landlord(sql: asyncpg.Connection, test_issuer: TestIssuer) -> Landlord:
    """A landlord of this test."""
    return Landlord(sql, test_issuer)
