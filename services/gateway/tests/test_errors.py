"""Typed, stable errors in the caller's language; everything else masked with a correlation id."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
import structlog
from joserfc.jwk import ECKey

from kernel.localisation import translate


async def test_an_unknown_landlord_is_not_found_in_the_callers_language(graphql: Any) -> None:
    query = "query ($id: ID!) { landlord(id: $id) { name } }"
    body = await graphql(query, {"id": str(uuid.uuid4())}, language="fr")
    assert body["data"] == {"landlord": None}
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "NOT_FOUND"}
    assert error["message"] == translate("error.not_found", "fr")
    assert error["path"] == ["landlord"]


async def test_a_malformed_id_is_a_validation_error_naming_the_field(graphql: Any, identity: Any) -> None:
    body = await graphql('{ landlord(id: "42") { name } }', language="en")
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "VALIDATION", "field": "id"}
    assert error["message"] == translate("error.invalid_value", "en")
    assert identity.calls() == []


async def test_an_unknown_language_is_a_validation_error(graphql: Any, identity: Any) -> None:
    identity.add_landlord("ABC")
    body = await graphql('{ landlords { localizedName { text(lang: "de") } } }')
    assert body["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "lang"}


def _bad_tokens(make_token: Any) -> dict[str, str]:
    return {
        "garbage": "not-a-jwt",
        "foreign key": make_token(key=ECKey.generate_key("P-256", parameters={"kid": "test-key"})),
        "unknown kid": make_token(key=ECKey.generate_key("P-256", parameters={"kid": "other"})),
        "expired": make_token(exp=1_000_000),
        "wrong audience": make_token(aud="someone-else"),
        "untrusted issuer": make_token(iss="http://evil.test"),
    }


@pytest.mark.parametrize(
    "case", ["garbage", "foreign key", "unknown kid", "expired", "wrong audience", "untrusted issuer"]
)
async def test_an_invalid_token_is_unauthenticated(
    client: httpx.AsyncClient, identity: Any, make_token: Any, case: str
) -> None:
    token = _bad_tokens(make_token)[case]
    response = await client.post(
        "/graphql",
        json={"query": "{ landlords { name } }"},
        headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"},
    )
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    body = response.json()
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "UNAUTHENTICATED"}
    assert error["message"].startswith("Your session ")
    assert identity.calls() == []


@pytest.mark.parametrize(
    ("problem", "extensions", "message"),
    [
        (
            {"code": "FORBIDDEN", "message_key": "error.forbidden"},
            {"code": "FORBIDDEN"},
            translate("error.forbidden", "fr"),
        ),
        (
            {"code": "CONFLICT", "message_key": "error.conflict"},
            {"code": "CONFLICT"},
            translate("error.conflict", "fr"),
        ),
        (
            {
                "code": "VALIDATION",
                "message_key": "identity.something_odd",
                "field": "household_id",
                "detail": "Ce ménage est inconnu.",
            },
            {"code": "VALIDATION", "field": "household_id"},
            "Ce ménage est inconnu.",
        ),
    ],
)
async def test_identity_problems_keep_their_code_field_and_language(
    graphql: Any,
    identity: Any,
    make_token: Any,
    problem: dict[str, Any],
    extensions: dict[str, str],
    message: str,
) -> None:
    body = {"type": "about:blank", "title": problem["code"], "status": 400, "detail": "x", **problem}
    identity.answer = lambda request: httpx.Response(400, json=body)
    result = await graphql("{ me { subject } }", token=make_token(), language="fr")
    (error,) = result["errors"]
    assert error["extensions"] == extensions
    assert error["message"] == message


async def test_a_plain_exception_is_masked_with_the_correlation_id_and_logged(
    client: httpx.AsyncClient, identity: Any
) -> None:
    def explode(request: httpx.Request) -> httpx.Response:
        raise RuntimeError("SELECT password FROM people -- boom")

    identity.answer = explode
    with structlog.testing.capture_logs() as logs:
        response = await client.post(
            "/graphql", json={"query": "{ landlords { name } }"}, headers={"X-Correlation-Id": "corr-42"}
        )
    assert response.status_code == 200
    assert response.headers["x-correlation-id"] == "corr-42"
    assert "SELECT" not in response.text and "Traceback" not in response.text
    (error,) = response.json()["errors"]
    assert error["message"] == "Unexpected error."
    assert error["extensions"] == {"code": "INTERNAL", "correlation_id": "corr-42"}
    (entry,) = [e for e in logs if e["event"] == "graphql.unexpected_error"]
    assert entry["correlation_id"] == "corr-42"
    assert isinstance(entry["exc_info"], RuntimeError)


async def test_a_failing_service_is_masked_too(graphql: Any, identity: Any) -> None:
    identity.answer = lambda request: httpx.Response(502, text="<html>bad gateway</html>")
    body = await graphql("{ landlords { name } }")
    (error,) = body["errors"]
    assert error["message"] == "Unexpected error."
    assert error["extensions"]["code"] == "INTERNAL"
    assert error["extensions"]["correlation_id"]


async def test_graphql_syntax_errors_are_reported_as_they_are(graphql: Any) -> None:
    body = await graphql("{ landlords { nope } }")
    (error,) = body["errors"]
    assert "Cannot query field 'nope'" in error["message"]


async def test_a_subscription_sent_over_http_is_refused_with_a_code_not_an_internal_error(
    graphql: Any,
) -> None:
    body = await graphql("subscription { events { id } }", status=400)
    assert body["errors"][0]["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
    assert "WebSocket" in body["errors"][0]["message"]


async def test_a_document_graphql_refuses_carries_a_code(graphql: Any) -> None:
    unknown = await graphql("{ noSuchField }")
    broken = await graphql("{ me { subject }")
    assert unknown["errors"][0]["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
    assert broken["errors"][0]["extensions"] == {"code": "GRAPHQL_PARSE_FAILED"}
