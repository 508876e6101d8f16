"""Queries through the real app: names in the caller's language, the tree of places, ``me``."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.global_ids import raw_id


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("nl-BE,nl;q=0.9", "ABC Huisvesting"),
        ("fr-BE,fr;q=0.8,en;q=0.5", "ABC Logement"),
        ("de-DE", "ABC Huisvesting"),
    ],
)
async def test_landlord_names_come_in_the_accept_language(
    graphql: Any, identity: Any, accept_language: str, expected: str
) -> None:
    identity.add_landlord("ABC")
    body = await graphql("{ landlords { name } }", language=accept_language)
    assert body == {"data": {"landlords": [{"name": expected}]}}


async def test_english_falls_back_to_dutch_and_reports_what_is_missing(graphql: Any, identity: Any) -> None:
    identity.add_landlord("ABC")
    query = """{ landlords { name localizedName {
        text fr: text(lang: "fr") translations { lang text } missing } } }"""
    body = await graphql(query, language="en")
    assert body["data"]["landlords"][0] == {
        "name": "ABC Huisvesting",
        "localizedName": {
            "text": "ABC Huisvesting",
            "fr": "ABC Logement",
            "translations": [
                {"lang": "nl", "text": "ABC Huisvesting"},
                {"lang": "fr", "text": "ABC Logement"},
            ],
            "missing": ["en"],
        },
    }


async def test_a_landlord_with_its_sites_and_their_buildings(graphql: Any, identity: Any) -> None:
    landlord = identity.add_landlord("ABC", sites=2, buildings=2)
    query = """query ($id: ID!) { landlord(id: $id) {
        id code dwellings municipalities sites { name municipality landlord { code }
        buildings { name address } } } }"""
    body = await graphql(query, {"id": landlord["id"]}, language="fr")
    result = body["data"]["landlord"]
    assert (raw_id(result["id"]), result["code"], result["dwellings"]) == (landlord["id"], "ABC", 1200)
    assert [site["name"] for site in result["sites"]] == ["Quartier ABC-0", "Quartier ABC-1"]
    assert result["sites"][0]["landlord"] == {"code": "ABC"}
    assert result["sites"][1]["buildings"] == [
        {"name": "Blok 0", "address": "Rue ABC 0"},
        {"name": "Blok 1", "address": "Rue ABC 1"},
    ]


async def test_me_is_null_for_an_anonymous_caller(graphql: Any, identity: Any) -> None:
    assert await graphql("{ me { subject } }") == {"data": {"me": None}}
    assert identity.calls("/me") == []


async def test_me_asks_identity_with_the_callers_token_language_and_correlation_id(
    graphql: Any, identity: Any, make_token: Any
) -> None:
    landlord = identity.add_landlord("ABC")
    identity.me = {
        "subject": "person-1",
        "kind": "person",
        "person": {"id": "p1", "display_name": "Amina", "preferred_language": "fr"},
        "household": None,
        "client_id": None,
        "memberships": [
            {
                "id": "m1",
                "role": "council_member",
                "landlord_id": landlord["id"],
                "valid_from": "2025-01-01",
                "valid_to": None,
            }
        ],
    }
    token = make_token()
    query = """{ me { subject kind person { displayName } household { id }
        memberships { role validFrom validTo landlord { name } } } }"""
    body = await graphql(query, token=token, language="fr", headers={"X-Correlation-Id": "corr-me-1"})
    assert body["data"]["me"] == {
        "subject": "person-1",
        "kind": "PERSON",
        "person": {"displayName": "Amina"},
        "household": None,
        "memberships": [
            {
                "role": "council_member",
                "validFrom": "2025-01-01",
                "validTo": None,
                "landlord": {"name": "ABC Logement"},
            }
        ],
    }
    (call,) = identity.calls("/me")
    assert call.headers["authorization"] == f"Bearer {token}"
    assert call.headers["accept-language"] == "fr"
    assert call.headers["x-correlation-id"] == "corr-me-1"
