"""Finding a free room, and the no-show sweep (called directly, with the time it runs at)."""

from __future__ import annotations

import asyncio
from datetime import time, timedelta

import httpx

from spaces.domain.clock import local, utcnow
from spaces.entrypoints.app import build_app
from spaces.service.no_show import mark_no_shows
from spaces.testing import (
    EVERY_DAY,
    Clock,
    at,
    booking_body,
    monday,
    organisation,
    outbox_types,
    space_body,
)


async def test_search_finds_rooms_by_capacity_accessibility_and_a_free_window(
    client, landlord, create_space
) -> None:
    space = await create_space(auto_confirm=True)
    day = monday()
    headers = landlord.headers(landlord.worker)
    booked = await client.post(
        "/bookings",
        json=booking_body(space["id"], organisation(), at(day, "10:00"), at(day, "12:00")),
        headers=headers,
    )
    assert booked.status_code == 201

    async def search(**params: str) -> list[str]:
        response = await client.get("/spaces", params={"site_id": landlord.site_id, **params})
        return [found["id"] for found in response.json()]

    assert await search(min_capacity="30", accessible="step_free_access") == [space["id"]]
    assert await search(min_capacity="31") == []
    assert await search(accessible="hearing_loop") == []
    assert await search(free_from=at(day, "12:00").isoformat(), free_to=at(day, "14:00").isoformat()) == [
        space["id"]
    ]
    assert await search(free_from=at(day, "11:00").isoformat(), free_to=at(day, "13:00").isoformat()) == []
    assert await search(free_from=at(day, "21:00").isoformat(), free_to=at(day, "23:00").isoformat()) == []
    slots = await client.get(
        f"/spaces/{space['id']}/availability",
        params={"from": at(day, "00:00").isoformat(), "to": at(day, "23:59").isoformat()},
    )
    assert [(s["starts_at"][11:16], s["ends_at"][11:16]) for s in slots.json()] == [
        ("08:00", "10:00"),
        ("12:00", "22:00"),
    ]


async def test_a_confirmed_booking_nobody_checked_in_for_becomes_a_no_show_after_the_grace(
    client, landlord, create_space, sessions
) -> None:
    space = await create_space(auto_confirm=True, check_in_grace_minutes=15)
    day = monday()
    body = booking_body(space["id"], organisation(), at(day, "10:00"), at(day, "11:00"))
    booking = (await client.post("/bookings", json=body, headers=landlord.headers(landlord.worker))).json()[
        "bookings"
    ][0]

    within_grace = await mark_no_shows(sessions, now=at(day, "10:10"))
    after_grace = await mark_no_shows(sessions, now=at(day, "10:16"))
    again = await mark_no_shows(sessions, now=at(day, "10:30"))

    assert within_grace == [] and again == []
    assert [(b.id.hex, b.state) for b in after_grace] == [(booking["id"].replace("-", ""), "no_show")]
    assert "inspraak.spaces.booking.no_show" in await outbox_types(sessions)
    listed = await client.get(
        f"/spaces/{space['id']}/bookings",
        params={"from": at(day, "00:00").isoformat(), "to": at(day + timedelta(days=1), "00:00").isoformat()},
    )
    assert [b["state"] for b in listed.json()["items"]] == ["no_show"]


async def test_bad_input_names_its_field(client, landlord, create_space) -> None:
    space = await create_space(auto_confirm=True)
    day = monday()
    headers = landlord.headers(landlord.worker)
    too_many = booking_body(space["id"], organisation(), at(day, "10:00"), at(day, "11:00"), attendees=31)
    backwards = booking_body(space["id"], organisation(), at(day, "11:00"), at(day, "10:00"))
    at_night = booking_body(space["id"], organisation(), at(day, "22:30"), at(day, "23:00"))
    for body, field in [(too_many, "attendees"), (backwards, "ends_at"), (at_night, "starts_at")]:
        response = await client.post("/bookings", json=body, headers=headers)
        assert (response.status_code, response.json()["code"], response.json()["field"]) == (
            422,
            "VALIDATION",
            field,
        )
    tenant_room = await client.post("/spaces", json={}, headers=landlord.headers(landlord.worker))
    assert tenant_room.status_code == 422


async def test_staff_of_the_landlord_change_a_room_and_staff_of_another_may_not(
    client, landlord, other_landlord, create_space, sessions
) -> None:
    space = await create_space(auto_confirm=True)
    change = {"capacity": 12, "policy": {"auto_confirm": False, "buffer_minutes": 10}}

    refused = await client.patch(
        f"/spaces/{space['id']}", json=change, headers=other_landlord.headers(other_landlord.staff)
    )
    changed = await client.patch(
        f"/spaces/{space['id']}", json=change, headers=landlord.headers(landlord.staff)
    )

    assert refused.status_code == 403
    assert (changed.json()["capacity"], changed.json()["policy"]["buffer_minutes"]) == (12, 10)
    assert (await outbox_types(sessions))[-1] == "inspraak.spaces.space.updated"


async def test_the_running_service_marks_no_shows_by_itself(
    settings, test_issuer, landlord, monkeypatch
) -> None:
    start = local(utcnow() - timedelta(minutes=40)).replace(second=0, microsecond=0)
    if start.time() > time(23, 50):
        start = start.replace(hour=23, minute=0)
    monkeypatch.setattr("spaces.service.bookings.utcnow", Clock(start - timedelta(hours=1)))
    app = build_app(settings, no_show_seconds=0.1)
    test_issuer.install(app.state.runtime.verifier)
    body = space_body(landlord.id, landlord.site_id, auto_confirm=True)
    body["opening_hours"] = [{**day, "opens": "00:00", "closes": "23:59"} for day in EVERY_DAY]
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://spaces.test") as client,
    ):
        space = (await client.post("/spaces", json=body, headers=landlord.headers(landlord.staff))).json()
        booking = booking_body(space["id"], organisation(), start, start + timedelta(minutes=5))
        placed = await client.post("/bookings", json=booking, headers=landlord.headers(landlord.worker))
        assert placed.json()["bookings"][0]["state"] == "confirmed"
        window = {
            "from": (start - timedelta(hours=1)).isoformat(),
            "to": (start + timedelta(hours=1)).isoformat(),
        }
        states: list[str] = []
        for _ in range(50):
            listed = await client.get(f"/spaces/{space['id']}/bookings", params=window)
            states = [b["state"] for b in listed.json()["items"]]
            if states == ["no_show"]:
                break
            await asyncio.sleep(0.1)
    assert states == ["no_show"]
