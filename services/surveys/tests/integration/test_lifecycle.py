"""Closing publishes the results (the council hears it); "you said, we did" closes the loop."""

from __future__ import annotations

from datetime import date, timedelta

from surveys.testing import answers, create, invite, outbox, publish, text


async def test_closing_publishes_counts_only_and_then_the_follow_up(client, landlord, sql) -> None:
    council = "5b0c7c2e-1111-4a4a-9999-000000000001"
    consultation = await publish(client, landlord, council_id=council)
    [household, _] = await landlord.households(2)
    await invite(client, landlord, consultation["id"])
    base = f"/consultations/{consultation['id']}"
    await client.post(f"{base}/responses", json={"answers": answers()}, headers=landlord.tenant(household))

    early = await client.post(f"{base}/follow-up", json={"text": text("Gedaan")}, headers=landlord.staff())
    assert (early.status_code, early.json()["message_key"]) == (409, "surveys.not_closed")
    closed = await client.post(f"{base}/close", headers=landlord.staff())
    assert closed.json()["phase"] == "closed"
    [event] = await outbox(sql, "inspraak.surveys.results.published")
    assert event == {
        "consultation_id": consultation["id"],
        "landlord_id": str(landlord.id),
        "council_id": council,
        "title": consultation["title"],
        "respondents": 1,
    }
    [closing] = await outbox(sql, "inspraak.surveys.consultation.closed")
    assert (closing["invited"], closing["respondents"]) == (2, 1)
    late = await client.post(f"{base}/responses", json={"answers": answers()}, headers=landlord.staff())
    assert late.status_code == 409

    no_fr = await client.post(f"{base}/follow-up", json={"text": {"nl": "Gedaan"}}, headers=landlord.staff())
    assert (no_fr.status_code, no_fr.json()["field"]) == (422, "text.fr")
    body = {"text": text("We leggen een moestuin aan", "Nous créons un potager")}
    followed = await client.post(f"{base}/follow-up", json=body, headers=landlord.staff())
    assert followed.status_code == 200, followed.text
    assert followed.json()["follow_up"]["text"]["fr"] == "Nous créons un potager"
    [told] = await outbox(sql, "inspraak.surveys.follow_up.published")
    assert told["text"]["nl"] == "We leggen een moestuin aan"
    again = await client.post(f"{base}/follow-up", json=body, headers=landlord.staff())
    assert again.status_code == 409


async def test_follow_ups_overdue_past_their_date_are_listed_and_flagged_once(
    client, landlord, sql, sessions
) -> None:
    from surveys.service.consultations import flag_overdue_follow_ups
    from surveys.service.unit_of_work import unit_of_work

    consultation = await publish(client, landlord)
    await client.post(f"/consultations/{consultation['id']}/close", headers=landlord.staff())
    await create(client, landlord)  # a draft is never overdue
    yesterday = date.today() - timedelta(days=1)
    await sql.execute("UPDATE consultations SET follow_up_due = $1", yesterday)
    response = await client.get(
        "/consultations/follow-ups/overdue",
        params={"landlord_id": str(landlord.id)},
        headers=landlord.staff(),
    )
    assert [c["id"] for c in response.json()] == [consultation["id"]]
    assert response.json()[0]["follow_up_overdue"] is True
    for _ in range(2):
        async with unit_of_work(sessions) as uow:
            await flag_overdue_follow_ups(uow)
    [event] = await outbox(sql, "inspraak.surveys.follow_up.overdue")
    assert event["follow_up_due"] == yesterday.isoformat()


async def test_consultations_are_listed_by_phase_page_by_page(client, landlord) -> None:
    for _ in range(3):
        await publish(client, landlord)
    await create(client, landlord)
    params = {"landlord_id": str(landlord.id), "phase": "open", "first": 2}
    first = (await client.get("/consultations", params=params)).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    second = (await client.get("/consultations", params={**params, "after": first["next_cursor"]})).json()
    assert len(second["items"]) == 1 and second["next_cursor"] is None
    drafts = (await client.get("/consultations", params={"phase": "draft"}, headers=landlord.staff())).json()
    assert len(drafts["items"]) == 1


async def test_consultations_are_fetched_by_id_in_one_call_drafts_only_for_their_managers(
    client, landlord
) -> None:
    published = [await publish(client, landlord) for _ in range(2)]
    draft = await create(client, landlord)
    unknown = "00000000-0000-4000-8000-000000000000"
    ids = [c["id"] for c in (*published, draft)] + [unknown]
    params = [("id", i) for i in ids]
    anonymous = (await client.get("/consultations", params=params)).json()
    assert {c["id"] for c in anonymous["items"]} == {c["id"] for c in published}
    assert anonymous["next_cursor"] is None
    staff = (await client.get("/consultations", params=params, headers=landlord.staff())).json()
    assert {c["id"] for c in staff["items"]} == set(ids) - {unknown}
    bad = await client.get("/consultations", params=[("id", "nope")])
    assert bad.status_code == 422
