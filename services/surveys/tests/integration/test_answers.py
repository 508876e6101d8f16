"""Answering: one answer set per invitation, online or assisted, and the skip logic enforced."""

from __future__ import annotations

import asyncio
from collections import Counter

from surveys.testing import answers, create, invite, outbox, publish


async def test_200_concurrent_submissions_of_one_code_accept_exactly_one(client, landlord, sql) -> None:
    consultation = await publish(client, landlord)
    await landlord.households(3)
    code = next(iter((await invite(client, landlord, consultation["id"])).values()))
    url = f"/consultations/{consultation['id']}/responses"

    async def submit() -> int:
        response = await client.post(url, json={"code": code, "answers": answers()})
        return response.status_code

    statuses = Counter(await asyncio.gather(*(submit() for _ in range(200))))
    assert statuses == {201: 1, 409: 199}
    assert await sql.fetchval("SELECT count(*) FROM answers") == 1
    assert await sql.fetchval("SELECT count(*) FROM participation") == 1
    assert await sql.fetchval("SELECT count(*) FROM invitations WHERE used") == 1


async def test_a_code_is_accepted_however_it_is_typed_and_a_wrong_one_is_named(client, landlord) -> None:
    consultation = await publish(client, landlord)
    await landlord.households(1)
    [code] = (await invite(client, landlord, consultation["id"])).values()
    url = f"/consultations/{consultation['id']}/responses"
    wrong = await client.post(url, json={"code": "AAAA-BBBB-CCCC-DDDD", "answers": answers()})
    assert (wrong.status_code, wrong.json()["field"]) == (422, "code")
    typed = code.lower().replace("-", " ").replace("0", "o")
    assert (await client.post(url, json={"code": typed, "answers": answers()})).status_code == 201


async def test_an_assisted_answer_counts_once_with_its_channel_and_blocks_answering_online(
    client, landlord, sql
) -> None:
    consultation = await publish(client, landlord)
    [household, _other] = await landlord.households(2)
    await invite(client, landlord, consultation["id"])
    base = f"/consultations/{consultation['id']}"
    assisted = {
        "household_id": str(household),
        "channel": "home_visit",
        "consent_confirmed": True,
        "answers": answers("hall"),
    }
    response = await client.post(f"{base}/assisted-responses", json=assisted, headers=landlord.worker())
    assert response.status_code == 201, response.text

    online = await client.post(
        f"{base}/responses", json={"answers": answers()}, headers=landlord.tenant(household)
    )
    assert online.status_code == 409
    assert online.json()["message_key"] == "surveys.already_answered"
    again = await client.post(f"{base}/assisted-responses", json=assisted, headers=landlord.worker())
    assert again.status_code == 409

    participation = (await client.get(f"{base}/participation")).json()
    assert participation["total"] == {"key": "all", "invited": 2, "responded": 1, "rate": 50.0}
    assert participation["by_channel"] == {"home_visit": 1}
    assert await sql.fetchval("SELECT count(*) FROM answers WHERE channel = 'home_visit'") == 1
    mine = (await client.get(base, headers=landlord.tenant(household))).json()
    assert mine["my_invitation"] == "answered"


async def test_an_assisted_answer_needs_consent_and_an_assisted_channel(client, landlord) -> None:
    consultation = await publish(client, landlord)
    [household] = await landlord.households(1)
    await invite(client, landlord, consultation["id"])
    url = f"/consultations/{consultation['id']}/assisted-responses"
    body = {
        "household_id": str(household),
        "channel": "phone",
        "consent_confirmed": False,
        "answers": answers(),
    }
    no_consent = await client.post(url, json=body, headers=landlord.worker())
    assert (no_consent.status_code, no_consent.json()["field"]) == (422, "consent_confirmed")
    online = await client.post(
        url, json={**body, "consent_confirmed": True, "channel": "online"}, headers=landlord.worker()
    )
    assert (online.status_code, online.json()["field"]) == (422, "channel")
    tenant = await client.post(
        url, json={**body, "consent_confirmed": True}, headers=landlord.tenant(household)
    )
    assert tenant.status_code == 403


async def test_answers_breaking_the_skip_logic_are_refused_naming_the_question(client, landlord, sql) -> None:
    consultation = await publish(client, landlord)
    [household] = await landlord.households(1)
    await invite(client, landlord, consultation["id"])
    url = f"/consultations/{consultation['id']}/responses"
    headers = landlord.tenant(household)
    hidden = [*answers("garden"), {"question": "which", "text": "een moestuin"}]
    response = await client.post(url, json={"answers": hidden}, headers=headers)
    assert (response.status_code, response.json()["field"]) == (422, "answers.which")
    assert response.json()["message_key"] == "surveys.answer_hidden_question"
    missing = [{"question": "room", "choices": ["other"]}]
    response = await client.post(url, json={"answers": missing}, headers=headers)
    assert (response.status_code, response.json()["field"]) == (422, "answers.which")
    assert response.json()["message_key"] == "surveys.answer_required"
    assert await sql.fetchval("SELECT count(*) FROM invitations WHERE used") == 0, "nothing half-written"
    assert (await client.post(url, json={"answers": answers("other")}, headers=headers)).status_code == 201


async def test_a_household_without_invitation_cannot_answer(client, landlord) -> None:
    consultation = await publish(client, landlord)
    [household] = await landlord.households(1)
    url = f"/consultations/{consultation['id']}/responses"
    response = await client.post(url, json={"answers": answers()}, headers=landlord.tenant(household))
    assert response.status_code == 403
    anonymous = await client.post(url, json={"answers": answers()})
    assert anonymous.status_code == 401


async def test_participation_is_announced_at_most_once_a_minute_with_counts_only(
    client, landlord, sql
) -> None:
    consultation = await publish(client, landlord)
    households = await landlord.households(3)
    await invite(client, landlord, consultation["id"])
    for household in households:
        url = f"/consultations/{consultation['id']}/responses"
        await client.post(url, json={"answers": answers()}, headers=landlord.tenant(household))
    [event] = await outbox(sql, "inspraak.surveys.participation.updated")
    assert event == {
        "consultation_id": consultation["id"],
        "landlord_id": str(landlord.id),
        "invited": 3,
        "respondents": 1,
    }


async def test_a_code_finds_its_consultation_without_being_used_up_or_naming_its_household(
    client, landlord
) -> None:
    consultation = await publish(client, landlord)
    await landlord.households(1)
    [code] = (await invite(client, landlord, consultation["id"])).values()
    found = await client.post("/invitations/lookup", json={"code": code.lower()})
    assert found.status_code == 200, found.text
    assert found.json()["unused"] is True
    assert found.json()["consultation"]["id"] == consultation["id"]
    assert "household" not in found.text
    url = f"/consultations/{consultation['id']}/responses"
    assert (await client.post(url, json={"code": code, "answers": answers()})).status_code == 201
    assert (await client.post("/invitations/lookup", json={"code": code})).json()["unused"] is False
    wrong = await client.post("/invitations/lookup", json={"code": "AAAA-BBBB-CCCC-DDDD"})
    assert (wrong.status_code, wrong.json()["field"]) == (422, "code")


async def test_a_consultation_is_found_by_the_short_id_of_its_letters_but_not_a_draft(
    client, landlord
) -> None:
    consultation = await publish(client, landlord)
    short = consultation["id"].replace("-", "")[:10]
    found = await client.get(f"/consultations/short/{short.upper()}")
    assert (found.status_code, found.json()["id"]) == (200, consultation["id"])
    draft = await create(client, landlord)
    assert (await client.get(f"/consultations/short/{draft['id'].replace('-', '')[:10]}")).status_code == 404
    bad = await client.get("/consultations/short/xyz")
    assert (bad.status_code, bad.json()["field"]) == (422, "short_id")


async def test_a_worker_records_an_assisted_answer_with_the_letters_code(client, landlord, sql) -> None:
    consultation = await publish(client, landlord)
    await landlord.households(2)
    [code, _] = (await invite(client, landlord, consultation["id"])).values()
    url = f"/consultations/{consultation['id']}/assisted-responses"
    body = {"code": code, "channel": "phone", "consent_confirmed": True, "answers": answers()}
    assert (await client.post(url, json=body, headers=landlord.worker())).status_code == 201
    assert (await client.post(url, json=body, headers=landlord.worker())).status_code == 409
    wrong = await client.post(url, json={**body, "code": "AAAA-BBBB-CCCC-DDDD"}, headers=landlord.worker())
    assert (wrong.status_code, wrong.json()["field"]) == (422, "code")
    neither = {k: v for k, v in body.items() if k != "code"}
    missing = await client.post(url, json=neither, headers=landlord.worker())
    assert (missing.status_code, missing.json()["field"]) == (422, "household_id")
    assert await sql.fetchval("SELECT count(*) FROM participation WHERE channel = 'phone'") == 1
