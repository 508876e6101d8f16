"""Fixtures: a migrated partners database, the app in its lifespan (consumers and delivery
worker running, compressed retries, loopback allowed), a loopback receiver, an event producer,
and a small world: two landlords, their staff, a regional admin and a registered partner."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest
from fastapi import FastAPI

from kernel.events import CloudEvent, IntegrationEvent, nats_subject
from kernel.messaging import EventBus
from kernel.settings import Settings
from kernel.testing.tokens import TestIssuer, bearer
from partners.entrypoints.app import build_app
from partners.settings import PartnerSettings
from partners.testing import WebhookReceiver, World, heard, migrate, register_partner

Publish = Callable[[IntegrationEvent, uuid.UUID | None], Awaitable[CloudEvent]]
FAST_SCHEDULE = [0.0, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2]


@pytest.fixture
async def settings(make_settings: Callable[..., Settings], test_issuer: TestIssuer) -> Settings:
    """Settings for this test's database and namespace, migrated to head."""
    settings = make_settings(issuer=test_issuer.issuer, database_schema="partners")
    await migrate(settings)
    return settings


@pytest.fixture
def partner_settings() -> PartnerSettings:
    """A compressed retry schedule without jitter, quick polling, loopback allowed."""
    return PartnerSettings(
        allow_loopback=True,
        retry_schedule_seconds=FAST_SCHEDULE,
        retry_jitter=0,
        delivery_poll_seconds=0.05,
        delivery_timeout_seconds=3,
        delivery_lease_seconds=10,
    )


@pytest.fixture
async def app(
    settings: Settings, partner_settings: PartnerSettings, test_issuer: TestIssuer
) -> AsyncIterator[FastAPI]:
    """The partners app, started (consumers, relay, delivery worker) and stopped."""
    app = build_app(settings, partner_settings)
    test_issuer.install(app.state.runtime.verifier)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app in process."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://partners") as client:
        yield client


@pytest.fixture
async def receiver() -> AsyncIterator[WebhookReceiver]:
    """A webhook receiver on loopback, answering 200 unless told otherwise."""
    receiver = await WebhookReceiver().start()
    yield receiver
    await receiver.stop()


@pytest.fixture
async def publish(settings: Settings) -> AsyncIterator[Publish]:
    """Publish an event on its service's stream, as that service's outbox relay would."""
    bus = EventBus(settings, "partners-test-producer")
    streams: set[str] = set()

    async def publish(event: IntegrationEvent, landlord: uuid.UUID | None) -> CloudEvent:
        envelope = CloudEvent.wrap(event, landlord=str(landlord) if landlord else None)
        if event.service() not in streams:
            await bus.ensure_stream(event.service())
            streams.add(event.service())
        body = envelope.model_dump_json(exclude_none=True).encode()
        await bus.publish(nats_subject(envelope.type, settings.event_namespace), body, msg_id=envelope.id)
        return envelope

    yield publish
    await bus.close()


@pytest.fixture
async def world(client: httpx.AsyncClient, test_issuer: TestIssuer) -> World:
    """The world every scenario starts from."""
    landlord_a, landlord_b = uuid.uuid4(), uuid.uuid4()
    admin = bearer(test_issuer.person("regional_admin", None))
    partner_id = await register_partner(client, admin, "cpas-anderlecht")
    await heard(
        client, bearer(test_issuer.partner("cpas-anderlecht")), "inspraak.partners.partner.registered"
    )
    return World(test_issuer, landlord_a, landlord_b, uuid.uuid4(), partner_id, "cpas-anderlecht")
