"""``indicators`` end to end over the real surveys and partners services (PostgreSQL, NATS):
each service's part comes from its own ``GET /indicators``; a part a caller may not see is
null with its refusal on that field's path, and the other parts still come."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from gateway.testing import gateway_over
from kernel.db import asyncpg_dsn
from kernel.migrations import script_location, upgrade
from kernel.settings import Settings
from kernel.testing.tokens import TestIssuer, bearer
from partners.entrypoints.app import build_app as build_partners
from partners.settings import PartnerSettings
from partners.testing import migrate as migrate_partners
from partners.testing import register_partner
from surveys.entrypoints.app import build_app as build_surveys
from surveys.testing import Landlord, answers, invite, publish

Gql = Callable[..., Awaitable[dict[str, Any]]]


class Env:
    """The gateway, both services' own clients (for the setup) and a landlord with households."""

    def __init__(self, gql: Gql, surveys: httpx.AsyncClient, partners: httpx.AsyncClient, landlord: Landlord):
        self.gql, self.surveys, self.partners, self.landlord = gql, surveys, partners, landlord


@pytest.fixture
async def env(make_settings: Callable[..., Settings], test_issuer: TestIssuer) -> AsyncIterator[Env]:
    """Surveys and partners started behind the gateway; councils and spaces unreachable."""
    surveys_settings = make_settings(issuer=test_issuer.issuer, database_schema="surveys")
    migrations = script_location(Path(build_surveys.__code__.co_filename).resolve().parents[1])
    await asyncio.to_thread(upgrade, "surveys", migrations, surveys_settings)
    partners_settings = make_settings(issuer=test_issuer.issuer, database_schema="partners")
    await migrate_partners(partners_settings)
    surveys = build_surveys(surveys_settings, public_url="https://inspraak.test")
    partners = build_partners(partners_settings, PartnerSettings(allow_loopback=True))
    for app in (surveys, partners):
        test_issuer.install(app.state.runtime.verifier)
    sql = await asyncpg.connect(asyncpg_dsn(surveys_settings.database_url))
    await sql.execute("SET search_path TO surveys")
    unreachable = httpx.MockTransport(lambda request: httpx.Response(503))
    services = {"surveys": surveys, "partners": partners}
    async with (
        surveys.router.lifespan_context(surveys),
        partners.router.lifespan_context(partners),
        gateway_over(make_settings(), services, test_issuer, fallback=unreachable) as http,
        httpx.AsyncClient(transport=httpx.ASGITransport(surveys), base_url="http://surveys") as to_surveys,
        httpx.AsyncClient(transport=httpx.ASGITransport(partners), base_url="http://partners") as to_partners,
    ):

        async def gql(query: str, headers: dict[str, str], **variables: Any) -> dict[str, Any]:
            body = {"query": query, "variables": variables}
            response = await http.post("/graphql", json=body, headers={"Accept-Language": "en", **headers})
            assert response.status_code == 200, response.text
            result: dict[str, Any] = response.json()
            return result

        yield Env(gql, to_surveys, to_partners, Landlord(sql, test_issuer))
    await sql.close()


INDICATORS = """query ($landlord: ID!, $from: Date!, $to: Date!) {
  indicators(landlordId: $landlord, from: $from, to: $to) { landlordId
    surveys { consultationsPublished consultationsClosed consultationsOpen invited responded
      participationRate suppressionThreshold sites { siteId invited responded rate suppressed } }
    partners { activePartnerships partnersWithPartnership activitiesAnnounced deliveriesSucceeded
      deliveriesFailed failedAttempts } } }"""


async def _answer(env: Env, consultation: dict[str, Any], households: list[Any]) -> None:
    for household in households:
        url = f"/consultations/{consultation['id']}/responses"
        sent = await env.surveys.post(
            url, json={"answers": answers()}, headers=env.landlord.tenant(household)
        )
        assert sent.status_code == 201, sent.text


async def _partner_with_an_activity(env: Env, issuer: TestIssuer) -> None:
    landlord = env.landlord
    partner_id = await register_partner(
        env.partners, bearer(issuer.person("regional_admin", None)), "cpas-1070"
    )
    granted = await env.partners.post(
        "/partnerships",
        json={"partner_id": partner_id, "landlord_id": str(landlord.id)},
        headers=landlord.staff(),
    )
    assert granted.status_code == 201, granted.text
    starts = datetime.now(UTC) + timedelta(days=2)
    activity = {
        "landlord_id": str(landlord.id),
        "title": {"nl": "Schuldhulp", "fr": "Aide aux dettes"},
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=1)).isoformat(),
    }
    announced = await env.partners.post(
        "/activities", json=activity, headers=bearer(issuer.partner("cpas-1070"))
    )
    assert announced.status_code == 201, announced.text


async def test_indicators_bring_participation_per_site_suppressed_and_partner_activity(
    env: Env, test_issuer: TestIssuer
) -> None:
    landlord = env.landlord
    consultation = await publish(env.surveys, landlord)
    large, middle, small = landlord.site(), landlord.site(), landlord.site()
    large_households = await landlord.households(8, large)
    middle_households = await landlord.households(7, middle)
    small_households = await landlord.households(3, small)
    await invite(env.surveys, landlord, consultation["id"])
    await _answer(env, consultation, large_households[:7])
    await _answer(env, consultation, middle_households[:6])
    await _answer(env, consultation, small_households[:2])
    await _partner_with_an_activity(env, test_issuer)
    today = date.today()
    period = {
        "landlord": str(landlord.id),
        "from": (today - timedelta(days=1)).isoformat(),
        "to": today.isoformat(),
    }

    found = await env.gql(INDICATORS, landlord.staff(), **period)

    assert "errors" not in found, found
    surveys = found["data"]["indicators"]["surveys"]
    assert (
        surveys["consultationsPublished"],
        surveys["consultationsClosed"],
        surveys["consultationsOpen"],
    ) == (1, 0, 1)
    assert (surveys["invited"], surveys["responded"], surveys["participationRate"]) == (18, 15, 83.3)
    sites = {s["siteId"]: s for s in surveys["sites"]}
    assert sites[str(large[0])] == {
        "siteId": str(large[0]),
        "invited": 8,
        "responded": 7,
        "rate": 87.5,
        "suppressed": False,
    }
    hidden = {"invited": None, "responded": None, "rate": None, "suppressed": True}
    for site in (small, middle):  # the small one, and the next smallest so it cannot be found back
        assert {k: sites[str(site[0])][k] for k in hidden} == hidden
    assert found["data"]["indicators"]["partners"] == {
        "activePartnerships": 1,
        "partnersWithPartnership": 1,
        "activitiesAnnounced": 1,
        "deliveriesSucceeded": 0,
        "deliveriesFailed": 0,
        "failedAttempts": 0,
    }


async def test_each_part_is_refused_on_its_own_path_and_the_others_still_come(env: Env) -> None:
    landlord = env.landlord
    today = date.today().isoformat()
    period = {"landlord": str(landlord.id), "from": today, "to": today}
    with_spaces = INDICATORS.replace("{ landlordId", "{ landlordId spaces { noShows }")

    worker = await env.gql(INDICATORS, landlord.worker(), **period)
    staff = await env.gql(with_spaces, landlord.staff(), **period)

    assert worker["data"]["indicators"] == {"landlordId": str(landlord.id), "surveys": None, "partners": None}
    refusals = {tuple(e["path"]): e["extensions"]["code"] for e in worker["errors"]}
    assert refusals == {("indicators", "surveys"): "FORBIDDEN", ("indicators", "partners"): "FORBIDDEN"}
    # The rooms' service is down here: its part alone is null, the other parts come.
    assert staff["data"]["indicators"]["spaces"] is None
    assert [e["path"] for e in staff["errors"]] == [["indicators", "spaces"]]
    assert staff["data"]["indicators"]["surveys"]["consultationsPublished"] == 0
    assert staff["data"]["indicators"]["partners"]["activePartnerships"] == 0


async def test_a_landlord_id_that_is_not_a_uuid_is_a_validation_error_naming_it(env: Env) -> None:
    today = date.today().isoformat()
    found = await env.gql(
        INDICATORS, env.landlord.staff(), landlord="not-a-uuid", **{"from": today, "to": today}
    )

    codes = {(e["extensions"]["code"], e["extensions"].get("field")) for e in found["errors"]}
    assert codes == {("VALIDATION", "landlordId")}
