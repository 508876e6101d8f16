"""No double booking, by construction: the database settles every race.

Hundreds of requests for the same slots are fired at once; the exclusion constraint lets
exactly one per slot through and every other gets CONFLICT.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from dataclasses import replace
from datetime import datetime
from typing import Any

import httpx
import pytest
from sqlalchemy.exc import IntegrityError

from spaces.adapters import mapping
from spaces.adapters.bookings_repo import INSERT_BOOKING, BookingRepository, Overlap, clash_of
from spaces.testing import at, booking_body, monday, organisation, outbox_types


async def _fire(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    space_id: str,
    slots: list[tuple[datetime, datetime]],
    per_slot: int,
) -> list[tuple[int, httpx.Response]]:
    """Request every slot ``per_slot`` times, each for another organisation, all at once."""
    attempts = [(i, slot) for slot_index, slot in enumerate(slots) for i in [slot_index] * per_slot]

    async def attempt(slot: tuple[datetime, datetime]) -> httpx.Response:
        body = booking_body(space_id, organisation(), *slot)
        return await client.post("/bookings", json=body, headers=headers)

    responses = await asyncio.gather(*(attempt(slot) for _, slot in attempts))
    return [(i, response) for (i, _), response in zip(attempts, responses, strict=True)]


def _outcome(results: list[tuple[int, httpx.Response]]) -> tuple[Counter[int], Counter[Any]]:
    confirmed: Counter[int] = Counter()
    refused: Counter[Any] = Counter()
    for slot, response in results:
        if response.status_code == 201:
            assert response.json()["bookings"][0]["state"] == "confirmed"
            confirmed[slot] += 1
        else:
            refused[(response.status_code, response.json()["code"])] += 1
    return confirmed, refused


async def test_500_workers_book_five_touching_hours_at_once_one_each_gets_it(
    client, landlord, create_space, sessions
) -> None:
    space = await create_space(auto_confirm=True)
    day = monday()
    slots = [(at(day, f"{h}:00"), at(day, f"{h + 1}:00")) for h in range(10, 15)]

    results = await _fire(client, landlord.headers(landlord.worker), space["id"], slots, per_slot=100)

    confirmed, refused = _outcome(results)
    assert confirmed == {0: 1, 1: 1, 2: 1, 3: 1, 4: 1}, "touching hours do not overlap: one booking each"
    assert refused == {(409, "CONFLICT"): 495}
    assert (await outbox_types(sessions)).count("inspraak.spaces.booking.confirmed") == 5


async def test_with_a_buffer_bookings_whose_buffers_touch_both_hold_and_inside_the_buffer_conflicts(
    client, landlord, create_space
) -> None:
    space = await create_space(auto_confirm=True, buffer_minutes=15)
    day = monday()
    # Each slot starts exactly where the previous one's 15-minute buffer ends.
    slots = [
        (at(day, "10:00"), at(day, "11:00")),
        (at(day, "11:15"), at(day, "12:15")),
        (at(day, "12:30"), at(day, "13:30")),
    ]
    headers = landlord.headers(landlord.worker)

    confirmed, refused = _outcome(await _fire(client, headers, space["id"], slots, per_slot=100))

    assert confirmed == {0: 1, 1: 1, 2: 1}
    assert refused == {(409, "CONFLICT"): 297}
    for inside_a_buffer in [("11:00", "11:10"), ("09:00", "09:50"), ("13:30", "13:40")]:
        body = booking_body(
            space["id"], organisation(), at(day, inside_a_buffer[0]), at(day, inside_a_buffer[1])
        )
        response = await client.post("/bookings", json=body, headers=headers)
        assert response.status_code == 409, inside_a_buffer
        assert response.json()["message_key"] == "spaces.slot_taken"
    after_the_last_buffer = booking_body(space["id"], organisation(), at(day, "13:45"), at(day, "14:00"))
    assert (await client.post("/bookings", json=after_the_last_buffer, headers=headers)).status_code == 201


async def test_a_taken_slot_names_the_interval_it_clashes_with_but_not_who_booked_it(
    client, landlord, create_space
) -> None:
    space = await create_space(auto_confirm=True, buffer_minutes=15)
    day = monday()
    headers = landlord.headers(landlord.worker)
    first = booking_body(space["id"], organisation(), at(day, "10:00"), at(day, "11:00"))
    assert (await client.post("/bookings", json=first, headers=headers)).status_code == 201
    clashing = booking_body(space["id"], organisation(), at(day, "10:30"), at(day, "11:30"))
    response = await client.post("/bookings", json=clashing, headers=headers)
    assert response.status_code == 409
    params = response.json()["params"]
    clash = (
        datetime.fromisoformat(params["clash_starts_at"]),
        datetime.fromisoformat(params["clash_ends_at"]),
    )
    assert clash == (at(day, "10:00"), at(day, "11:15")), "the booking and its 15-minute buffer"
    assert first["organisation"]["id"] not in response.text and "booker" not in response.text


async def test_a_refused_insert_reads_the_held_period_from_postgresqls_exclusion_violation(
    client, landlord, create_space, sessions
) -> None:
    space = await create_space(auto_confirm=True, buffer_minutes=15)
    day = monday()
    body = booking_body(space["id"], organisation(), at(day, "10:00"), at(day, "11:00"))
    response = await client.post("/bookings", json=body, headers=landlord.headers(landlord.worker))
    assert response.status_code == 201, response.text

    async with sessions() as session:
        bookings = BookingRepository(session)
        whole_day = (at(day, "00:00"), at(day, "23:59"))
        (held,) = await bookings.starting_within([uuid.UUID(space["id"])], whole_day)
        overlapping = replace(held, id=uuid.uuid4(), starts_at=at(day, "10:30"), ends_at=at(day, "11:30"))
        overlapping = replace(overlapping, blocked_until=at(day, "11:45"))
        overlap = await bookings.try_insert(overlapping)
        assert overlap == Overlap((at(day, "10:00"), at(day, "11:15"))), "the booking and its buffer"
        free = replace(held, id=uuid.uuid4(), starts_at=at(day, "12:00"), ends_at=at(day, "13:00"))
        free = replace(free, blocked_until=at(day, "13:15"))
        assert await bookings.try_insert(free) is None, "nothing left over from the refusal"
        await session.rollback()

        with pytest.raises(IntegrityError) as refused:
            await session.exec(INSERT_BOOKING, params=mapping.booking_values(overlapping))
        await session.rollback()
    assert clash_of(refused.value) == (at(day, "10:00"), at(day, "11:15"))
