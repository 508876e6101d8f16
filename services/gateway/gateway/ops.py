"""Operational endpoints: liveness, readiness (identity reachable) and Prometheus metrics."""

from __future__ import annotations

import httpx
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from gateway.state import GatewayState

router = APIRouter(include_in_schema=False)


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process answers."""
    return {"status": "ok"}


async def _reachable(http: httpx.AsyncClient) -> bool:
    try:
        response = await http.get("/healthz", timeout=2.0)
    except httpx.HTTPError:
        return False
    return response.is_success


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    """Ready when the services behind the gateway answer."""
    state: GatewayState = request.app.state.gateway
    checks = {"identity": await _reachable(state.clients.identity)}
    status = 200 if all(checks.values()) else 503
    return JSONResponse({"ready": status == 200, "checks": checks}, status_code=status)


@router.get("/metrics")
async def metrics() -> Response:
    """Prometheus metrics of this process."""
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
