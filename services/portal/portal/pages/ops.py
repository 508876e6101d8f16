"""Liveness and readiness for the platform supervisor and orchestrators."""

from __future__ import annotations

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

router = APIRouter(include_in_schema=False)


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process answers."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    """Ready when the gateway answers."""
    try:
        gateway_ok = (await request.app.state.portal.http.get("/healthz", timeout=2.0)).is_success
    except httpx.HTTPError:
        gateway_ok = False
    status = 200 if gateway_ok else 503
    return JSONResponse({"ready": gateway_ok, "checks": {"gateway": gateway_ok}}, status_code=status)
