"""The partners service's REST API (internal: the gateway is its client)."""

from fastapi import APIRouter

from partners.entrypoints.http import activities, directory, indicators, subscriptions

ROUTERS: tuple[APIRouter, ...] = (
    directory.router,
    subscriptions.router,
    activities.router,
    indicators.router,
)
