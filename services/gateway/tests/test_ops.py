"""Health, readiness, metrics, correlation ids and problem details outside GraphQL."""

from __future__ import annotations

from typing import Any

import httpx


async def test_healthz_answers(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_ready_when_identity_answers(client: httpx.AsyncClient, identity: Any) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"ready": True, "checks": {"identity": True}}
    assert [r.url.path for r in identity.calls()] == ["/healthz"]


async def test_not_ready_when_identity_is_down(client: httpx.AsyncClient, identity: Any) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    identity.answer = refuse
    response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"identity": False}


async def test_metrics_count_requests(client: httpx.AsyncClient) -> None:
    await client.get("/healthz")
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert 'inspraak_http_requests_total{method="GET",service="gateway",status="200"}' in response.text


async def test_a_correlation_id_is_kept_or_made(client: httpx.AsyncClient) -> None:
    kept = await client.get("/healthz", headers={"X-Correlation-Id": "abc-123"})
    assert kept.headers["x-correlation-id"] == "abc-123"
    made = await client.get("/healthz", headers={"X-Correlation-Id": "bad id\r\nx"})
    assert made.headers["x-correlation-id"] not in ("", "bad id\r\nx")


async def test_unknown_paths_get_problem_details(client: httpx.AsyncClient) -> None:
    response = await client.get("/nope", headers={"X-Correlation-Id": "c-404"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert (body["code"], body["status"], body["correlation_id"]) == ("NOT_FOUND", 404, "c-404")
