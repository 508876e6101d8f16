"""Results: counts and percentages, small cells suppressed, free texts only after closing."""

from __future__ import annotations

from surveys.testing import answers, invite, publish


async def _answer(client, landlord, consultation, households, **kwargs) -> None:
    for household in households:
        url = f"/consultations/{consultation['id']}/responses"
        response = await client.post(
            url, json={"answers": answers(**kwargs)}, headers=landlord.tenant(household)
        )
        assert response.status_code == 201, response.text


async def _close(client, landlord, consultation) -> None:
    response = await client.post(f"/consultations/{consultation['id']}/close", headers=landlord.staff())
    assert response.status_code == 200, response.text


async def test_a_site_with_three_respondents_is_suppressed_while_totals_stay_correct(
    client, landlord
) -> None:
    consultation = await publish(client, landlord)
    small, middle, large = landlord.site(), landlord.site(), landlord.site()
    small_households = await landlord.households(3, small)
    middle_households = await landlord.households(6, middle)
    large_households = await landlord.households(8, large)
    await invite(client, landlord, consultation["id"])
    await _answer(client, landlord, consultation, small_households, room="hall")
    await _answer(client, landlord, consultation, middle_households[:4], room="garden")
    await _answer(client, landlord, consultation, middle_households[4:], room="hall")
    await _answer(client, landlord, consultation, large_households, room="garden", mood=5)
    await _close(client, landlord, consultation)

    results = (await client.get(f"/consultations/{consultation['id']}/results")).json()
    assert results["respondents"] == 17
    room = next(q for q in results["questions"] if q["key"] == "room")
    assert room["respondents"] == 17
    assert {o["key"]: o["count"] for o in room["options"]} == {"garden": 12, "hall": 5, "other": 0}
    assert {o["key"]: o["percentage"] for o in room["options"]}["garden"] == 70.6
    by_site = {g["key"]: g for g in room["by_site"]}
    assert by_site[str(small[0])]["suppressed"] and by_site[str(small[0])]["respondents"] is None
    # Hidden too, or the small site could be found back by subtraction from the total.
    assert by_site[str(middle[0])]["suppressed"]
    shown = by_site[str(large[0])]
    assert (shown["suppressed"], shown["respondents"]) == (False, 8)
    assert {c["key"]: c["count"] for c in shown["cells"]} == {"garden": 8, "hall": 0, "other": 0}


async def test_small_answer_counts_inside_a_shown_group_are_hidden(client, landlord) -> None:
    consultation = await publish(client, landlord, suppression_threshold=3)
    households = await landlord.households(9)
    await invite(client, landlord, consultation["id"])
    await _answer(client, landlord, consultation, households[:6], room="garden")
    await _answer(client, landlord, consultation, households[6:8], room="hall")
    await _answer(client, landlord, consultation, households[8:], room="other")
    await _close(client, landlord, consultation)
    results = (await client.get(f"/consultations/{consultation['id']}/results")).json()
    room = next(q for q in results["questions"] if q["key"] == "room")
    [site] = room["by_site"]
    assert {c["key"]: c["count"] for c in site["cells"]} == {"garden": 6, "hall": None, "other": None}
    assert {c["key"]: c["count"] for c in room["by_channel"][0]["cells"]}["hall"] is None


async def test_results_wait_for_closing_unless_live_and_free_texts_only_after(client, landlord) -> None:
    hidden = await publish(client, landlord)
    response = await client.get(f"/consultations/{hidden['id']}/results")
    assert (response.status_code, response.json()["message_key"]) == (403, "surveys.results_not_available")

    live = await publish(client, landlord, live_results=True)
    households = await landlord.households(2)
    await invite(client, landlord, live["id"])
    await _answer(client, landlord, live, households[:1], ideas="Een moestuin op het dak")
    while_open = (await client.get(f"/consultations/{live['id']}/results")).json()
    assert (while_open["respondents"], while_open["free_texts"]) == (1, None)
    await _close(client, landlord, live)
    after = (await client.get(f"/consultations/{live['id']}/results")).json()
    assert after["free_texts"] == {"which": [], "ideas": ["Een moestuin op het dak"]}


async def test_results_export_as_csv_with_suppressed_cells_marked(client, landlord) -> None:
    consultation = await publish(client, landlord)
    households = await landlord.households(6)
    await invite(client, landlord, consultation["id"])
    await _answer(client, landlord, consultation, households[:5], room="garden")
    await _answer(client, landlord, consultation, households[5:], room="hall")
    await _close(client, landlord, consultation)
    response = await client.get(
        f"/consultations/{consultation['id']}/results.csv", headers={"Accept-Language": "fr"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    lines = response.text.splitlines()
    assert lines[0] == "question,breakdown,group,answer,label,respondents,count,percentage"
    assert "room,total,,garden,Tuin (fr),6,5,83.3" in lines
    assert any(
        line.startswith("room,site,") and ",hall,Tuin" not in line and "suppressed" in line for line in lines
    )
