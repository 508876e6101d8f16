"""Quarterly follow-up of advice, and the overdue check run by the kernel's periodic job."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import update
from sqlmodel import col

from councils.adapters.tables import AdviceRow
from councils.entrypoints.app import build_app
from councils.testing import World, ok, outbox, wait_for
from kernel.db import SessionFactory, transaction
from kernel.settings import Settings
from kernel.testing.tokens import TestIssuer

FOLLOWED_UP = "inspraak.councils.advice.followed_up"
OVERDUE = "inspraak.councils.advice.overdue"


async def answered_advice(client: httpx.AsyncClient, world: World) -> dict[str, Any]:
    """Advice requested by staff, issued by the council and answered "partly followed"."""
    request = {
        "subject": "maintenance_programme",
        "question": {"nl": "Prioriteiten renovatie?", "fr": "Priorités de rénovation ?"},
        "due_on": str(date.today() + timedelta(days=30)),
    }
    advice = await ok(
        await client.post(f"/councils/{world.council['id']}/advice", json=request, headers=world.staff()), 201
    )
    issue = {"text": {"nl": "Eerst de daken.", "fr": "D'abord les toitures."}}
    await ok(await client.post(f"/advice/{advice['id']}/issue", json=issue, headers=world.member()))
    answer = {"response": "partly_followed", "justification": "Budget voor twee blokken."}
    return await ok(await client.post(f"/advice/{advice['id']}/answer", json=answer, headers=world.staff()))


async def test_an_answered_advice_shows_follow_up_due_until_staff_record_this_quarters_follow_up(
    client: httpx.AsyncClient, world: World, sessions: SessionFactory
) -> None:
    advice = await answered_advice(client, world)
    assert (advice["follow_up_due"], advice["follow_ups"]) == (True, [])
    overview = f"/councils/{world.council['id']}/overview"
    seen = await ok(await client.get(overview, headers=world.member()))
    assert [a["id"] for a in seen["follow_up_due_advice"]] == [advice["id"]]

    path = f"/advice/{advice['id']}/follow-ups"
    entry = {"status": "in_progress", "text": {"nl": "Dak blok A besteld.", "fr": "Toit bloc A commandé."}}
    for refused, status in (
        (world.member(), 403),
        (world.tenant(), 403),
        (world.staff(world.other_landlord), 403),
    ):
        await ok(await client.post(path, json=entry, headers=refused), status)
    bad = await ok(await client.post(path, json={**entry, "status": "finished"}, headers=world.staff()), 422)
    assert (bad["code"], bad["field"]) == ("VALIDATION", "status")

    last_quarter = date.today().replace(day=1) - timedelta(days=95)
    older = await ok(
        await client.post(path, json={**entry, "on": str(last_quarter)}, headers=world.staff()), 201
    )
    assert older["follow_up_due"] is True  # an entry of an earlier quarter does not count for this one
    recorded = await ok(await client.post(path, json=entry, headers=world.staff()), 201)
    assert recorded["follow_up_due"] is False
    assert [(f["on"], f["status"]) for f in recorded["follow_ups"]] == [
        (str(last_quarter), "in_progress"),
        (str(date.today()), "in_progress"),
    ]
    seen = await ok(await client.get(overview, headers=world.tenant()))
    assert seen["follow_up_due_advice"] == []

    events = await outbox(sessions, FOLLOWED_UP)
    assert len(events) == 2
    assert set(events[-1]["data"]) == {
        "advice_id", "council_id", "landlord_id", "follow_up_id", "status", "recorded_on"
    }  # fmt: skip


async def test_advice_not_yet_answered_cannot_be_followed_up(client: httpx.AsyncClient, world: World) -> None:
    request = {
        "subject": "house_rules",
        "question": {"nl": "Huisdieren?"},
        "due_on": str(date.today() + timedelta(days=9)),
    }
    advice = await ok(
        await client.post(f"/councils/{world.council['id']}/advice", json=request, headers=world.staff()), 201
    )
    entry = {"status": "planned", "text": {"nl": "Te bekijken."}}
    problem = await ok(
        await client.post(f"/advice/{advice['id']}/follow-ups", json=entry, headers=world.staff()), 409
    )
    assert problem["code"] == "CONFLICT"


async def test_the_kernels_periodic_job_flags_overdue_advice_while_a_replica_runs(
    client: httpx.AsyncClient, world: World, settings: Settings, test_issuer: TestIssuer
) -> None:
    request = {
        "subject": "house_rules",
        "question": {"nl": "Vraag"},
        "due_on": str(date.today() + timedelta(days=9)),
    }
    advice = await ok(
        await client.post(f"/councils/{world.council['id']}/advice", json=request, headers=world.staff()), 201
    )
    await ok(
        await client.post(
            f"/advice/{advice['id']}/issue", json={"text": {"nl": "Advies"}}, headers=world.member()
        )
    )

    replica: FastAPI = build_app(settings, overdue_every=0.2)
    sessions = replica.state.runtime.sessions
    async with replica.router.lifespan_context(replica):
        async with transaction(sessions) as session:  # the landlord let the answer's due date pass
            await session.exec(
                update(AdviceRow)
                .where(col(AdviceRow.id) == advice["id"])
                .values(answer_due_on=date.today() - timedelta(days=1))
            )
        events = await wait_for(lambda: outbox(sessions, OVERDUE))
        assert [event["data"]["advice_id"] for event in events] == [advice["id"]]
        await asyncio.sleep(0.7)  # the job runs a few more times
    assert len(await outbox(sessions, OVERDUE)) == 1
    shown = await ok(await client.get(f"/councils/{world.council['id']}/overview", headers=world.member()))
    assert [a["id"] for a in shown["overdue_advice"]] == [advice["id"]]
