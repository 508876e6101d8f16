"""The fairness quota holds under a burst: one organisation firing many requests at once gets
exactly its quota, and a series is cut at the quota in order (the lock is taken late)."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime, timedelta

from spaces.testing import at, booking_body, monday, organisation


async def test_forty_requests_of_one_organisation_at_once_get_exactly_its_weekly_hours(
    client, landlord, create_space
) -> None:
    space = await create_space(auto_confirm=True, quota={"kind": "hours_per_week", "limit": 4})
    day, group, others = monday(), organisation(), organisation()
    headers = landlord.headers(landlord.worker)
    # Ten one-hour slots a day on four days of one week: 40 requests for a 4-hour quota, while
    # another organisation contests every slot.
    slots = [
        (at(day + timedelta(days=d), f"{h}:00"), at(day + timedelta(days=d), f"{h + 1}:00"))
        for d in range(4)
        for h in range(10, 20)
    ]

    async def book(who: dict[str, str], slot: tuple[datetime, datetime]) -> tuple[str, int, str]:
        response = await client.post("/bookings", json=booking_body(space["id"], who, *slot), headers=headers)
        body = response.json()
        return who["id"], response.status_code, body.get("message_key", "")

    results = await asyncio.gather(*(book(who, slot) for slot in slots for who in (group, others)))

    mine = Counter((status, key) for who, status, key in results if who == group["id"])
    assert mine[(201, "")] == 4
    assert mine[(409, "spaces.quota_exceeded.hours_per_week")] + mine[(409, "spaces.slot_taken")] == 36
    theirs = Counter(status for who, status, _ in results if who == others["id"])
    assert theirs[201] == 4, "the other organisation has the same quota"


async def test_a_weekly_series_stops_at_the_monthly_bookings_quota_in_order(
    client, landlord, create_space
) -> None:
    space = await create_space(auto_confirm=True, quota={"kind": "bookings_per_month", "limit": 2})
    day = monday(weeks_ahead=8).replace(day=1)
    start = day + timedelta(days=(7 - day.weekday()) % 7)  # the month's first Monday
    body = booking_body(
        space["id"],
        organisation(),
        at(start, "10:00"),
        at(start, "11:00"),
        recurrence={"frequency": "weekly", "count": 4},
        skip_conflicts=True,
    )
    response = await client.post("/bookings", json=body, headers=landlord.headers(landlord.worker))
    assert response.status_code == 201, response.text
    placed = response.json()
    starts = sorted(b["starts_at"] for b in placed["bookings"])
    assert len(starts) == 2 and starts[0].startswith(start.isoformat()[:10])
    assert [c["reason"] for c in placed["conflicts"]] == ["quota", "quota"]
    assert max(starts) < min(c["starts_at"] for c in placed["conflicts"])
