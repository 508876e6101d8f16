"""Scenario 1, the consultation wave: invitations for 40,000 households, then answers pouring in.

Setup puts the households straight into surveys' projection (as identity's events would) and
publishes a consultation through the REST API. Timed: ``issueInvitations`` through the gateway;
then the ceiling (bare FastAPI + one asyncpg INSERT) and ``submitResponse`` through the gateway
with the same closed-loop load, then the platform again open-loop at half its own rate (p99).
Afterwards accepted = stored answers = participation rows = used invitations, or the check fails.
"""

from __future__ import annotations

import csv
import io
import json
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx

from inspraak.bench.context import Bench, graphql_request
from inspraak.bench.loadgen import Request, closed_loop, open_loop
from inspraak.bench.report import Row

SITES = 40
ISSUE = "mutation ($id: ID!) { issueInvitations(input: {id: $id}) { issued alreadyInvited lettersCsv } }"
SUBMIT = (
    "mutation ($c: ID!, $code: String!, $a: [AnswerInput!]!) "
    "{ submitResponse(input: {consultationId: $c, code: $code, answers: $a}) { accepted } }"
)
ANSWERS = [
    {"question": "room", "choices": ["garden"]},
    {"question": "mood", "number": 4},
    {"question": "ideas", "text": "Een moestuin met de buren"},
]


def _text(nl: str) -> dict[str, str]:
    return {"nl": nl, "fr": f"{nl} (fr)", "en": f"{nl} (en)"}


def consultation_body(landlord: uuid.UUID) -> dict[str, Any]:
    """An open consultation of four questions (one shown only on "other")."""
    now = datetime.now(UTC)
    options = [{"key": k, "label": _text(k)} for k in ("garden", "hall", "other")]
    return {
        "landlord_id": str(landlord),
        "title": _text("Onze gemeenschappelijke ruimte"),
        "description": _text("Wat wilt u met de ruimte doen?"),
        "opens_at": (now - timedelta(minutes=1)).isoformat(),
        "closes_at": (now + timedelta(days=7)).isoformat(),
        "follow_up_due": (date.today() + timedelta(days=30)).isoformat(),
        "owner_id": str(uuid.uuid4()),
        "objective_tags": ["1.5"],
        "questions": [
            {
                "key": "room",
                "kind": "single_choice",
                "text": _text("Welke?"),
                "required": True,
                "options": options,
            },
            {
                "key": "which",
                "kind": "free_text",
                "text": _text("Welke dan?"),
                "required": True,
                "show_if": {"question": "room", "any_of": ["other"]},
            },
            {"key": "mood", "kind": "scale", "text": _text("Hoe tevreden?")},
            {"key": "ideas", "kind": "free_text", "text": _text("Ideeën?"), "max_length": 200},
        ],
    }


async def published_consultation(bench: Bench, households: int) -> tuple[uuid.UUID, str]:
    """A landlord with ``households`` in the projection and an open consultation: (landlord, id)."""
    landlord = uuid.uuid4()
    sites = [(uuid.uuid4(), uuid.uuid4()) for _ in range(SITES)]
    sql = await bench.platform.sql("surveys")
    try:
        await sql.copy_records_to_table(
            "households",
            records=[
                (uuid.uuid4(), landlord, *sites[n % SITES], ("nl", "fr")[n % 2]) for n in range(households)
            ],
            columns=("household_id", "landlord_id", "site_id", "building_id", "language"),
        )
    finally:
        await sql.close()
    staff = bench.platform.issuer.person("landlord_staff", landlord)
    async with bench.service("surveys", staff) as http:
        draft = _ok(await http.post("/consultations", json=consultation_body(landlord)))
        _ok(await http.post(f"/consultations/{draft['id']}/publish"))
    return landlord, str(draft["id"])


def _ok(response: httpx.Response) -> Any:
    if not response.is_success:
        raise RuntimeError(f"{response.request.url.path} -> {response.status_code}: {response.text[:300]}")
    return response.json()


async def run(bench: Bench) -> None:
    """Invitations timed, ceiling, platform closed loop, platform open loop, counts checked."""
    options, report = bench.options, bench.report
    landlord, consultation = await published_consultation(bench, options.invitations)
    staff = bench.platform.issuer.person("landlord_staff", landlord)
    started = time.perf_counter()
    batch = (await bench.graphql(ISSUE, staff, id=consultation))["issueInvitations"]
    elapsed = time.perf_counter() - started
    codes = [row["code"] for row in csv.DictReader(io.StringIO(batch["lettersCsv"]))]
    report.add(
        Row(
            "1 wave",
            f"issueInvitations ×{batch['issued']:,} (gateway)",
            round(batch["issued"] / elapsed),
            unit="inv/s",
            note=f"{elapsed:.2f} s",
        )
    )
    report.facts["invitations_seconds"] = round(elapsed, 3)
    report.check(
        "wave: every household invited once",
        batch["issued"] == options.invitations == len(set(codes)),
        issued=batch["issued"],
        codes=len(set(codes)),
    )

    def ceiling_request(index: int) -> Request:
        body = {"consultation_id": consultation, "answers": ANSWERS, "code": codes[index % len(codes)]}
        return "/insert", json.dumps(body).encode(), {}

    ceiling = await closed_loop(
        "127.0.0.1", bench.platform.ceiling_port, ceiling_request, options.users, options.duration
    )
    report.add(Row.of("1 wave", f"ceiling: FastAPI + asyncpg INSERT ({options.users} clients)", ceiling))

    used = iter(codes)
    accepted = 0

    def submit(index: int) -> Request:
        return graphql_request(SUBMIT, {"c": consultation, "code": next(used), "a": ANSWERS})

    def accepted_check(status: int, body: bytes) -> bool:
        nonlocal accepted
        good = status == 200 and b'"accepted":true' in body and b'"errors"' not in body
        accepted += good
        return good

    gateway = bench.gateway_port
    loaded = await closed_loop("127.0.0.1", gateway, submit, options.users, options.duration, accepted_check)
    report.add(Row.of("1 wave", f"submitResponse via gateway ({options.users} clients)", loaded, ceiling))
    half = max(1.0, loaded.rate / 2)
    paced = await open_loop("127.0.0.1", gateway, submit, half, options.duration, accepted_check)
    report.add(Row.of("1 wave", f"submitResponse open loop at {half:,.0f}/s (half)", paced, ceiling))
    await _verify(bench, consultation, accepted)


async def _verify(bench: Bench, consultation: str, accepted: int) -> None:
    sql = await bench.platform.sql("surveys")
    try:
        cid = uuid.UUID(consultation)
        stored = await sql.fetchval("SELECT count(*) FROM answers WHERE consultation_id = $1", cid)
        ledger = await sql.fetchval("SELECT count(*) FROM participation WHERE consultation_id = $1", cid)
        used = await sql.fetchval("SELECT count(*) FROM invitations WHERE consultation_id = $1 AND used", cid)
    finally:
        await sql.close()
    bench.report.check(
        "wave: accepted = stored answers = participation = used invitations",
        accepted == stored == ledger == used and accepted > 0,
        accepted=accepted,
        answers=stored,
        participation=ledger,
        used_invitations=used,
    )
