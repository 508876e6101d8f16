"""Fixtures: a migrated identity database, the app in its lifespan, two landlords' places.

Every test gets its own database and event namespace (the kernel's fixtures).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI

from identity.domain.commands import RegisterPerson
from identity.domain.people import Person
from identity.entrypoints.app import build_app
from identity.service import people
from identity.service.keys import KeyRing
from identity.service.permissions import SYSTEM
from identity.service.unit_of_work import unit_of_work
from identity.testing import Place, migrate, register_place, signed_token
from kernel.db import SessionFactory
from kernel.settings import Settings

ISSUER = "http://identity.test"


@pytest.fixture
async def settings(make_settings: Callable[..., Settings]) -> Settings:
    """Settings for this test's database, migrated to head."""
    settings = make_settings(issuer=ISSUER, database_schema="identity")
    await migrate(settings)
    return settings


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    """The identity app, started (signing key made, relay running) and stopped."""
    app = build_app(settings)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app in process."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url=ISSUER) as client:
        yield client


@pytest.fixture
def sessions(app: FastAPI) -> SessionFactory:
    """The app's database sessions."""
    factory: SessionFactory = app.state.runtime.sessions
    return factory


@pytest.fixture
def keys(app: FastAPI) -> KeyRing:
    """The app's key ring."""
    ring: KeyRing = app.state.keys
    return ring


@pytest.fixture
def token(keys: KeyRing, settings: Settings) -> Callable[..., str]:
    """Sign a token for a subject with the app's current key (keyword claims override)."""
    return lambda subject, **claims: signed_token(keys, settings, subject, **claims)


@dataclass(frozen=True)
class World:
    """Two landlords, each with a site and two buildings."""

    home: Place
    other: Place


@pytest.fixture
async def world(sessions: SessionFactory) -> World:
    """``foyer-test`` and ``other-test`` with their places."""
    return World(await register_place(sessions, "foyer-test"), await register_place(sessions, "other-test"))


@pytest.fixture
def register_person(sessions: SessionFactory) -> Callable[..., Awaitable[Person]]:
    """Register a person with a username and password through the handler."""

    async def register(username: str, password: str, household_id: uuid.UUID | None = None) -> Person:
        command = RegisterPerson("Testa Persoon", "nl", household_id, username, password)
        async with unit_of_work(sessions) as uow:
            return await people.register_person(uow, SYSTEM, command)

    return register
