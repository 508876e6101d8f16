"""Scenario 3, event fan-out: public events committed at a steady rate reach 10 webhook receivers.

Ceiling: raw JetStream on the same server, publish (acked) → pull fetch → ack, same rate.
Platform: each event is committed in its own transaction into surveys' outbox (what the
service does when it publishes a consultation); surveys' relay, the partners consumer and its
delivery worker do the rest. Every receiver counts each event once (``webhook-id``) and the
time from commit to receipt; afterwards 0 lost and 0 duplicates, or the check fails.
"""

from __future__ import annotations

import asyncio
import functools
import json
import time
import uuid
from datetime import UTC, date, datetime, timedelta

import nats
from nats.js.api import StreamConfig

from contracts.surveys import ConsultationPublished
from inspraak.bench.context import Bench
from inspraak.bench.loadgen import Measured
from inspraak.bench.report import Row
from kernel.db import create_engine, session_factory, transaction
from kernel.outbox import record_event
from kernel.settings import Settings

EVENT = ConsultationPublished.event_type


class Receivers:
    """Loopback HTTP receivers: per receiver, the first receipt time of each event id."""

    def __init__(self) -> None:
        self.first: list[dict[str, float]] = []
        self.duplicates = 0
        self._servers: list[asyncio.Server] = []

    async def start(self, count: int) -> list[str]:
        """Start ``count`` receivers; their URLs."""
        urls = []
        for index in range(count):
            self.first.append({})
            server = await asyncio.start_server(functools.partial(self._serve, index), "127.0.0.1", 0)
            self._servers.append(server)
            urls.append(f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/hook")
        return urls

    async def _serve(self, index: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while head := await reader.readuntil(b"\r\n\r\n"):
                headers = {
                    k.strip().lower(): v.strip()
                    for k, _, v in (line.partition(":") for line in head.decode("latin-1").split("\r\n")[1:])
                }
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                event_id = json.loads(body).get("id", "") if body else ""
                if event_id in self.first[index]:
                    self.duplicates += 1
                else:
                    self.first[index][event_id] = time.time()
                writer.write(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n")
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    def stop(self) -> None:
        """Stop listening."""
        for server in self._servers:
            server.close()


async def _subscribe(bench: Bench, urls: list[str]) -> None:
    issuer = bench.platform.issuer
    async with bench.service("partners", issuer.person("regional_admin", None)) as admin:
        for index, url in enumerate(urls):
            client_id = f"bench-partner-{index}-{uuid.uuid4().hex[:6]}"
            body = {
                "name": {"nl": f"Partner {index}", "fr": f"Partenaire {index}"},
                "type": "welfare_centre",
                "client_ids": [client_id],
            }
            response = await admin.post("/partners", json=body)
            if response.status_code != 201:
                raise RuntimeError(f"registerPartner -> {response.status_code}: {response.text[:300]}")
            async with bench.service("partners", issuer.partner(client_id)) as partner:
                sub = {"channel": "webhook", "url": url, "event_types": [EVENT]}
                response = await partner.post("/subscriptions", json=sub)
                if response.status_code != 201:
                    raise RuntimeError(f"subscribe -> {response.status_code}: {response.text[:300]}")


def _event(landlord: uuid.UUID) -> ConsultationPublished:
    now = datetime.now(UTC)
    return ConsultationPublished(
        consultation_id=uuid.uuid4(),
        landlord_id=landlord,
        title={"nl": "Bench", "fr": "Bench"},
        site_ids=[],
        building_ids=[],
        objective_tags=[],
        opens_at=now,
        closes_at=now + timedelta(days=7),
        follow_up_due=date.today() + timedelta(days=30),
    )


async def _commit_events(bench: Bench, count: int, rate: float) -> dict[str, float]:
    settings = Settings(database_url=bench.platform.database_url, database_schema="surveys")
    engine = create_engine(settings)
    sessions = session_factory(engine)
    committed: dict[str, float] = {}
    landlord = uuid.uuid4()
    begin = time.perf_counter()
    try:
        for index in range(count):
            await asyncio.sleep(max(0.0, begin + index / rate - time.perf_counter()))
            async with transaction(sessions) as session:
                envelope = record_event(session, _event(landlord), landlord=landlord)
            committed[envelope.id] = time.time()
    finally:
        await engine.dispose()
    return committed


async def _ceiling(bench: Bench, count: int, rate: float) -> Measured:
    """Raw JetStream on the platform's NATS: publish (acked) at ``rate``, pull, ack."""
    nc = await nats.connect(str(bench.platform.urls["nats"]))
    js = nc.jetstream()
    name = f"{bench.platform.namespace.upper()}_CEILING"
    subject = f"{bench.platform.namespace}.ceiling.x"
    await js.add_stream(StreamConfig(name=name, subjects=[subject]))
    subscription = await js.pull_subscribe(subject, durable="ceiling", stream=name)
    sent: dict[int, float] = {}
    measured = Measured(count / rate)

    async def consume() -> None:
        while measured.ok < count:
            try:
                messages = await subscription.fetch(100, timeout=1)
            except (TimeoutError, nats.errors.TimeoutError):
                continue
            for message in messages:
                measured.latencies.append(time.perf_counter() - sent[int(message.data)])
                measured.ok += 1
                await message.ack()

    consumer = asyncio.create_task(consume())
    begin = time.perf_counter()
    for index in range(count):
        await asyncio.sleep(max(0.0, begin + index / rate - time.perf_counter()))
        sent[index] = time.perf_counter()
        await js.publish(subject, str(index).encode())
    await asyncio.wait_for(consumer, 60)
    await js.delete_stream(name)
    await nc.close()
    return measured


async def run(bench: Bench) -> None:
    """Ceiling, then the platform at the same rate; lost and duplicate deliveries counted."""
    options = bench.options
    ceiling = await _ceiling(bench, options.events, options.event_rate)
    bench.report.add(
        Row.of(
            "3 fan-out", f"ceiling: JetStream publish→fetch→ack at {options.event_rate:.0f}/s", ceiling, None
        )
    )
    receivers = Receivers()
    urls = await receivers.start(options.receivers)
    await _subscribe(bench, urls)
    committed = await _commit_events(bench, options.events, options.event_rate)
    expected = len(committed) * len(urls)
    deadline = time.monotonic() + max(60.0, options.events / 50)
    # Polling counters the receivers' tasks fill.
    while sum(len(seen) for seen in receivers.first) < expected and time.monotonic() < deadline:  # noqa: ASYNC110
        await asyncio.sleep(0.2)
    receivers.stop()
    measured = Measured(options.events / options.event_rate)
    for seen in receivers.first:
        measured.latencies += [at - committed[i] for i, at in seen.items() if i in committed]
    measured.ok = len(measured.latencies)
    last = max((max(seen.values()) for seen in receivers.first if seen), default=time.time())
    row = bench.report.add(
        Row.of("3 fan-out", f"{len(committed)} events × {len(urls)} webhooks, commit→receipt", measured)
    )
    row.throughput = round(measured.ok / max(0.001, last - min(committed.values())), 1)
    row.unit = "deliveries/s"
    lost = expected - measured.ok
    # Redeliveries are allowed (at least once); receivers apply each webhook-id once.
    bench.report.check(
        "fan-out: 0 lost, 0 duplicates after dedupe",
        lost == 0,  # within the deadline
        expected=expected,
        received_once=measured.ok,
        lost=lost,
        redeliveries_deduped=receivers.duplicates,
    )
