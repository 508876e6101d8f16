"""``seed-demo`` loads the 16 landlords once, through the handlers, and its logins work."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from identity.service.demo import seed_demo
from identity.testing import bearer, count_rows, outbox_events

PORTAL = "inspraak-portal"


async def test_the_demo_loads_once_and_its_credentials_work(client, sessions) -> None:
    first = await seed_demo(sessions)
    events = len(await outbox_events(sessions))
    again = await seed_demo(sessions)
    assert again == first
    assert len(await outbox_events(sessions)) == events, "nothing loaded twice"

    landlords = (await client.get("/landlords")).json()
    assert len(landlords) == 16
    by_code = {landlord["code"]: landlord for landlord in landlords}
    assert by_code["logement-bruxellois"]["name"]["nl"] == "Brusselse Woning"
    assert by_code["logement-bruxellois"]["name"]["fr"] == "Logement Bruxellois"
    assert all(1800 <= landlord["dwellings"] <= 3600 for landlord in landlords)
    assert len(await outbox_events(sessions, "inspraak.identity.household.registered")) == await count_rows(
        sessions, "households"
    )

    staff = {"grant_type": "password", "client_id": PORTAL, **first["landlord_staff"]}
    token = (await client.post("/oauth/token", data=staff)).json()["access_token"]
    me = (await client.get("/me", headers=bearer(token))).json()
    assert [(m["role"], m["landlord_id"]) for m in me["memberships"]] == [
        ("landlord_staff", by_code["foyer-anderlechtois"]["id"])
    ]

    tenant = {"grant_type": "urn:inspraak:params:oauth:grant-type:activation-code", "client_id": PORTAL}
    assert (
        await client.post("/oauth/token", data={**tenant, "code": first["tenant"]["activation_code"]})
    ).status_code == 200
    partner = {"grant_type": "client_credentials", **first["partner_client"]}
    assert (await client.post("/oauth/token", data=partner)).status_code == 200
    assert first["portal_client_id"] == PORTAL


def test_the_command_prints_the_same_json_twice(settings) -> None:
    env = {
        **os.environ,
        "INSPRAAK_DATABASE_URL": settings.database_url,
        "INSPRAAK_IDENTITY_DATABASE_SCHEMA": "identity",
        "INSPRAAK_LOG_JSON": "false",
    }
    runs = [
        subprocess.run(
            [sys.executable, "-m", "identity", "seed-demo"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        for _ in range(2)
    ]
    assert runs[0].stdout == runs[1].stdout
    printed = json.loads(runs[0].stdout)
    assert set(printed) == {
        "tenant",
        "council_member",
        "community_worker",
        "landlord_staff",
        "regional_admin",
        "partner_client",
        "portal_client_id",
    }
