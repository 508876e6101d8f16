"""Anonymous by construction: nothing in the answers table leads back to a household."""

from __future__ import annotations

from surveys.testing import answers, invite, publish

IDENTIFYING = {"household_id", "person_id", "code", "code_hash", "invitation_id", "subject", "user_id"}
TIME_TYPES = {"timestamp with time zone", "timestamp without time zone", "date", "time without time zone"}
# What the answers table may hold: its own random id, the consultation, and the two coarse
# attributes results are broken down by (suppressed when small).
ALLOWED = {"id", "consultation_id", "site_id", "channel", "answers"}


async def _columns(sql, table: str) -> dict[str, str]:
    rows = await sql.fetch(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'surveys' AND table_name = $1",
        table,
    )
    return {row["column_name"]: row["data_type"] for row in rows}


async def test_the_answers_table_has_no_column_that_links_to_a_household(sql) -> None:
    columns = await _columns(sql, "answers")
    assert set(columns) == ALLOWED
    assert not IDENTIFYING & set(columns)
    assert not TIME_TYPES & set(columns.values()), "no exact (or any) time"
    references = await sql.fetch(
        "SELECT confrelid::regclass::text AS target, "
        "(SELECT array_agg(attname::text) FROM pg_attribute "
        "WHERE attrelid = conrelid AND attnum = ANY(conkey)) AS cols "
        "FROM pg_constraint WHERE conrelid = 'surveys.answers'::regclass AND contype = 'f'"
    )
    assert [(row["target"], row["cols"]) for row in references] == [("consultations", ["consultation_id"])]
    assert (
        await sql.fetchval(
            "SELECT column_default FROM information_schema.columns WHERE table_schema = 'surveys' "
            "AND table_name = 'answers' AND column_name = 'id'"
        )
        is None
    ), "the id is random (uuid4 from the service), not a sequence that orders answers"


async def test_the_ledger_and_the_answers_share_no_key_nor_an_exact_time(client, landlord, sql) -> None:
    ledger = await _columns(sql, "participation")
    answer_columns = await _columns(sql, "answers")
    assert set(ledger) & set(answer_columns) == {"consultation_id", "site_id", "channel"}
    assert ledger["day"] == "date", "participation knows the day, never the time"

    consultation = await publish(client, landlord)
    households = await landlord.households(4)
    await invite(client, landlord, consultation["id"])
    for household in households:
        url = f"/consultations/{consultation['id']}/responses"
        await client.post(url, json={"answers": answers()}, headers=landlord.tenant(household))
    answer_ids = {row["id"] for row in await sql.fetch("SELECT id FROM answers")}
    ledger_values = {
        value for row in await sql.fetch("SELECT * FROM participation") for value in row.values()
    }
    invitation_values = {
        value for row in await sql.fetch("SELECT * FROM invitations") for value in row.values()
    }
    assert len(answer_ids) == 4
    assert not answer_ids & (ledger_values | invitation_values), "no answers id is known elsewhere"
    household_values = {str(h) for h in households}
    stored = [str(row["answers"]) for row in await sql.fetch("SELECT answers FROM answers")]
    assert not any(h in text for h in household_values for text in stored)
