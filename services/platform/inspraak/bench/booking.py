"""Scenario 2, the booking rush: 500 attempts at once over 50 contested slots of one room.

Every slot is wanted by ``attempts / slots`` organisations at the same moment, all through the
gateway's ``requestBooking``; the room confirms automatically. The database must let exactly
one attempt per slot through (CONFLICT for the others): 50 confirmed, in the answers and in
the room's bookings. The same burst against the bare INSERT app is the reference.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from inspraak.bench.context import Bench, graphql_request
from inspraak.bench.loadgen import Request, burst
from inspraak.bench.report import Row

BRUSSELS = ZoneInfo("Europe/Brussels")
REQUEST = (
    "mutation ($input: RequestBookingInput!) { requestBooking(input: $input) { bookings { id state } } }"
)
EVERY_DAY = [
    {"weekday": d, "opens": "08:00", "closes": "22:00"}
    for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
]


def slots(count: int) -> list[tuple[datetime, datetime]]:
    """``count`` one-hour slots, ten a day from 10:00, from the Monday in two weeks."""
    today = date.today()
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=2)
    found = []
    for index in range(count):
        day = monday + timedelta(days=index // 10)
        start = datetime.combine(day, time(10 + index % 10), BRUSSELS)
        found.append((start, start + timedelta(hours=1)))
    return found


async def a_room(bench: Bench, landlord: uuid.UUID, site: uuid.UUID | None = None) -> str:
    """A room of ``landlord`` (on ``site``) that confirms bookings by itself."""
    body = {
        "landlord_id": str(landlord),
        "site_id": str(site or uuid.uuid4()),
        "name": {"nl": "Buurtzaal", "fr": "Salle de quartier", "en": "Community room"},
        "capacity": 30,
        "accessibility": ["step_free_access"],
        "equipment": ["kitchen"],
        "house_rules": {"nl": "Proper achterlaten.", "fr": "Laissez propre."},
        "opening_hours": EVERY_DAY,
        "policy": {"auto_confirm": True},
    }
    async with bench.service("spaces", bench.platform.issuer.person("landlord_staff", landlord)) as http:
        response = await http.post("/spaces", json=body)
    if response.status_code != 201:
        raise RuntimeError(f"createSpace -> {response.status_code}: {response.text[:300]}")
    return str(response.json()["id"])


async def run(bench: Bench) -> None:
    """Fire the burst at the ceiling, then at the gateway; count the confirmed bookings."""
    options = bench.options
    landlord = uuid.uuid4()
    space = await a_room(bench, landlord)
    worker = bench.platform.issuer.person("community_worker", landlord)
    wanted = slots(options.booking_slots)
    requests: list[Request] = []
    for index in range(options.booking_attempts):
        start, end = wanted[index % len(wanted)]
        booking = {
            "spaceId": space,
            "organisation": {"kind": "tenant_group", "id": str(uuid.uuid4())},
            "purpose": "Huiswerkklas",
            "attendees": 10,
            "startsAt": start.isoformat(),
            "endsAt": end.isoformat(),
        }
        requests.append(graphql_request(REQUEST, {"input": booking}, worker))
    reference: list[Request] = [
        ("/insert", json.dumps({"consultation_id": space, "answers": {}}).encode(), {})
        for _ in range(options.booking_attempts)
    ]
    ceiling, _ = await burst("127.0.0.1", bench.platform.ceiling_port, reference)
    bench.report.add(Row.of("2 booking", f"reference: {len(reference)} INSERTs at once", ceiling))
    measured, answers = await burst("127.0.0.1", bench.gateway_port, requests, _answered)
    row = bench.report.add(
        Row.of("2 booking", f"requestBooking ×{len(requests)} at once (gateway)", measured, ceiling)
    )
    confirmed = sum(b'"confirmed"' in body for _, body in answers)
    conflicts = sum(b'"CONFLICT"' in body for _, body in answers)
    row.note = f"burst {measured.seconds:.2f} s; confirmed {confirmed}, CONFLICT {conflicts}; {row.note}"
    stored = await _confirmed_in_database(bench, space)
    bench.report.check(
        "booking: exactly one confirmed per slot",
        confirmed == stored == len(wanted) and confirmed + conflicts == len(requests),
        slots=len(wanted),
        confirmed=confirmed,
        stored=stored,
        conflicts=conflicts,
    )


def _answered(status: int, body: bytes) -> bool:
    """A confirmation or a typed CONFLICT is a correct answer; anything else is an error."""
    return status == 200 and (b'"confirmed"' in body or b'"CONFLICT"' in body)


async def _confirmed_in_database(bench: Bench, space: str) -> int:
    sql = await bench.platform.sql("spaces")
    try:
        return int(
            await sql.fetchval(
                "SELECT count(*) FROM bookings WHERE space_id = $1 AND state = 'confirmed'", uuid.UUID(space)
            )
        )
    finally:
        await sql.close()
