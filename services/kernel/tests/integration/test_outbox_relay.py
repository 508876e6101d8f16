"""The outbox keeps events while NATS is down and delivers each exactly once afterwards."""

from __future__ import annotations

import asyncio
import uuid

import nats
from sqlalchemy import text

from kernel.db import transaction
from kernel.events import stream_name
from kernel.messaging import EventBus
from kernel.outbox import OutboxRelay, record_event, unsent_count
from kernel.testing.probe import ThingHappened, service_database


async def commit_thing(sessions, number: int) -> str:
    """One state change and its event, in one transaction."""
    thing_id = uuid.uuid4()
    async with transaction(sessions) as session:
        await session.exec(text("INSERT INTO things VALUES (:id, :n)").bindparams(id=thing_id, n=number))
        envelope = record_event(session, ThingHappened(thing_id=thing_id, number=number))
    return envelope.id


async def wait_until(predicate, timeout: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await predicate():
        assert asyncio.get_running_loop().time() < deadline, "condition not reached in time"
        await asyncio.sleep(0.1)


async def stream_event_ids(nats_url: str, stream: str) -> list[str]:
    """Every event id stored in ``stream``, in stream order."""
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        info = await js.stream_info(stream)
        ids = []
        for seq in range(info.state.first_seq, info.state.last_seq + 1):
            message = await js.get_msg(stream, seq)
            ids.append(message.headers["Nats-Msg-Id"])
        return ids
    finally:
        await nc.close()


async def test_events_committed_while_nats_is_down_arrive_exactly_once_after_restart(
    make_settings, private_nats
):
    private_nats.start()
    settings = make_settings(nats_url=private_nats.url)
    async with service_database(settings) as (_, sessions):
        bus = EventBus(settings, "kerneltest")
        relay = OutboxRelay("kerneltest", sessions, bus, settings)
        stop = asyncio.Event()
        relay_task = asyncio.create_task(relay.run(stop))
        try:
            first = await commit_thing(sessions, 0)

            async def outbox_empty() -> bool:
                async with sessions() as session:
                    return await unsent_count(session) == 0

            await wait_until(outbox_empty)

            private_nats.stop()
            committed = [await commit_thing(sessions, n) for n in range(1, 101)]
            await asyncio.sleep(1.0)
            async with sessions() as session:
                assert await unsent_count(session) == 100, "events must wait while NATS is down"

            private_nats.start()
            await wait_until(outbox_empty)
        finally:
            stop.set()
            await relay_task
            await bus.close()

    stored = await stream_event_ids(private_nats.url, stream_name("kerneltest", settings.event_namespace))
    assert stored == [first, *committed], "each event once, in commit order"
