"""The councils service's REST API (internal: the gateway is its client)."""

from fastapi import APIRouter

from councils.entrypoints.http import advice, agenda, councils, indicators, meetings

ROUTERS: tuple[APIRouter, ...] = (
    councils.router,
    agenda.router,
    meetings.router,
    advice.router,
    indicators.router,
)
