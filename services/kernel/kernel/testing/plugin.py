"""Fixtures: the external services when ``INSPRAAK_DATABASE_URL`` / ``INSPRAAK_NATS_URL`` are set,
embedded ones (from wheels) otherwise. Each test gets its own database and event namespace."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import nats
import pytest

from kernel.db import async_url, asyncpg_dsn, with_database
from kernel.embedded import EmbeddedNats, EmbeddedPostgres
from kernel.events import stream_name
from kernel.logging import configure_logging
from kernel.settings import Settings
from kernel.testing.tokens import TestIssuer


@pytest.fixture(scope="session")
def postgres_server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a PostgreSQL server's maintenance database (external or embedded)."""
    external = os.environ.get("INSPRAAK_DATABASE_URL")
    if external:
        yield async_url(external)
        return
    server = EmbeddedPostgres(tmp_path_factory.mktemp("pg") / "data", delete_on_stop=True)
    url = server.start()
    yield url
    server.stop()


@pytest.fixture(scope="session")
def nats_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a NATS server with JetStream (external or embedded)."""
    external = os.environ.get("INSPRAAK_NATS_URL")
    if external:
        yield external
        return
    server = EmbeddedNats(tmp_path_factory.mktemp("nats"))
    yield server.start()
    server.stop()


@pytest.fixture
async def database_url(postgres_server_url: str) -> AsyncIterator[str]:
    """A new, empty database for this test only; dropped afterwards."""
    name = f"inspraak_t_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(asyncpg_dsn(postgres_server_url))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    yield with_database(postgres_server_url, name)
    admin = await asyncpg.connect(asyncpg_dsn(postgres_server_url))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture
async def event_namespace(nats_url: str) -> AsyncIterator[str]:
    """A subject and stream prefix for this test only; its streams are deleted afterwards."""
    namespace = f"t{uuid.uuid4().hex[:10]}"
    yield namespace
    try:
        nc = await nats.connect(nats_url, connect_timeout=2, max_reconnect_attempts=1)
    except Exception:
        return
    try:
        js = nc.jetstream()
        prefix = stream_name("x", namespace).removesuffix("_X")
        for info in await js.streams_info():
            if info.config.name and info.config.name.startswith(prefix + "_"):
                await js.delete_stream(info.config.name)
    finally:
        await nc.close()


@pytest.fixture
def make_settings(database_url: str, nats_url: str, event_namespace: str) -> Callable[..., Settings]:
    """Build settings pointing at this test's database and namespace, with quick retries."""

    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "environment": "test",
            "database_url": database_url,
            "nats_url": nats_url,
            "event_namespace": event_namespace,
            "relay_idle_seconds": 0.05,
            "consumer_ack_wait_seconds": 2.0,
            "consumer_backoff_seconds": [0.1, 0.2, 0.3],
            "consumer_max_deliveries": 3,
            "log_json": False,
        }
        values.update(overrides)
        return Settings.model_validate(values)

    return make


@pytest.fixture
def private_nats(tmp_path: Path) -> Iterator[EmbeddedNats]:
    """A nats-server of this test's own (not started): for tests that stop and restart NATS."""
    server = EmbeddedNats(tmp_path / "nats")
    yield server
    server.stop()


@pytest.fixture
def test_issuer() -> TestIssuer:
    """A token issuer for this test (install it on a runtime's verifier to be trusted)."""
    return TestIssuer()


def pytest_configure(config: pytest.Config) -> None:
    """Log as the services do (JSON, no frame locals): structlog's default development renderer
    draws rich tracebacks, slow enough under a burst of errors to stall a concurrency test."""
    configure_logging("tests", level="WARNING", json=True)
