"""The app factory: the runtime, the fan-out consumers, the webhook delivery worker, the routes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import httpx
from fastapi import FastAPI

from kernel.http import create_service_app
from kernel.localisation import register_catalogue
from kernel.runtime import ServiceRuntime
from kernel.settings import Settings, service_settings
from partners.domain.retries import RetryPolicy
from partners.entrypoints.consumers import register_consumers
from partners.entrypoints.deps import PartnerParts
from partners.entrypoints.http import ROUTERS
from partners.service.delivery_worker import DeliveryWorker
from partners.service.urls import UrlGuard
from partners.settings import PartnerSettings

SERVICE = "partners"
LOCALES = Path(__file__).resolve().parent.parent / "locales"


def retry_policy(settings: PartnerSettings) -> RetryPolicy:
    """The retry schedule and disabling rules from the settings."""
    return RetryPolicy(
        schedule=tuple(settings.retry_schedule_seconds),
        jitter=settings.retry_jitter,
        max_retry_after=settings.max_retry_after_seconds,
        disable_after=timedelta(seconds=settings.disable_after_seconds),
    )


def url_guard(settings: Settings, partner_settings: PartnerSettings) -> UrlGuard:
    """https only in production (unless said otherwise); loopback only when allow-listed."""
    require_https = partner_settings.require_https
    if require_https is None:
        require_https = settings.environment == "production"
    return UrlGuard(require_https=require_https, allow_loopback=partner_settings.allow_loopback)


def build_app(settings: Settings, partner_settings: PartnerSettings | None = None) -> FastAPI:
    """The partners service for ``settings`` (tests pass their own, and compressed retries)."""
    register_catalogue(LOCALES)
    own = partner_settings or PartnerSettings()
    runtime = ServiceRuntime(SERVICE, settings)
    policy = retry_policy(own)
    guard = url_guard(settings, own)
    http = httpx.AsyncClient(timeout=own.delivery_timeout_seconds, follow_redirects=False)
    runtime.on_stop(http.aclose)
    worker = DeliveryWorker(runtime.sessions, http, guard, policy, own, runtime.relay.wake)
    register_consumers(runtime, policy, worker.wake)
    runtime.background("delivery", worker.run)
    app = create_service_app(runtime, ROUTERS, title="Inspraak partners")
    app.state.partners = PartnerParts(settings=own, guard=guard)
    app.state.delivery_worker = worker
    return app


def create_app() -> FastAPI:
    """The partners service configured from the environment (``INSPRAAK_[PARTNERS_]*``)."""
    return build_app(service_settings(SERVICE))
