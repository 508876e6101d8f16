"""The advice cycle: justified answers, and overdue advice flagged once."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any

import httpx
from fastapi import FastAPI

from councils.entrypoints.overdue import check_overdue
from councils.testing import World, ok, outbox
from kernel.db import SessionFactory


async def issued_advice(client: httpx.AsyncClient, world: World) -> dict[str, Any]:
    """Advice requested by staff on the house rules, then issued by the council."""
    request = {
        "subject": "house_rules",
        "question": {"nl": "Nieuw huishoudelijk reglement?"},
        "documents": ["https://example.org/roi.pdf"],
        "due_on": str(date.today() + timedelta(days=30)),
    }
    advice = await ok(
        await client.post(f"/councils/{world.council['id']}/advice", json=request, headers=world.staff()), 201
    )
    assert (advice["state"], advice["origin"]) == ("requested", "landlord")
    text = {
        "text": {"nl": "De raad is tegen het verbod op fietsen in de gang.", "fr": "Le conseil est contre."}
    }
    return await ok(await client.post(f"/advice/{advice['id']}/issue", json=text, headers=world.member()))


async def test_not_followed_needs_a_justification(
    client: httpx.AsyncClient, world: World, sessions: SessionFactory
) -> None:
    advice = await issued_advice(client, world)
    answer = {"response": "not_followed"}
    problem = await ok(
        await client.post(f"/advice/{advice['id']}/answer", json=answer, headers=world.staff()), 422
    )
    assert (problem["code"], problem["field"]) == ("VALIDATION", "justification")
    assert await outbox(sessions, "inspraak.councils.advice.answered") == []

    answer["justification"] = "Brandweervoorschriften verbieden fietsen in de gang."
    answered = await ok(
        await client.post(f"/advice/{advice['id']}/answer", json=answer, headers=world.staff())
    )
    assert (answered["state"], answered["answered_on_time"]) == ("answered", True)
    [event] = await outbox(sessions, "inspraak.councils.advice.answered")
    assert event["data"]["response"] == "not_followed" and event["data"]["on_time"] is True


async def test_unanswered_advice_past_its_due_date_is_overdue_and_announced_once(
    client: httpx.AsyncClient, world: World, sessions: SessionFactory, app: FastAPI
) -> None:
    advice = await issued_advice(client, world)
    due = date.fromisoformat(advice["answer_due_on"])
    runtime = app.state.runtime
    assert await check_overdue(runtime, due) == 0  # due today is not overdue yet

    # Three replicas run the check at the same moment, then again the next day.
    flagged = await asyncio.gather(*(check_overdue(runtime, due + timedelta(days=1)) for _ in range(3)))
    assert sorted(flagged) == [0, 0, 1]
    assert await check_overdue(runtime, due + timedelta(days=2)) == 0
    [event] = await outbox(sessions, "inspraak.councils.advice.overdue")
    assert event["data"]["advice_id"] == advice["id"]

    overview = await ok(await client.get(f"/councils/{world.council['id']}/overview", headers=world.member()))
    assert [a["id"] for a in overview["overdue_advice"]] == [advice["id"]]
    assert overview["overdue_advice"][0]["overdue"] is True
