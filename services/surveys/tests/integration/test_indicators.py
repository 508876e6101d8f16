"""``GET /indicators``: a landlord's consultations and participation per site over a period,
small sites suppressed as in the results, for landlord staff and regional admins only."""

from __future__ import annotations

from datetime import date, timedelta

from kernel.testing.tokens import bearer
from surveys.testing import Landlord, answers, create, invite, publish


async def _answer(client, landlord, consultation, households) -> None:
    for household in households:
        url = f"/consultations/{consultation['id']}/responses"
        response = await client.post(url, json={"answers": answers()}, headers=landlord.tenant(household))
        assert response.status_code == 201, response.text


def _period(start: date, end: date, landlord: Landlord) -> dict[str, str]:
    return {"landlord_id": str(landlord.id), "from": start.isoformat(), "to": end.isoformat()}


async def test_participation_per_site_hides_small_sites_and_their_complement(
    client, landlord, sql, test_issuer
) -> None:
    consultation = await publish(client, landlord)
    large, small, middle = landlord.site(), landlord.site(), landlord.site()
    large_households = await landlord.households(8, large)
    small_households = await landlord.households(6, small)
    middle_households = await landlord.households(7, middle)
    await invite(client, landlord, consultation["id"])
    await _answer(client, landlord, consultation, large_households[:6])
    await _answer(client, landlord, consultation, small_households[:2])
    await _answer(client, landlord, consultation, middle_households[:5])
    closed = await publish(client, landlord)
    response = await client.post(f"/consultations/{closed['id']}/close", headers=landlord.staff())
    assert response.status_code == 200, response.text
    await create(client, landlord)  # a draft never counts
    elsewhere = Landlord(sql, test_issuer)
    await publish(client, elsewhere)
    today = date.today()

    response = await client.get(
        "/indicators",
        params=_period(today - timedelta(days=1), today + timedelta(days=1), landlord),
        headers=landlord.staff(),
    )

    assert response.status_code == 200, response.text
    found = response.json()
    assert (found["consultations_published"], found["consultations_closed"]) == (2, 1)
    assert found["consultations_open"] == 2
    assert (found["invited"], found["responded"], found["participation_rate"]) == (21, 13, 61.9)
    assert found["suppression_threshold"] == 5
    sites = {s["site_id"]: s for s in found["sites"]}
    assert sites[str(large[0])] == {
        "site_id": str(large[0]),
        "invited": 8,
        "responded": 6,
        "rate": 75.0,
        "suppressed": False,
    }
    hidden = {"invited": None, "responded": None, "rate": None, "suppressed": True}
    assert {k: sites[str(small[0])][k] for k in hidden} == hidden, "2 responses: fewer than 5"
    # Hidden too, or the small site could be found back by subtraction from the total.
    assert {k: sites[str(middle[0])][k] for k in hidden} == hidden


async def test_a_period_without_consultations_counts_nothing(client, landlord) -> None:
    await publish(client, landlord)
    long_ago = date(2020, 1, 1)

    response = await client.get(
        "/indicators", params=_period(long_ago, long_ago, landlord), headers=landlord.staff()
    )

    assert response.status_code == 200, response.text
    found = response.json()
    assert (found["consultations_published"], found["consultations_open"], found["sites"]) == (0, 0, [])
    assert (found["invited"], found["participation_rate"]) == (0, None)


async def test_indicators_are_for_staff_and_regional_admins(client, landlord, test_issuer) -> None:
    today = date.today()
    period = _period(today, today, landlord)
    expected = {
        "staff": (landlord.staff(), 200),
        "admin": (bearer(test_issuer.person("regional_admin", None)), 200),
        "worker": (landlord.worker(), 403),
        "other staff": (Landlord(landlord.sql, test_issuer).staff(), 403),
        "anonymous": ({}, 401),
    }
    for who, (headers, status) in expected.items():
        response = await client.get("/indicators", params=period, headers=headers)
        assert response.status_code == status, who
    refused = await client.get("/indicators", params=period, headers=landlord.worker())
    assert refused.json()["message_key"] == "surveys.indicators_only"
    reversed_period = _period(today, today - timedelta(days=1), landlord)
    problem = await client.get("/indicators", params=reversed_period, headers=landlord.staff())
    assert problem.status_code == 422
    assert (problem.json()["code"], problem.json()["field"]) == ("VALIDATION", "to")
