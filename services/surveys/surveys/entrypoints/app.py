"""The app factory: wires the runtime, the household projection consumer and the routers."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI

from kernel.http import create_service_app
from kernel.localisation import register_catalogue
from kernel.runtime import ServiceRuntime
from kernel.settings import Settings, service_settings
from surveys.entrypoints.http import ROUTERS
from surveys.service.consultations import flag_overdue_follow_ups
from surveys.service.projection import HOUSEHOLD_EVENTS, on_household_event
from surveys.service.unit_of_work import unit_of_work

SERVICE = "surveys"
LOCALES = Path(__file__).resolve().parent.parent / "locales"
DEFAULT_PUBLIC_URL = "https://inspraak.brussels"
CONSUMER = "surveys-households"
OVERDUE_CHECK_SECONDS = 3600.0


def build_app(settings: Settings, *, public_url: str | None = None) -> FastAPI:
    """The surveys service for ``settings`` (tests pass their own).

    ``public_url`` is the portal address printed on letters (``INSPRAAK_SURVEYS_PUBLIC_URL``).
    """
    register_catalogue(LOCALES)
    runtime = ServiceRuntime(SERVICE, settings)
    runtime.consume(CONSUMER, "identity", HOUSEHOLD_EVENTS, on_household_event)

    async def flag_overdue() -> None:
        async with unit_of_work(runtime.sessions) as uow:
            await flag_overdue_follow_ups(uow)

    runtime.every("follow-up-overdue", OVERDUE_CHECK_SECONDS, flag_overdue)
    app = create_service_app(runtime, ROUTERS, title="Inspraak surveys")
    app.state.public_url = public_url or os.environ.get("INSPRAAK_SURVEYS_PUBLIC_URL", DEFAULT_PUBLIC_URL)
    return app


def create_app() -> FastAPI:
    """The surveys service configured from the environment (``INSPRAAK_[SURVEYS_]*``)."""
    return build_app(service_settings(SERVICE))
