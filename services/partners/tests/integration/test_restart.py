"""Killing the partners service in the middle of a burst of 1,000 events loses none and
applies each once at the receiver (it dedupes by ``webhook-id``)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from contracts.councils import MeetingScheduled
from kernel.embedded import free_port
from kernel.settings import Settings
from kernel.testing.tokens import TestIssuer, bearer
from partners.entrypoints.app import build_app
from partners.settings import PartnerSettings
from partners.testing import WebhookReceiver, World, eventually, grant, register_partner, subscribe

BURST = 1000


def serve(settings: Settings, port: int) -> subprocess.Popen[bytes]:
    """``python -m partners serve`` on ``port``, on this test's database and namespace."""
    env = {
        **os.environ,
        "INSPRAAK_DATABASE_URL": settings.database_url,
        "INSPRAAK_NATS_URL": settings.nats_url,
        "INSPRAAK_EVENT_NAMESPACE": settings.event_namespace,
        "INSPRAAK_ENVIRONMENT": "test",
        "INSPRAAK_LOG_LEVEL": "WARNING",
        "INSPRAAK_CONSUMER_ACK_WAIT_SECONDS": "2",
        "INSPRAAK_PARTNERS_ALLOW_LOOPBACK": "true",
        "INSPRAAK_PARTNERS_RETRY_SCHEDULE_SECONDS": "[0, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2]",
        "INSPRAAK_PARTNERS_DELIVERY_POLL_SECONDS": "0.05",
        "INSPRAAK_PARTNERS_DELIVERY_LEASE_SECONDS": "3",
        "INSPRAAK_PARTNERS_DELIVERY_TIMEOUT_SECONDS": "2",
    }
    command = [sys.executable, "-m", "partners", "serve", "--port", str(port)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def prepare(
    settings: Settings, partner_settings: PartnerSettings, issuer: TestIssuer, url: str
) -> World:
    """Register a partner with a partnership and a webhook, with the service in process; stop it."""
    app = build_app(settings, partner_settings)
    issuer.install(app.state.runtime.verifier)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://partners") as client,
    ):
        partner_id = await register_partner(client, bearer(issuer.person("regional_admin", None)), "cpas")
        world = World(issuer, uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), partner_id, "cpas")
        await grant(client, world, world.landlord_a)
        await subscribe(client, world.partner(), url)
    return world


def meeting(landlord: uuid.UUID) -> MeetingScheduled:
    starts = datetime.now(UTC) + timedelta(days=1)
    return MeetingScheduled(
        meeting_id=uuid.uuid4(),
        council_id=uuid.uuid4(),
        landlord_id=landlord,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
    )


async def test_a_killed_service_loses_no_event_and_the_receiver_applies_each_once(
    settings: Settings,
    partner_settings: PartnerSettings,
    test_issuer: TestIssuer,
    receiver: WebhookReceiver,
    publish: Any,
) -> None:
    world = await prepare(settings, partner_settings, test_issuer, receiver.url)
    port = free_port()
    first = serve(settings, port)
    published = [await publish(meeting(world.landlord_a), world.landlord_a) for _ in range(BURST)]
    await eventually(lambda: len(receiver.applied) >= 100, within=60)
    first.send_signal(signal.SIGKILL)
    first.wait()
    applied_at_kill = len(receiver.applied)

    second = serve(settings, port)
    try:
        await eventually(lambda: len(receiver.applied) >= BURST, within=120)
        await asyncio.sleep(1)
    finally:
        second.terminate()
        second.wait(15)
    assert applied_at_kill < BURST, "the kill came in the middle of the burst"
    assert {e["id"] for e in receiver.applied_events()} == {e.id for e in published}
    assert len(receiver.applied) == BURST, "each event applied once"
    print(f"killed at {applied_at_kill} applied; {receiver.duplicates} duplicate attempts were not applied")
