"""Consumers apply each event once, survive a crash before ack, and dead-letter poison."""

from __future__ import annotations

import asyncio
import contextlib
import uuid

import nats
from sqlalchemy import text

from kernel.events import CloudEvent, nats_subject, stream_name
from kernel.inbox import ConsumerRunner
from kernel.messaging import EventBus
from kernel.testing.probe import ThingHappened, service_database


class ProcessKilled(BaseException):
    """Stands for the process dying: not an Exception, so nothing in the runner catches it."""


class DiesBeforeFirstAck(ConsumerRunner):
    """A consumer whose process is killed after its transaction committed, before the ack."""

    async def ack(self, message) -> None:
        raise ProcessKilled


async def record_effect(session, event: CloudEvent) -> None:
    await session.exec(
        text("INSERT INTO effects VALUES (:id, 'projector')").bindparams(id=uuid.UUID(event.id))
    )


async def always_fails(session, event: CloudEvent) -> None:
    await record_effect(session, event)
    raise ValueError("the projection cannot take this event")


async def publish(bus: EventBus, settings, number: int = 7) -> CloudEvent:
    envelope = CloudEvent.wrap(ThingHappened(thing_id=uuid.uuid4(), number=number))
    await bus.ensure_stream("kerneltest")
    await bus.publish(
        nats_subject(envelope.type, settings.event_namespace),
        envelope.model_dump_json().encode(),
        msg_id=envelope.id,
    )
    return envelope


def runner(cls, name, handler, sessions, bus, settings) -> ConsumerRunner:
    return cls(
        name=name,
        stream_service="kerneltest",
        event_types=[ThingHappened.event_type],
        handler=handler,
        sessions=sessions,
        bus=bus,
        settings=settings,
    )


async def count(sessions, sql: str) -> int:
    async with sessions() as session:
        return int((await session.exec(text(sql))).scalar_one())


async def test_a_consumer_killed_between_commit_and_ack_does_not_apply_the_event_twice(make_settings):
    settings = make_settings(consumer_ack_wait_seconds=1.0)
    async with service_database(settings) as (_, sessions):
        bus = EventBus(settings, "kerneltest")
        event = await publish(bus, settings)

        stop = asyncio.Event()
        doomed = runner(DiesBeforeFirstAck, "projector", record_effect, sessions, bus, settings)
        crashed = asyncio.create_task(doomed.run(stop))
        with contextlib.suppress(ProcessKilled):
            await asyncio.wait_for(crashed, timeout=20)
        assert await count(sessions, "SELECT count(*) FROM effects") == 1, "effect committed"

        survivor = runner(ConsumerRunner, "projector", record_effect, sessions, bus, settings)
        task = asyncio.create_task(survivor.run(stop))
        js = await bus.jetstream()
        stream = stream_name("kerneltest", settings.event_namespace)
        for _ in range(100):
            info = await js.consumer_info(stream, survivor.durable)
            if info.num_ack_pending == 0 and info.ack_floor.stream_seq >= 1:
                break
            await asyncio.sleep(0.2)
        stop.set()
        await task
        await bus.close()

        assert info.ack_floor.stream_seq == 1, "the redelivered event was acknowledged"
        assert await count(sessions, "SELECT count(*) FROM effects") == 1, "effect applied once"
        assert await count(sessions, "SELECT count(*) FROM inbox") == 1
        async with sessions() as session:
            inbox_id = (await session.exec(text("SELECT event_id::text FROM inbox"))).scalar_one()
        assert inbox_id == event.id


async def test_an_event_that_always_fails_lands_in_the_dead_letter_stream_with_its_reason(
    make_settings, nats_url
):
    settings = make_settings(consumer_max_deliveries=3, consumer_backoff_seconds=[0.1, 0.2])
    async with service_database(settings) as (_, sessions):
        bus = EventBus(settings, "kerneltest")
        event = await publish(bus, settings)
        stop = asyncio.Event()
        task = asyncio.create_task(
            runner(ConsumerRunner, "fragile", always_fails, sessions, bus, settings).run(stop)
        )
        dead_letters = stream_name("deadletter", settings.event_namespace)
        js = await bus.jetstream()
        for _ in range(100):
            try:
                if (await js.stream_info(dead_letters)).state.messages >= 1:
                    break
            except nats.js.errors.NotFoundError:
                pass
            await asyncio.sleep(0.1)
        stop.set()
        await task

        message = await js.get_last_msg(
            dead_letters, nats_subject("inspraak.deadletter.fragile.failed", settings.event_namespace)
        )
        await bus.close()
        assert message.headers["Inspraak-Reason"] == "ValueError: the projection cannot take this event"
        assert message.headers["Inspraak-Original-Subject"] == nats_subject(
            event.type, settings.event_namespace
        )
        assert message.headers["Inspraak-Deliveries"] == "3"
        assert CloudEvent.model_validate_json(message.data).id == event.id
        assert await count(sessions, "SELECT count(*) FROM effects") == 0, "failed effects rolled back"
        assert await count(sessions, "SELECT count(*) FROM inbox") == 0


async def test_a_batch_consumer_applies_a_batch_in_one_transaction_and_a_poison_event_alone(
    make_settings,
):
    settings = make_settings(consumer_max_deliveries=2, consumer_backoff_seconds=[0.1])
    async with service_database(settings) as (_, sessions):
        bus = EventBus(settings, "kerneltest")
        batches: list[int] = []
        poison = 13  # the ``number`` of the one event the projection cannot take

        async def record_many(session, batch: list[CloudEvent]) -> None:
            for event in batch:
                if event.data["number"] == poison:
                    raise ValueError("the projection cannot take this event")
                await record_effect(session, event)
            batches.append(len(batch))  # only batches that were applied

        async def record_one(session, event: CloudEvent) -> None:
            await record_many(session, [event])

        async def effects_reach(number: int) -> None:
            for _ in range(100):
                if await count(sessions, "SELECT count(*) FROM effects") == number:
                    return
                await asyncio.sleep(0.2)

        # A clean wave first: it goes through the batch path and commits together.
        clean = [await publish(bus, settings) for _ in range(10)]
        stop = asyncio.Event()
        consumer = ConsumerRunner(
            name="batched",
            stream_service="kerneltest",
            event_types=[ThingHappened.event_type],
            handler=record_one,
            sessions=sessions,
            bus=bus,
            settings=settings,
            batch=50,
            batch_handler=record_many,
        )
        task = asyncio.create_task(consumer.run(stop))
        await effects_reach(len(clean))
        assert await count(sessions, "SELECT count(*) FROM effects") == len(clean)
        transactions = await count(sessions, "SELECT count(DISTINCT xmin::text) FROM effects")
        assert transactions < len(clean), "the clean wave was committed in batches"
        assert max(batches) > 1, "events fetched together are applied together"

        # Then a wave with a poison event in it.
        for i in range(20):
            await publish(bus, settings, number=poison if i == 7 else 7)
        await effects_reach(len(clean) + 19)
        js = await bus.jetstream()
        stream = stream_name("kerneltest", settings.event_namespace)
        for _ in range(100):
            info = await js.consumer_info(stream, consumer.durable)
            if info.num_ack_pending == 0 and info.num_pending == 0:
                break
            await asyncio.sleep(0.2)
        stop.set()
        await task
        await bus.close()

        assert max(batches) > 1, "events fetched together are applied together"
        assert await count(sessions, "SELECT count(*) FROM effects") == len(clean) + 19, (
            "all but the poison, once"
        )
        assert await count(sessions, "SELECT count(*) FROM inbox") == len(clean) + 19
        assert info.num_ack_pending == 0, "the poison was dead-lettered and acked"
