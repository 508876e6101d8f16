"""Scenario 4, gateway reads: the tenant home page and the council board, against ``{ hello }``.

The ceiling is strawberry answering ``{ hello }`` with ParserCache + ValidationCache and an async
context getter (DESIGN.md). Setup, through the services' REST APIs: three open consultations,
a council with five members, proposed items and a meeting, five rooms on the tenant's site.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from inspraak.bench.booking import a_room
from inspraak.bench.context import Bench, graphql_request, no_graphql_errors
from inspraak.bench.loadgen import Request, closed_loop
from inspraak.bench.report import Row
from inspraak.bench.wave import consultation_body

HELLO = "{ hello }"
HOME = """query Home($l: ID!, $s: ID!, $from: DateTime!, $to: DateTime!) {
  consultations(landlordId: $l, status: OPEN) { items { id title { text } closesAt } }
  councils(landlordId: $l) { id name upcomingMeeting { startsAt venue } }
  spaces(siteId: $s, freeFrom: $from, freeTo: $to) { nodes { id name capacity accessibility } }
}"""
BOARD = """query Board($id: ID!) {
  council(id: $id) {
    name seats viewer
    upcomingMeeting { startsAt venue agenda { title state } }
    mandates { role termEnd }
    openItems { items { title state proposedBy } }
    meetings { items { startsAt venueStatus } }
    advice { items { subject state dueOn } }
    overdueAdvice { id }
  }
}"""


async def _ok(response: Any) -> Any:
    if not response.is_success:
        raise RuntimeError(f"{response.request.url.path} -> {response.status_code}: {response.text[:300]}")
    return response.json()


async def a_council(bench: Bench, landlord: uuid.UUID) -> tuple[str, str]:
    """A council with five members, six proposals (three accepted) and a meeting: (id, member)."""
    issuer = bench.platform.issuer
    members = [str(uuid.uuid4()) for _ in range(5)]
    body = {"landlord_id": str(landlord), "name": {"nl": "Huurdersraad", "fr": "CoCoLo"}, "seats": 7}
    async with bench.service("councils", issuer.person("landlord_staff", landlord)) as staff:
        council = (await _ok(await staff.post("/councils", json=body)))["id"]
        term = {
            "term_start": str(date.today() - timedelta(days=30)),
            "term_end": str(date.today() + timedelta(days=1400)),
        }
        for index, person in enumerate(members):
            role = ("president", "secretary", "member", "member", "board_delegate")[index]
            await _ok(
                await staff.post(
                    f"/councils/{council}/mandates", json={"person_id": person, "role": role, **term}
                )
            )
    member = issuer.token(subject=members[0], person=members[0])
    async with (
        bench.service("councils", issuer.tenant(landlord)) as tenant,
        bench.service("councils", member) as board,
    ):
        for n in range(6):
            proposal = {
                "title": {"nl": f"Voorstel {n}"},
                "motivation": {"nl": "Waarom"},
                "category": "maintenance_programme",
            }
            item = await _ok(await tenant.post(f"/councils/{council}/items", json=proposal))
            if n % 2 == 0:
                await _ok(await board.post(f"/items/{item['id']}/review", json={"decision": "accept"}))
        start = (datetime.now(UTC) + timedelta(days=7)).replace(minute=0, second=0, microsecond=0)
        meeting = {
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=2)).isoformat(),
            "venue": "Zaal Horta",
        }
        await _ok(await board.post(f"/councils/{council}/meetings", json=meeting))
    return council, member


async def run(bench: Bench) -> None:
    """Ceiling, then the two queries, each closed-loop with the same clients and duration."""
    options, report = bench.options, bench.report
    landlord, site = uuid.uuid4(), uuid.uuid4()
    async with bench.service("surveys", bench.platform.issuer.person("landlord_staff", landlord)) as http:
        for _ in range(3):
            draft = await _ok(await http.post("/consultations", json=consultation_body(landlord)))
            await _ok(await http.post(f"/consultations/{draft['id']}/publish"))
    for _ in range(5):
        await a_room(bench, landlord, site)
    council, member = await a_council(bench, landlord)
    tenant = bench.platform.issuer.tenant(landlord)
    start = (datetime.now(UTC) + timedelta(days=3)).replace(hour=14, minute=0, second=0, microsecond=0)
    home = graphql_request(
        HOME,
        {
            "l": str(landlord),
            "s": str(site),
            "from": start.isoformat(),
            "to": (start + timedelta(hours=2)).isoformat(),
        },
        tenant,
    )
    board = graphql_request(BOARD, {"id": council}, member)
    hello = graphql_request(HELLO, {})
    ceiling = await closed_loop(
        "127.0.0.1",
        bench.platform.ceiling_port,
        _same(hello),
        options.users,
        options.duration,
        no_graphql_errors,
    )
    report.add(Row.of("4 reads", "ceiling: strawberry { hello }, caches, async context", ceiling))
    for name, request in (("tenant home query", home), ("council board query", board)):
        measured = await closed_loop(
            "127.0.0.1",
            bench.gateway_port,
            _same(request),
            options.users,
            options.duration,
            no_graphql_errors,
        )
        report.add(Row.of("4 reads", f"{name} via gateway ({options.users} clients)", measured, ceiling))
        bench.report.check(
            f"reads: {name} answers without errors",
            measured.errors == 0 and measured.ok > 0,
            ok=measured.ok,
            errors=measured.errors,
        )


def _same(request: Request) -> Any:
    return lambda _: request
