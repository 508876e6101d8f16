"""Invitations: one unguessable code per household of the audience, stored only as a hash."""

from __future__ import annotations

import csv
import io
import time

from surveys.domain.invitations import hash_code
from surveys.testing import invite, publish


async def test_40000_invitations_are_issued_in_one_call(client, landlord, sql) -> None:
    consultation = await publish(client, landlord)
    for _ in range(8):
        await landlord.households(5000)
    started = time.perf_counter()
    response = await client.post(f"/consultations/{consultation['id']}/invitations", headers=landlord.staff())
    elapsed = time.perf_counter() - started
    assert response.status_code == 201, response.text
    assert response.json()["issued"] == 40_000
    assert await sql.fetchval("SELECT count(DISTINCT code_hash) FROM invitations") == 40_000
    print(
        f"\nBENCHMARK issueInvitations: 40,000 invitations with letters in {elapsed:.2f} s "
        f"({40_000 / elapsed:,.0f}/s)"
    )


async def test_codes_are_stored_hashed_and_letters_speak_the_households_language(
    client, landlord, sql
) -> None:
    consultation = await publish(client, landlord)
    [dutch] = await landlord.households(1, language="nl")
    [french] = await landlord.households(1, language="fr")
    response = await client.post(f"/consultations/{consultation['id']}/invitations", headers=landlord.staff())
    letters = {
        row["household_id"]: row for row in csv.DictReader(io.StringIO(response.json()["letters_csv"]))
    }
    assert letters[str(french)]["letter"].startswith("Vous êtes invité")
    assert letters[str(dutch)]["letter"].startswith("U wordt uitgenodigd")
    assert letters[str(dutch)]["url"].startswith("https://inspraak.test/c/")
    stored = {row["code_hash"] for row in await sql.fetch("SELECT code_hash FROM invitations")}
    codes = {letter["code"] for letter in letters.values()}
    assert stored == {hash_code(code) for code in codes}
    assert not codes & stored


async def test_issuing_again_only_invites_households_that_joined_since(client, landlord) -> None:
    consultation = await publish(client, landlord)
    await landlord.households(3)
    first = await invite(client, landlord, consultation["id"])
    [newcomer] = await landlord.households(1)
    response = await client.post(f"/consultations/{consultation['id']}/invitations", headers=landlord.staff())
    assert (response.json()["issued"], response.json()["already_invited"]) == (1, 3)
    assert str(newcomer) in response.json()["letters_csv"]
    assert len(first) == 3


async def test_the_audience_can_be_narrowed_to_sites(client, landlord, test_issuer) -> None:
    chosen, other = landlord.site(), landlord.site()
    inside = await landlord.households(2, chosen)
    await landlord.households(2, other)
    consultation = await publish(client, landlord, site_ids=[str(chosen[0])])
    codes = await invite(client, landlord, consultation["id"])
    assert set(codes) == {str(h) for h in inside}


async def test_a_draft_issues_no_invitations(client, landlord) -> None:
    from surveys.testing import create

    draft = await create(client, landlord)
    response = await client.post(f"/consultations/{draft['id']}/invitations", headers=landlord.staff())
    assert response.status_code == 409
