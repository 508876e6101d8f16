"""RFC 9457 problem-details responses and the HTTP metrics every service shares."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from prometheus_client import Counter, Histogram

from kernel.logging import correlation_id_var

CORRELATION_HEADER = "X-Correlation-Id"
REQUESTS = Counter("inspraak_http_requests_total", "HTTP requests", ["service", "method", "status"])
LATENCY = Histogram("inspraak_http_request_seconds", "HTTP request latency", ["service", "method"])


def problem(
    request: Request, status: int, code: str, detail: str, *, field: str | None = None, **extra: Any
) -> JSONResponse:
    """An RFC 9457 problem-details response."""
    body: dict[str, Any] = {
        "type": f"urn:inspraak:problem:{code.lower()}",
        "title": code,
        "status": status,
        "code": code,
        "detail": detail,
        "correlation_id": correlation_id_var.get(),
        **extra,
    }
    if field is not None:
        body["field"] = field
    return JSONResponse(body, status_code=status, media_type="application/problem+json")
