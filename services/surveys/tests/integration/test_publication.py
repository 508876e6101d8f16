"""Publishing a consultation: nothing reaches tenants without NL and FR texts, an owner, a
follow-up date and sound display conditions; a published one is announced by an event."""

from __future__ import annotations

import pytest

from surveys.testing import consultation_body, create, outbox, publish, questionnaire, text


async def _publish(client, landlord, **overrides):
    draft = await create(client, landlord, **overrides)
    return await client.post(f"/consultations/{draft['id']}/publish", headers=landlord.staff())


def _cyclic_questions():
    questions = questionnaire()
    questions[0]["show_if"] = {"question": "which"}
    return questions


def _forward_questions():
    questions = questionnaire()
    questions[2]["show_if"] = {"question": "ideas"}
    return questions


def _question_without_fr():
    questions = questionnaire()
    questions[0]["options"][1]["label"] = {"nl": "Zaal", "fr": None}
    return questions


@pytest.mark.parametrize(
    ("overrides", "field", "key"),
    [
        ({"title": {"nl": "Onze ruimte", "fr": None}}, "title.fr", "surveys.text_missing"),
        ({"description": {"nl": None, "fr": "Que faire ?"}}, "description.nl", "surveys.text_missing"),
        (
            {"questions": _question_without_fr()},
            "questions.room.options.hall.label.fr",
            "surveys.text_missing",
        ),
        ({"owner_id": None}, "owner_id", "surveys.owner_missing"),
        ({"follow_up_due": None}, "follow_up_due", "surveys.follow_up_missing"),
        ({"questions": _cyclic_questions()}, "questions.room.show_if", "surveys.condition_cycle"),
        ({"questions": _forward_questions()}, "questions.mood.show_if", "surveys.condition_forward"),
    ],
    ids=[
        "no FR title",
        "no NL description",
        "no FR option",
        "no owner",
        "no follow-up date",
        "cycle",
        "forward reference",
    ],
)
async def test_an_incomplete_consultation_is_refused_naming_what_is_missing(
    client, landlord, sql, overrides, field, key
) -> None:
    response = await _publish(client, landlord, **overrides)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert (problem["code"], problem["field"], problem["message_key"]) == ("VALIDATION", field, key)
    assert await outbox(sql, "inspraak.surveys.consultation.published") == []
    assert await sql.fetchval("SELECT count(*) FROM consultations WHERE status = 'draft'") == 1


async def test_a_complete_consultation_is_published_and_announced(client, landlord, sql) -> None:
    published = await publish(client, landlord)
    assert (published["status"], published["phase"]) == ("published", "open")
    [event] = await outbox(sql, "inspraak.surveys.consultation.published")
    assert event["consultation_id"] == published["id"]
    assert event["landlord_id"] == str(landlord.id)
    assert event["title"]["fr"] == "Onze gemeenschappelijke ruimte (fr)"


async def test_a_published_consultation_cannot_be_published_again(client, landlord) -> None:
    published = await publish(client, landlord)
    again = await client.post(f"/consultations/{published['id']}/publish", headers=landlord.staff())
    assert again.status_code == 409
    assert again.json()["message_key"] == "surveys.not_draft"


async def test_a_draft_can_be_completed_and_then_published(client, landlord) -> None:
    draft = await create(client, landlord, owner_id=None)
    body = consultation_body(landlord, title=text("Nieuwe titel", "Nouveau titre"))
    revised = await client.put(f"/consultations/{draft['id']}", json=body, headers=landlord.staff())
    assert revised.status_code == 200, revised.text
    published = await client.post(f"/consultations/{draft['id']}/publish", headers=landlord.staff())
    assert published.status_code == 200, published.text
    assert published.json()["title"]["fr"] == "Nouveau titre"


async def test_only_staff_or_workers_of_the_landlord_create_consultations(
    client, landlord, test_issuer
) -> None:
    other = test_issuer.person("landlord_staff", "00000000-0000-0000-0000-000000000001")
    tenant = test_issuer.tenant(landlord.id)
    for token in (other, tenant):
        response = await client.post(
            "/consultations", json=consultation_body(landlord), headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 403


async def test_a_threshold_below_three_is_refused(client, landlord) -> None:
    response = await client.post(
        "/consultations", json=consultation_body(landlord, suppression_threshold=2), headers=landlord.staff()
    )
    assert response.status_code == 422
    assert response.json()["field"] == "suppression_threshold"


async def test_drafts_stay_unseen_by_tenants(client, landlord) -> None:
    draft = await create(client, landlord)
    [household] = await landlord.households(1)
    response = await client.get(f"/consultations/{draft['id']}", headers=landlord.tenant(household))
    assert response.status_code == 404
    listing = await client.get("/consultations", params={"landlord_id": str(landlord.id)})
    assert listing.json()["items"] == []
