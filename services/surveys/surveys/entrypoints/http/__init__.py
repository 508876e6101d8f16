"""The surveys service's REST API (internal: the gateway is its client)."""

from fastapi import APIRouter

from surveys.entrypoints.http import answers, consultations, indicators, results

ROUTERS: tuple[APIRouter, ...] = (
    consultations.router,
    answers.router,
    answers.invitations,
    results.router,
    indicators.router,
)
