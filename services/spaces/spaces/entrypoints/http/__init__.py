"""The spaces service's REST API (internal: the gateway is its client; feeds are public)."""

from fastapi import APIRouter

from spaces.entrypoints.http import bookings, feeds, indicators, spaces

ROUTERS: tuple[APIRouter, ...] = (spaces.router, bookings.router, feeds.router, indicators.router)
